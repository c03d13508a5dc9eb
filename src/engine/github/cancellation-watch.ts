import { errorMessage } from '../../core/errors.js';
import type { GitHubDeps } from './github-deps.js';
import { readPlan } from './plan-record.js';

/**
 * The run's stop signal: the runner's (SIGINT/SIGTERM when the workflow run is cancelled) or
 * `/maestro cancel` on the issue, which the run notices itself at its next checkpoint by reading
 * the plan's status (at most every 20 s). In Actions-only mode this needs no `actions: write`.
 */
export function cancellationWatch(issue: number, deps: GitHubDeps, outer: AbortSignal) {
  const controller = new AbortController();
  if (outer.aborted) controller.abort(outer.reason);
  else outer.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
  let last = Number.NEGATIVE_INFINITY;
  let inFlight = false;
  return {
    signal: controller.signal,
    check(): void {
      const now = deps.clock.now().getTime();
      if (inFlight || controller.signal.aborted || now - last < 20_000) return;
      last = now;
      inFlight = true;
      readPlan(deps.host, issue)
        .then((plan) => {
          if (plan?.record.status === 'cancelled')
            controller.abort(new Error('cancelled with /maestro cancel'));
        })
        .catch((error: unknown) =>
          deps.logger.warn(`Could not check for cancellation: ${errorMessage(error)}`),
        )
        .finally(() => {
          inFlight = false;
        });
    },
  };
}
