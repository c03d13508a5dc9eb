/*
 * The checks GitHub ran on a commit, in Maestro's words, and how the head's compare with the base's:
 * a check that fails on the PR head and failed the same way on the base commit is the repository's
 * existing state (pre-existing), never something a CI fix iteration is asked to fix.
 */

export type CheckConclusion =
  | 'success'
  | 'failure'
  | 'neutral'
  | 'cancelled'
  | 'skipped'
  | 'timed_out'
  | 'action_required'
  | 'stale';

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

export type CheckState = 'queued' | 'running' | 'passed' | 'failed' | 'pre-existing' | 'skipped';

export interface CheckStatus {
  id: number;
  name: string;
  state: CheckState;
  url?: string;
}

const FAILED: ReadonlySet<string> = new Set(['failure', 'timed_out', 'action_required', 'cancelled']);

export function isFailed(run: CheckRunInfo): boolean {
  return run.status === 'completed' && FAILED.has(run.conclusion ?? '');
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
  if (run.status !== 'completed') return run.status === 'in_progress' ? 'running' : 'queued';
  if (isFailed(run)) return failedOnBase.has(run.name) ? 'pre-existing' : 'failed';
  return run.conclusion === 'skipped' || run.conclusion === 'neutral' ? 'skipped' : 'passed';
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
