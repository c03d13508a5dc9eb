import { renderTrackingComment, trackingViewSchema } from '../../core/report/render-tracking.js';
import type { GitHubDeps } from './github-deps.js';
import { readPlan } from './plan-record.js';

/**
 * `/maestro status`: the tracking comment re-rendered from its own state (elapsed time, run link),
 * or, before any run, a one-line reply saying where the plan stands.
 */
export async function refreshStatus(issue: number, replyKey: string, deps: GitHubDeps): Promise<void> {
  const { host } = deps;
  const tracking = await host.findOwnComment(issue, { kind: 'tracking' });
  const view = trackingViewSchema.safeParse(tracking?.state.data?.view);
  if (tracking && view.success) {
    const refreshed = {
      ...view.data,
      updatedAt: view.data.status === 'running' ? deps.clock.now().toISOString() : view.data.updatedAt,
    };
    await host.upsertOwnComment(
      issue,
      { ...tracking.state, kind: 'tracking', data: { ...tracking.state.data, view: refreshed } },
      renderTrackingComment(refreshed),
    );
    await host.reply(issue, replyKey, `Tracking comment refreshed: ${tracking.comment.url}`);
    return;
  }
  const plan = await readPlan(host, issue);
  await host.reply(
    issue,
    replyKey,
    plan
      ? `Plan revision ${plan.record.revision.number} (\`${plan.record.revision.hash}\`): ${plan.record.status.replace('-', ' ')}. ${plan.comment.url}`
      : 'There is no Maestro plan or run on this issue.',
  );
}
