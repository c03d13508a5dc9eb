import type { IssueHost } from '../../ports/issue-host-port.js';
import type { IssueEvent } from './issue-events.js';
import { statusOf } from './plan-on-github.js';
import { readPlan } from './plan-record.js';

export type DispatchedComment = { kind: 'event'; event: IssueEvent } | { kind: 'nothing'; reason: string };

/**
 * The comment a `mode: plan` dispatch names (`planning.runs_in: action`: an answer,
 * `/maestro revise`, `/maestro chain`), as the event its webhook carried. It is read back from the
 * issue's own comments, never taken from the dispatch, so its author and body are GitHub's and
 * `handleComment` checks that author's permission again. It must be on that issue, unedited since
 * it was posted (the App authorised what it said then), and not yet handled: a second dispatch
 * for the same comment plans nothing.
 */
export async function dispatchedComment(
  host: IssueHost,
  issue: number,
  commentId: number,
): Promise<DispatchedComment> {
  const [comments, plan] = await Promise.all([host.listComments(issue), readPlan(host, issue)]);
  const comment = comments.find((c) => c.id === commentId);
  // The App set `maestro:planning` when it dispatched; nothing is planned, so the record's label returns.
  const nothing = async (reason: string): Promise<DispatchedComment> => {
    if (plan) await host.setStatus(issue, statusOf(plan));
    return { kind: 'nothing', reason };
  };
  if (!comment) return nothing(`comment ${commentId} is not on issue #${issue} (deleted?)`);
  if (plan && commentId <= plan.record.lastCommentId)
    return nothing(`comment ${commentId} was already handled`);
  if (comment.updatedAt !== comment.createdAt) {
    await host.reply(
      issue,
      `reply:${commentId}`,
      `@${comment.author.login} your comment was edited after it was posted, so Maestro did not plan from it. Post the answer or command again as a new comment.`,
    );
    return nothing(`comment ${commentId} was edited after it was posted`);
  }
  return { kind: 'event', event: { kind: 'comment', issue, isPullRequest: false, comment } };
}
