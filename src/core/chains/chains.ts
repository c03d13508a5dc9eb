import { z } from 'zod';

/** The six chains of maestro-coordinate, as Maestro runs them on GitHub. */
export const chainNameSchema = z.enum(['feature', 'fix', 'test', 'refactor', 'review', 'release']);
export type ChainName = z.infer<typeof chainNameSchema>;

/** The steps chains are built from; the engine has one handler per step. */
export type ChainStepId =
  | 'plan'
  | 'generate-tasks'
  | 'implement'
  | 'validate'
  | 'handoff'
  | 'analyse'
  | 'inspect'
  | 'verify'
  | 'write-tests'
  | 'gates-before'
  | 'gates-after'
  | 'report'
  | 'verify-default-branch'
  | 'prepare-release';

/**
 * What the agents of a step may change: anything outside the protected paths, only the
 * repository's test files (`chains.test.paths`), only the release files the release proposal
 * names, or nothing at all. The path guard and the commit policy enforce it, not the prompt.
 */
export type StepWrites = 'code' | 'tests' | 'release-files' | 'nothing';

export interface ChainStep {
  readonly id: ChainStepId;
  /** What the step does, for the planning comment and `--dry-run`. */
  readonly summary: string;
  /** For steps that run agents (their fix iterations included). */
  readonly writes: StepWrites;
}

export interface ChainDefinition {
  readonly name: ChainName;
  /** One line for the planning comment and `maestro help`. */
  readonly description: string;
  /** In order; each step gets the results of the ones before it as context. */
  readonly steps: readonly ChainStep[];
  /** False only for `review`: it posts a report and never pushes a commit. */
  readonly changesCode: boolean;
  /** The gates must pass before any change; a red baseline stops the run instead of being reported. */
  readonly requiresBaselineGreen: boolean;
}

const step = (id: ChainStepId, summary: string, writes: StepWrites = 'code'): ChainStep => ({
  id,
  summary,
  writes,
});

export const chains: Readonly<Record<ChainName, ChainDefinition>> = {
  feature: {
    name: 'feature',
    description: 'Plan, break into tasks, implement, validate with the gates and open a pull request.',
    steps: [
      step('plan', 'write the PRD and get it approved'),
      step('generate-tasks', 'break the PRD into epics and tasks with dependencies'),
      step('implement', 'run the tasks, in parallel where the graph allows'),
      step('validate', 'run the gates, fix failures, check each requirement'),
      step('handoff', 'open the pull request with the final report'),
    ],
    changesCode: true,
    requiresBaselineGreen: false,
  },
  fix: {
    name: 'fix',
    description: 'Reproduce the bug with a failing test, fix it, and verify the test and the gates pass.',
    steps: [
      step('analyse', 'find the cause and reproduce it with a test that fails on the base commit', 'tests'),
      step('implement', 'make the fix'),
      step('verify', 'the reproducing test passes and no gate got worse'),
      step('handoff', 'open the pull request with the final report'),
    ],
    // A bug report often comes with a red suite; the fix is what turns it green.
    changesCode: true,
    requiresBaselineGreen: false,
  },
  test: {
    name: 'test',
    description: 'Add or improve tests only; production code stays as it is.',
    steps: [
      step('write-tests', 'write the missing tests, touching test files only', 'tests'),
      step('verify', 'the new tests pass against the unchanged code; coverage before and after', 'tests'),
      step('handoff', 'open the pull request with the final report'),
    ],
    changesCode: true,
    requiresBaselineGreen: false,
  },
  refactor: {
    name: 'refactor',
    description: 'Restructure code with behaviour kept: the gates must pass before and after.',
    steps: [
      step('gates-before', 'run the gates; refuse to start on a red baseline'),
      step('implement', 'restructure without changing behaviour'),
      step('gates-after', 'the same gates pass with the same results'),
      step('handoff', 'open the pull request with the final report'),
    ],
    // Without a green baseline "behaviour kept" cannot be shown.
    changesCode: true,
    requiresBaselineGreen: true,
  },
  review: {
    name: 'review',
    description: 'Analyse the code the issue points at and post a report as a comment; no code changes.',
    steps: [
      step('inspect', 'read the code with the gates’ results, read-only', 'nothing'),
      step('report', 'post the findings as one comment on the issue', 'nothing'),
    ],
    changesCode: false,
    requiresBaselineGreen: false,
  },
  release: {
    name: 'release',
    description:
      'Verify the default branch, then prepare the version bump and changelog as a pull request with a readiness report.',
    steps: [
      step('verify-default-branch', 'run the gates on the default branch'),
      step(
        'prepare-release',
        "follow the repository's own release convention: version bump, changelog",
        'release-files',
      ),
      step('handoff', 'open the pull request with the readiness report'),
    ],
    // Maestro prepares releases but never deploys with credentials of its own (product.md §4).
    changesCode: true,
    requiresBaselineGreen: true,
  },
};

/** Other names accepted for a chain: the seed calls `release` `deploy`. */
export const chainAliases: Readonly<Record<string, ChainName>> = { deploy: 'release' };

/** Chain names in their canonical order, for lists and error messages. */
export const chainNames: readonly ChainName[] = chainNameSchema.options;

/** The chain a user-typed name means (case and surrounding space ignored), or undefined. */
export function resolveChainName(name: string): ChainName | undefined {
  const key = name.trim().toLowerCase();
  const direct = chainNameSchema.safeParse(key);
  if (direct.success) return direct.data;
  return Object.hasOwn(chainAliases, key) ? chainAliases[key] : undefined;
}
