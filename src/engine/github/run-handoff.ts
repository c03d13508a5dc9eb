import type { MaestroConfig } from '../../core/config/config-schema.js';
import type { Progress } from '../../ports/progress-port.js';
import type { ExecutionResult } from '../execute-plan.js';
import type { ExecutionDeps, GitHubDeps, RunResult } from './github-deps.js';
import type { ExecuteRequest } from './issue-events.js';
import type { IterationInput } from './iteration-input.js';
import { openPullRequest } from './open-pull-request.js';
import { postReview } from './post-review.js';
import { replyInThreads } from './review-replies.js';
import { trackingGates, trackingSteps, trackingTasks } from './run-view.js';
import type { TrackingComment } from './tracking-comment.js';

/** Phase 5 on GitHub: the PR (when there is work to show), the label, the tracking comment's last state. */
export async function handOff(
  request: ExecuteRequest,
  result: ExecutionResult,
  usage: RunResult['usage'],
  ctx: {
    config: MaestroConfig;
    deps: GitHubDeps;
    execution: ExecutionDeps;
    board: TrackingComment;
    approver: string;
    iteration?: IterationInput;
  },
): Promise<RunResult> {
  const { host } = ctx.deps;
  const { state, outcome } = result;
  if (!result.changesCode) return postReview(request, result, usage, ctx);
  const gates = trackingGates(state.baseline, result.gates);
  const cancelled = outcome.kind === 'stopped' && outcome.reason === 'cancelled';
  // Origin's branch does not hold the run's checkpoints (push-checkpoints.ts): no PR may claim it does.
  const unpushed = state.stop?.reason === 'push-rejected' ? state.stop : undefined;
  const pr =
    state.checkpoints > 0 && !unpushed
      ? await openPullRequest({
          request,
          result,
          config: ctx.config,
          host,
          approver: ctx.approver,
          defaultToken: ctx.execution.defaultToken,
        })
      : undefined;
  if (pr && ctx.iteration?.kind === 'review')
    await replyInThreads(ctx.deps.host, pr.number, request.issue, ctx.iteration, state);
  const status: RunResult['status'] = cancelled
    ? 'cancelled'
    : outcome.kind === 'stopped' || !pr
      ? 'failed'
      : 'pr-open';
  await host.setStatus(
    request.issue,
    status === 'pr-open'
      ? 'maestro:pr-open'
      : status === 'cancelled'
        ? 'maestro:cancelled'
        : 'maestro:failed',
  );
  const stopDetail =
    outcome.kind === 'stopped'
      ? `${outcome.reason}: ${outcome.detail ?? ''}`
      : 'no task changed any file, so there is nothing to propose';
  await ctx.board.finish({
    status,
    phasesDone: outcome.kind === 'stopped' ? ctx.board.view.phasesDone : [1, 2, 3, 4, 5],
    tasks: trackingTasks(state),
    ...trackingSteps(state),
    iteration: state.iteration,
    gates,
    usage,
    branch: state.branch,
    ...(pr ? { pr } : {}),
    ...(status === 'pr-open'
      ? {}
      : {
          failure: {
            what: stopDetail,
            kept: unpushed
              ? `${state.checkpoints} checkpoint(s); origin's \`${state.branch}\` did not take the last push (see what failed)`
              : `branch \`${state.branch}\`, ${state.checkpoints} checkpoint(s)${pr ? `, draft PR #${pr.number}` : ''}`,
            next: cancelled
              ? 'Comment `/maestro resume` to continue where it stopped.'
              : unpushed?.next
                ? `${unpushed.next}, then comment \`/maestro resume\`.`
                : 'Fix the cause (see the report), then comment `/maestro resume`.',
          },
        }),
  });
  return {
    status,
    branch: state.branch,
    ...(pr ? { pr } : {}),
    iterations: state.iteration,
    usage,
    summary: result.report,
    reasons: status === 'pr-open' ? [] : [stopDetail],
  };
}

/** Progress goes to the tracking comment and to the log (the Action's console). */
export function tee(board: TrackingComment, deps: GitHubDeps): Progress {
  return {
    phase: (n, title) => {
      board.phase(n, title);
      deps.logger.info(`[Maestro] Phase ${n}: ${title}`);
    },
    step: (text) => {
      board.step(text);
      deps.logger.info(`[Maestro]   → ${text}`);
    },
    done: (text) => {
      board.done(text);
      deps.logger.info(`[Maestro] ✓ ${text}`);
    },
    warn: (text) => {
      board.warn(text);
      deps.logger.warn(`[Maestro] ⚠ ${text}`);
    },
  };
}
