import type { Decision } from '../../core/plan/decision.js';
import { DEFAULT_TEST_RUNNER, type StackFacts } from './stack-facts.js';

export interface DecisionSettings {
  prefer_existing: boolean;
  confidence_threshold: number;
  maturity_threshold: number;
}

/**
 * Tech-stack decisions from what the repository already uses (the seed's `prefer_existing`):
 * the language, package manager, frameworks and test framework the change should use. With
 * `prefer_existing: false` the same facts are reported with lower confidence so the planner
 * may propose something else and must say why.
 */
export function decideTechStack(facts: StackFacts, settings: DecisionSettings): Decision[] {
  const decisions: Decision[] = [];
  const weight = settings.prefer_existing ? 1 : 0.7;
  const existing = settings.prefer_existing
    ? 'already used here; prefer_existing is on'
    : 'detected (prefer_existing is off)';

  const [main, ...others] = facts.languages;
  if (main) {
    decisions.push({
      kind: 'tech-stack',
      topic: 'Language',
      choice: main.name,
      rationale: `${main.name} is ${Math.round(main.share * 100)}% of the code; ${existing}.`,
      confidence: round(Math.min(0.95, 0.5 + main.share / 2) * weight),
      alternatives: others.slice(0, 3).map((l) => l.name),
      source: 'repository',
    });
  }
  const [pm, ...otherPms] = facts.packageManagers;
  if (pm) {
    decisions.push({
      kind: 'tech-stack',
      topic: 'Package manager',
      choice: pm,
      rationale: `The repository's lockfile and manifests use ${pm}; ${existing}.`,
      confidence: round(0.95 * weight),
      alternatives: otherPms,
      source: 'repository',
    });
  }
  if (facts.frameworks.length > 0) {
    decisions.push({
      kind: 'tech-stack',
      topic: 'Frameworks',
      choice: facts.frameworks.slice(0, 4).join(', '),
      rationale: `Declared in the manifests; new code follows them rather than adding a parallel framework.`,
      confidence: round(0.9 * weight),
      alternatives: [],
      source: 'repository',
    });
  }
  decisions.push(testFrameworkDecision(facts, weight, existing));
  return decisions;
}

function testFrameworkDecision(facts: StackFacts, weight: number, existing: string): Decision {
  const [runner, ...others] = facts.testRunners;
  if (runner) {
    return {
      kind: 'tech-stack',
      topic: 'Test framework',
      choice: runner,
      rationale: `New tests use ${runner}, which the repository's tests already run on; ${existing}.`,
      confidence: round(0.95 * weight),
      alternatives: others,
      source: 'repository',
    };
  }
  const language = facts.languages[0]?.name;
  const fallback = (language && DEFAULT_TEST_RUNNER[language]) ?? 'the language’s standard test runner';
  return {
    kind: 'tech-stack',
    topic: 'Test framework',
    choice: fallback,
    rationale: `No test framework was detected; ${fallback} is the common choice for ${language ?? 'this code'}.`,
    confidence: 0.5,
    alternatives: [],
    source: 'default',
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
