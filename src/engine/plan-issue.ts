import { chains } from '../core/chains/chains.js';
import { classifyIntent, type IntentClassification } from '../core/chains/classify-intent.js';
import type { MaestroConfig } from '../core/config/config-schema.js';
import {
  type Answer,
  createRevision,
  type IssueSnapshot,
  type PlanRevision,
} from '../core/plan/plan-revision.js';
import { type PlanDraft, planDraftSchema } from '../core/plan/plan-schema.js';
import { describeProblems, validateTaskGraph } from '../core/tasks/validate-task-graph.js';
import type { FileAnalysis } from '../discovery/analyse-file.js';
import { decideTaskOrdering } from '../discovery/decisions/decide-task-ordering.js';
import { type DiscoveryResult, discover } from '../discovery/discover.js';
import type { CacheStore } from '../ports/cache-port.js';
import type { Clock } from '../ports/clock-port.js';
import type { FileAnalyser } from '../ports/file-analyser-port.js';
import type { ModelPort } from '../ports/model-port.js';
import type { Progress } from '../ports/progress-port.js';
import type { RepositoryReader } from '../ports/repository-port.js';
import { repositoryContextOf } from './describe-discovery.js';
import { PLANNING_INSTRUCTIONS, planningPrompt } from './prompts/planning-prompt.js';
import { mergeDecisions, questionsForLowConfidence, repositoryDecisions } from './repository-decisions.js';
import { sanitizeSnapshot } from './sanitize-snapshot.js';

export interface PlanDeps {
  model: ModelPort;
  repo: RepositoryReader;
  cache: CacheStore;
  config: MaestroConfig;
  progress: Progress;
  clock: Clock;
  /** Analyses what the discovery cache lacks (worker threads, from the host); default in-process. */
  analyser?: FileAnalyser<FileAnalysis>;
}

export interface PlanInput {
  /** The issue as it stands at trigger time; sanitised here, before anything reaches the model. */
  snapshot: IssueSnapshot;
  chainOverride?: string;
  answers?: Record<string, Answer>;
  feedback?: string[];
  /** The revision being replaced (answers, revise feedback, another chain). */
  previous?: PlanRevision;
  /** Discovery from an earlier round on the same code, reused instead of recomputed. */
  discovery?: DiscoveryResult;
}

export interface PlannedIssue {
  kind: 'planned';
  revision: PlanRevision;
  intent: IntentClassification;
  discovery: DiscoveryResult;
  /** Removals per sanitiser pass over the issue text, answers and feedback. */
  sanitized: Record<string, number>;
  /** True when the first answer's task graph was invalid and a repair round fixed it. */
  graphRepaired: boolean;
}

/**
 * Phase 1, planning: issue → chain → discovery → repository decisions → planner model →
 * validated task preview → a hashed plan revision. Asking questions and approving are the
 * caller's (terminal prompt or GitHub comments); this use case only produces revisions.
 */
export async function planIssue(input: PlanInput, deps: PlanDeps): Promise<PlannedIssue> {
  const { config, progress } = deps;
  const clean = sanitizeSnapshot(input.snapshot, input.answers, input.feedback);
  const sanitizedCount = Object.values(clean.removed).reduce((a, b) => a + b, 0);
  if (sanitizedCount > 0)
    progress.warn(`Removed ${sanitizedCount} hidden element(s) from the issue text before planning`);

  // 1. Chain: override, labels, keywords (the seed's intent classification).
  const intent = classifyIntent({
    labels: clean.snapshot.labels,
    title: clean.snapshot.title,
    body: clean.snapshot.body,
    override: input.chainOverride,
  });
  progress.step(
    `Chain: ${intent.chain} (${intent.source}${intent.matched.length ? `: ${intent.matched.join(', ')}` : ''})`,
  );
  for (const note of intent.notes) progress.warn(note);

  // 2. Discovery: ranked, budgeted repository context (cached by blob id).
  progress.step('Analyzing codebase...');
  const discovery =
    input.discovery ??
    (await discover({
      repo: deps.repo,
      cache: deps.cache,
      issue: { title: clean.snapshot.title, body: clean.snapshot.body },
      budgetTokens: config.planning.context_budget_tokens,
      ...(deps.analyser ? { analyser: deps.analyser } : {}),
    }));
  if (!input.discovery)
    for (const file of discovery.hidden)
      progress.warn(
        `Removed hidden content from ${file.path} before planning (${describeHidden(file.removed)})`,
      );
  const top = discovery.ranked.slice(0, 3).map((f) => f.path);
  progress.step(
    `Discovered ${discovery.inventory.kept} files; context ${discovery.context.tokens}/${discovery.context.budget} tokens; top: ${top.join(', ') || '—'}`,
  );

  // 3. Decisions the repository answers by itself.
  const paths = (await deps.repo.listFiles()).map((f) => f.path);
  const fromRepository = repositoryDecisions(discovery.stack, paths, config);

  // 4. The planner, with one repair round when its task preview is not a DAG.
  const chain = chains[intent.chain];
  const promptInput = {
    chain: intent.chain,
    chainDescription: chain.description,
    snapshot: clean.snapshot,
    repositoryDecisions: fromRepository,
    answers: clean.answers,
    feedback: clean.feedback,
    previous: input.previous,
  };
  const context = repositoryContextOf(discovery);
  progress.step('Generating PRD...');
  let draft = await askPlanner(deps.model, context, planningPrompt(promptInput), 'plan');
  let graphRepaired = false;
  const graph = validateTaskGraph(draft.taskPreview, {
    requirementIds: draft.prd.requirements.map((r) => r.id),
  });
  if (graph.kind === 'invalid' && graph.problems.some((p) => p.kind !== 'uncovered-requirement')) {
    const problems = describeProblems(graph.problems);
    progress.warn(`Task preview invalid, asking the planner to repair it: ${problems}`);
    draft = await askPlanner(
      deps.model,
      context,
      planningPrompt({ ...promptInput, graphProblems: problems }),
      'plan-repair',
    );
    graphRepaired = true;
  }

  // 5. Merge decisions; low-confidence ones become questions with the decision as default.
  const ordering = decideTaskOrdering(draft.taskPreview, config.orchestrator);
  const decisions = mergeDecisions(fromRepository, draft.decisions, ordering);
  const extra = questionsForLowConfidence(
    decisions,
    config.decision_engine.confidence_threshold,
    draft.questions,
  );
  draft = { ...draft, questions: [...draft.questions, ...extra] };

  const revision = createRevision({
    number: (input.previous?.number ?? 0) + 1,
    chain: intent.chain,
    snapshot: clean.snapshot,
    draft,
    decisions,
    answers: clean.answers,
    feedback: clean.feedback,
    createdAt: deps.clock.now(),
  });
  for (const q of draft.questions) {
    const answer = clean.answers[q.id];
    if (answer) progress.step(`Answer: ${q.id} ${q.question} — ${answer.answer} (${answer.by})`);
    else progress.step(`Question: ${q.question}${q.default ? ` (default: ${q.default})` : ''}`);
  }
  for (const d of decisions) {
    const existing = d.source === 'repository' && d.kind !== 'task-ordering' ? ' (existing)' : '';
    progress.step(`Decision: ${d.topic} - ${d.choice}${existing}`);
  }
  progress.done(`PRD revision ${revision.number} ready: ${revision.hash}`);
  return { kind: 'planned', revision, intent, discovery, sanitized: clean.removed, graphRepaired };
}

function describeHidden(removed: Record<string, number>): string {
  return Object.entries(removed)
    .map(([pass, n]) => `${pass}: ${n}`)
    .join(', ');
}

async function askPlanner(
  model: ModelPort,
  context: string,
  prompt: string,
  name: string,
): Promise<PlanDraft> {
  const result = await model.generateObject({
    phase: 'planning',
    name,
    schema: planDraftSchema,
    system: PLANNING_INSTRUCTIONS,
    context,
    prompt,
  });
  return result.object;
}
