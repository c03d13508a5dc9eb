import type { GitHubDeps } from './github-deps.js';
import type { Handled } from './issue-events.js';
import { readPlan, updateRecord } from './plan-record.js';

/**
 * `/maestro cancel` or removing the trigger label: the plan stops being approvable, the label says
 * cancelled, and a run in progress is cancelled through the Actions API (the runner's SIGINT makes
 * the engine checkpoint work in progress and stop). Work already pushed stays on its branch.
 */
export async function cancelPlan(issue: number, by: string, deps: GitHubDeps): Promise<Handled> {
  const { host } = deps;
  const plan = await readPlan(host, issue);
  if (!plan) return { kind: 'ignored', reason: 'nothing to cancel' };
  if (plan.record.status === 'cancelled') return { kind: 'ignored', reason: 'already cancelled' };
  await updateRecord(host, issue, plan, { status: 'cancelled' }, { kind: 'cancelled' });
  await host.setStatus(issue, 'maestro:cancelled');
  const runId = await activeRunId(deps, issue);
  await host.reply(
    issue,
    `cancel:${plan.record.revision.hash}:${plan.record.dispatchedAt ?? 'plan'}`,
    [
      `Cancelled by @${by}.`,
      runId
        ? 'The run stops at the next safe point; its work so far is kept as a checkpoint on its branch. `/maestro resume` continues it.'
        : 'No run was started. Re-add the label to plan again.',
    ].join(' '),
  );
  return runId === undefined ? { kind: 'cancelled' } : { kind: 'cancelled', runId };
}

/** The workflow run the tracking comment says is running, if any. */
export async function activeRunId(deps: GitHubDeps, issue: number): Promise<number | undefined> {
  const tracking = await deps.host.findOwnComment(issue, { kind: 'tracking' });
  const view = tracking?.state.data?.view as { status?: string; run?: { id?: unknown } } | undefined;
  if (!view || (view.status !== 'running' && view.status !== 'queued')) return undefined;
  return typeof view.run?.id === 'number' ? view.run.id : undefined;
}
