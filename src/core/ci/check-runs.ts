/*
 * The checks GitHub ran on a commit, in Maestro's words, and how the head's compare with the base's:
 * a check that fails on the PR head and failed the same way on the base commit is the repository's
 * existing state (pre-existing), never something a CI fix iteration is asked to fix.
 */

/**
 * A check run's conclusion as GitHub reports it (REST `check-runs`; `startup_failure` is documented
 * for check suites and workflow runs, and is read here too so a run that could not start is never
 * taken for a pass).
 */
export type CheckConclusion =
  | 'success'
  | 'failure'
  | 'neutral'
  | 'cancelled'
  | 'skipped'
  | 'timed_out'
  | 'action_required'
  | 'stale'
  | 'startup_failure';

export interface CheckRunInfo {
  id: number;
  name: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion?: CheckConclusion | null;
  /** The check's page on GitHub, for the tracking comment. */
  url?: string;
  /** The app that ran it; for GitHub Actions the check run id is the job id (its log). */
  app?: string;
}

/** What Maestro shows for a check on its PR head (kept in the run state, so listed once here). */
export const checkStates = [
  'queued',
  'running',
  'passed',
  'failed',
  'pre-existing',
  'skipped',
  'neutral',
  'cancelled',
  'needs-approval',
  'stale',
  'not-started',
  'unknown',
] as const;
export type CheckState = (typeof checkStates)[number];

export interface CheckStatus {
  id: number;
  name: string;
  state: CheckState;
  url?: string;
}

/**
 * What each finished conclusion means here. Only `failure` and `timed_out` are the code failing,
 * so only they start a CI fix. The others did not judge the code: `cancelled` (someone or a
 * newer run stopped it), `action_required` (waiting for a person, e.g. a first-time contributor's
 * workflow needing approval), `stale` (GitHub gave up on a check that never finished) and
 * `startup_failure` (the workflow file could not start; Maestro never touches CI configuration).
 * A conclusion GitHub adds later is `unknown`: shown, never fixed, never counted as passed.
 */
const CONCLUDED: Readonly<Record<CheckConclusion, CheckState>> = {
  success: 'passed',
  failure: 'failed',
  timed_out: 'failed',
  neutral: 'neutral',
  skipped: 'skipped',
  cancelled: 'cancelled',
  action_required: 'needs-approval',
  stale: 'stale',
  startup_failure: 'not-started',
};

/** The state of one finished check run, before comparing with the base. */
export function concludedState(conclusion: string | null | undefined): CheckState {
  return Object.hasOwn(CONCLUDED, conclusion ?? '') ? CONCLUDED[conclusion as CheckConclusion] : 'unknown';
}

/** The code failed this check: the one outcome a CI fix iteration may try to repair. */
export function isFailed(run: CheckRunInfo): boolean {
  return run.status === 'completed' && concludedState(run.conclusion) === 'failed';
}

/** Each head check's state; a failure whose check also failed on the base is `pre-existing`. */
export function classifyChecks(head: readonly CheckRunInfo[], base: readonly CheckRunInfo[]): CheckStatus[] {
  const failedOnBase = new Set(base.filter(isFailed).map((r) => r.name));
  return latestByName(head).map((run) => ({
    id: run.id,
    name: run.name,
    state: stateOf(run, failedOnBase),
    ...(run.url ? { url: run.url } : {}),
  }));
}

function stateOf(run: CheckRunInfo, failedOnBase: ReadonlySet<string>): CheckState {
  if (run.status === 'in_progress') return 'running';
  // `waiting`: a job held by an environment's protection rule until someone approves it.
  if (run.status === 'waiting') return 'needs-approval';
  if (run.status !== 'completed') return 'queued';
  const state = concludedState(run.conclusion);
  return state === 'failed' && failedOnBase.has(run.name) ? 'pre-existing' : state;
}

/** A re-run check appears twice; the newest (highest id) is the one that counts. */
function latestByName(runs: readonly CheckRunInfo[]): CheckRunInfo[] {
  const byName = new Map<string, CheckRunInfo>();
  for (const run of runs) {
    const seen = byName.get(run.name);
    if (!seen || run.id > seen.id) byName.set(run.name, run);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
