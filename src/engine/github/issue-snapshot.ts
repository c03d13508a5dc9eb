import { meetsPermission } from '../../core/commands/command-permissions.js';
import { type IssueSnapshot, issueSnapshotHash } from '../../core/plan/plan-revision.js';
import type { Actor, IssueComment, IssueData, IssueHost } from '../../ports/issue-host-port.js';
import { sanitizeSnapshot } from '../sanitize-snapshot.js';

/** Maestro's own status labels are bookkeeping, not part of what the plan was built from. */
export function planLabels(labels: readonly string[]): string[] {
  return labels.filter((l) => !l.startsWith('maestro:')).sort();
}

export function isBotOrSelf(actor: Actor, self: Actor): boolean {
  return actor.id === self.id || actor.type === 'Bot' || actor.login.endsWith('[bot]');
}

/**
 * The issue as the plan may see it (security.md rule 5): title, body, labels, and only the
 * comments of writers and the issue author, created and last edited before the trigger, never a
 * bot's. The permission of each author is asked from GitHub (failing closed). Sanitising happens
 * in the planner; `snapshotHashOf` applies the same sanitiser so hashes agree.
 */
export async function trustedSnapshot(
  host: IssueHost,
  issue: IssueData,
  comments: readonly IssueComment[],
  triggeredAt: string,
): Promise<IssueSnapshot> {
  const self = await host.self();
  const cutoff = Date.parse(triggeredAt);
  const levels = new Map<string, Promise<boolean>>();
  const trusted = (login: string): Promise<boolean> => {
    if (login === issue.author.login) return Promise.resolve(true);
    let known = levels.get(login);
    if (!known) {
      known = host
        .permission(login)
        .then((level) => meetsPermission(level, 'write', { isIssueAuthor: false }));
      levels.set(login, known);
    }
    return known;
  };
  const kept: IssueSnapshot['comments'] = [];
  for (const c of comments) {
    if (isBotOrSelf(c.author, self)) continue;
    if (Date.parse(c.createdAt) > cutoff || Date.parse(c.updatedAt) > cutoff) continue;
    if (!(await trusted(c.author.login))) continue;
    kept.push({ author: c.author.login, body: c.body });
  }
  return { title: issue.title, body: issue.body, labels: planLabels(issue.labels), comments: kept };
}

/** The hash a revision records for this snapshot (after the planner's sanitiser). */
export function snapshotHashOf(snapshot: IssueSnapshot): string {
  return issueSnapshotHash(sanitizeSnapshot(snapshot).snapshot);
}
