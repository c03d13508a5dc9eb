import type { ExecutionResult } from '../execute-plan.js';
import type { GitHubDeps, RunResult } from './github-deps.js';
import type { ExecuteRequest } from './issue-events.js';
import { trackingGates, trackingSteps } from './run-view.js';
import type { TrackingComment } from './tracking-comment.js';

/**
 * A chain that changes no code (review): its report is posted as one comment on the issue, the
 * status label says it was reviewed, and there is no branch, no commit and no pull request.
 */
export async function postReview(
  request: ExecuteRequest,
  result: ExecutionResult,
  usage: RunResult['usage'],
  ctx: { deps: GitHubDeps; board: TrackingComment },
): Promise<RunResult> {
  const { host } = ctx.deps;
  const { state, outcome } = result;
  const stopped = outcome.kind === 'stopped';
  if (!stopped)
    await host.upsertOwnComment(
      request.issue,
      { kind: 'notice', key: `review:${state.session}`, issue: request.issue },
      result.report,
    );
  await host.setStatus(request.issue, stopped ? 'maestro:failed' : 'maestro:reviewed');
  const detail = stopped ? `${outcome.reason}: ${outcome.detail ?? ''}` : '';
  await ctx.board.finish({
    status: stopped ? 'failed' : 'reviewed',
    // A review plans and reports; it generates, implements and validates nothing.
    phasesDone: stopped ? ctx.board.view.phasesDone : [1, 5],
    ...trackingSteps(state),
    gates: trackingGates(state.baseline, result.gates),
    usage,
    ...(stopped
      ? {
          failure: {
            what: detail,
            kept: 'nothing changed (a review never changes code)',
            next: 'Fix the cause, then comment `/maestro resume`.',
          },
        }
      : {}),
  });
  return {
    status: stopped ? 'failed' : 'reviewed',
    iterations: 0,
    usage,
    summary: result.report,
    reasons: stopped ? [detail] : [],
  };
}
