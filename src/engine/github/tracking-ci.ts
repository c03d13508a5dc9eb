import type { CheckStatus } from '../../core/ci/check-runs.js';
import { renderTrackingComment, trackingViewSchema } from '../../core/report/render-tracking.js';
import type { TrackingView } from '../../core/report/tracking-view.js';
import type { IssueHost } from '../../ports/issue-host-port.js';

/**
 * The checks on Maestro's PR head, shown in the issue's tracking comment when they change and no
 * run is going to show them: green after a fix, only pre-existing failures, the cap reached, or
 * still running. (A CI fix run writes them itself when it starts.) Without this the comment kept
 * the failed checks of the commit the last fix started from, as if the fix had not helped.
 */
export async function showChecksInTracking(
  host: IssueHost,
  issue: number,
  ci: { iterations: number; max: number; checks: readonly CheckStatus[] },
): Promise<void> {
  const tracking = await host.findOwnComment(issue, { kind: 'tracking' });
  const parsed = trackingViewSchema.safeParse(tracking?.state.data?.view);
  // A running run owns the comment (its next write would undo ours); no view, nothing to amend.
  if (!tracking || !parsed.success || parsed.data.status === 'running') return;
  const shown: NonNullable<TrackingView['ci']> = {
    iterations: ci.iterations,
    max: ci.max,
    checks: ci.checks.map((c) => ({ name: c.name, state: c.state, ...(c.url ? { url: c.url } : {}) })),
  };
  if (JSON.stringify(shown) === JSON.stringify(parsed.data.ci)) return;
  const view = { ...parsed.data, ci: shown };
  await host.upsertOwnComment(
    issue,
    { ...tracking.state, kind: 'tracking', data: { ...tracking.state.data, view } },
    renderTrackingComment(view),
  );
}
