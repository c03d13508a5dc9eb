import { errorMessage } from '../../core/errors.js';
import type { GitHubDeps } from './github-deps.js';
import { handleIssueEvent } from './handle-issue-event.js';
import type { Handled, IssueEvent } from './issue-events.js';
import { readPlan } from './plan-record.js';
import { loadRepoConfig } from './repo-config.js';

/**
 * The sweep for events missed while the App was down (on start and on a schedule):
 * - an open issue with the trigger label and no plan → handled as its labelling (the labeller and
 *   time come from the issue's events, so the permission check is the same as for the webhook);
 * - comments newer than the last one the plan records as handled → handled in order.
 * Exactly once: the plan comment's marker records the handled comments and the approval, replies
 * are keyed by the comment they answer, and the App runs one job per issue at a time.
 */
export async function reconcileRepository(
  deps: GitHubDeps,
): Promise<Array<{ issue: number; handled: Handled }>> {
  const out: Array<{ issue: number; handled: Handled }> = [];
  for (const { issue, events } of await findMissedEvents(deps)) {
    for (const event of events) {
      const handled = await handleIssueEvent(event, deps);
      if (handled.kind !== 'ignored') out.push({ issue, handled });
    }
  }
  return out;
}

export interface MissedEvents {
  issue: number;
  /** In the order they happened; each is handled like its webhook would have been. */
  events: IssueEvent[];
}

/**
 * What the sweep would handle, without handling it: the App queues each issue's events under the
 * same per-issue key as webhooks, so a sweep and a late webhook for one issue never run at once.
 */
export async function findMissedEvents(deps: GitHubDeps): Promise<MissedEvents[]> {
  const { host } = deps;
  const loaded = await loadRepoConfig(host);
  if (loaded.kind === 'invalid') return [];
  const { label } = loaded.config.trigger;
  const out: MissedEvents[] = [];
  for (const issue of await host.listOpenIssues(label)) {
    try {
      const plan = await readPlan(host, issue.number);
      if (!plan) {
        const labeled = await host.lastLabeled(issue.number, label);
        if (labeled)
          out.push({
            issue: issue.number,
            events: [{ kind: 'labeled', issue: issue.number, label, sender: labeled.actor, at: labeled.at }],
          });
        continue;
      }
      if (plan.record.status === 'cancelled') continue;
      const since = Date.parse(plan.record.triggeredAt);
      const missed = (await host.listComments(issue.number)).filter(
        (c) =>
          c.id > plan.record.lastCommentId && c.id !== plan.comment.id && Date.parse(c.createdAt) >= since,
      );
      if (missed.length > 0)
        out.push({
          issue: issue.number,
          events: missed.map((comment) => ({
            kind: 'comment',
            issue: issue.number,
            isPullRequest: false,
            comment,
          })),
        });
    } catch (error) {
      deps.logger.warn(
        `Reconciling #${issue.number} failed (will retry on the next sweep): ${errorMessage(error)}`,
      );
    }
  }
  return out;
}
