import type { MaestroConfig } from '../core/config/config-schema.js';
import type { Decision } from '../core/plan/decision.js';
import type { Question } from '../core/plan/plan-schema.js';
import { decideTechStack } from '../discovery/decisions/decide-tech-stack.js';
import { detectArchitecture } from '../discovery/decisions/detect-architecture.js';
import type { StackFacts } from '../discovery/decisions/stack-facts.js';
import type { StackInfo } from '../discovery/discover.js';

export function stackFacts(stack: StackInfo): StackFacts {
  return {
    languages: stack.languages.map((l) => ({ name: l.name, share: l.share })),
    packageManagers: stack.packageManagers,
    frameworks: stack.frameworks,
    testRunners: stack.testRunners,
    dependencies: stack.dependencies,
  };
}

/** Decisions the repository itself answers, before the model is asked anything. */
export function repositoryDecisions(
  stack: StackInfo,
  paths: readonly string[],
  config: MaestroConfig,
): Decision[] {
  return [...decideTechStack(stackFacts(stack), config.decision_engine), detectArchitecture(paths)];
}

/**
 * A decision below `decision_engine.confidence_threshold` is not assumed silently: it becomes a
 * question whose default is the decision, so a human can correct it before approving.
 */
export function questionsForLowConfidence(
  decisions: readonly Decision[],
  threshold: number,
  existing: readonly Question[],
): Question[] {
  let next = existing.reduce((max, q) => Math.max(max, Number(q.id.slice(1)) || 0), 0);
  const asked = new Set(existing.map((q) => q.question.toLowerCase()));
  const out: Question[] = [];
  for (const d of decisions) {
    if (d.confidence >= threshold) continue;
    const question = `${d.topic}: is "${d.choice}" right?`;
    if (asked.has(question.toLowerCase())) continue;
    next += 1;
    out.push({ id: `Q${next}`, question, default: `Yes — ${d.choice}`, why: d.rationale, blocking: false });
  }
  return out;
}

/**
 * Repository decisions first, then the planner's — minus those that only restate a repository
 * decision. A planner decision that departs from the repository's (same topic, other choice) is
 * kept, so the reviewer sees the departure and its rationale side by side.
 */
export function mergeDecisions(
  fromRepository: readonly Decision[],
  fromModel: readonly Decision[],
  ordering: Decision,
): Decision[] {
  const key = (d: Decision) => `${d.topic.toLowerCase()}\u0000${d.choice.toLowerCase()}`;
  const known = new Set(fromRepository.map(key));
  const model = fromModel.filter((d) => d.kind !== 'task-ordering' && !known.has(key(d)));
  return [...fromRepository, ...model, ordering];
}
