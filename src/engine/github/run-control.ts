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
  const runId = (await activeRun(deps, issue))?.id;
  await host.reply(
    issue,
    `cancel:${plan.record.revision.hash}:${plan.record.dispatchedAt ?? 'plan'}`,
    [
      `Cancelled by @${by}.`,
      runId
        ? 'The run stops at the next safe point; its work so far is kept as a checkpoint on its branch. `/maestro resume` continues it.'
        : plan.record.dispatchedAt
          ? // Approved and dispatched, but GitHub says that run has ended (or it never started).
            'No run is in progress: the last one has ended. What it pushed stays on its branch; `/maestro resume` continues from its last checkpoint.'
          : 'No run was started. Re-add the label to plan again.',
    ].join(' '),
  );
  return runId === undefined ? { kind: 'cancelled' } : { kind: 'cancelled', runId };
}

/**
 * The workflow run the tracking comment says is running, if GitHub agrees. A job that died without
 * its last word (its token expired, its runner was lost) leaves the comment saying `running`
 * forever; GitHub knows the run ended, and then nothing is running. When GitHub will not say
 * (no `actions: read`), the comment is believed: `unverified` tells the caller so.
 */
export async function activeRun(
  deps: GitHubDeps,
  issue: number,
): Promise<{ id: number; unverified: boolean } | undefined> {
  const tracking = await deps.host.findOwnComment(issue, { kind: 'tracking' });
  const view = tracking?.state.data?.view as { status?: string; run?: { id?: unknown } } | undefined;
  if (!view || (view.status !== 'running' && view.status !== 'queued')) return undefined;
  const id = view.run?.id;
  if (typeof id !== 'number') return undefined;
  const state = await deps.host.workflowRunState(id);
  if (state === 'ended') {
    deps.logger.info(
      `Workflow run ${id} of #${issue} has ended although its tracking comment says ${view.status}.`,
    );
    return undefined;
  }
  return { id, unverified: state === 'unknown' };
}
