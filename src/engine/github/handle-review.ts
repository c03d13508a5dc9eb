import { meetsPermission } from '../../core/commands/command-permissions.js';
import type { MaestroConfig } from '../../core/config/config-schema.js';
import type { GitHubDeps } from './github-deps.js';
import type { Handled, IssueEvent } from './issue-events.js';
import { fixRequest, issueOfBranch } from './pull-request-link.js';

type ReviewEvent = Extract<IssueEvent, { kind: 'review' }>;
type ReviewCommentEvent = Extract<IssueEvent, { kind: 'review-comment' }>;

/**
 * A writer's review on a Maestro PR → one more iteration. With inline comments (and
 * `ci.review_threads` on), the iteration addresses all of that review's comments together and
 * replies in each thread; "changes requested" without inline comments uses the review's text.
 */
export async function handleReview(
  event: ReviewEvent,
  config: MaestroConfig,
  deps: GitHubDeps,
): Promise<Handled> {
  if (event.state === 'approved' || event.state === 'dismissed')
    return { kind: 'ignored', reason: `review ${event.state}` };
  const issue = issueOfBranch(event.head);
  if (issue === undefined) return { kind: 'ignored', reason: 'not a Maestro branch' };
  if (!(await isWriter(event.reviewer.login, deps)))
    return { kind: 'ignored', reason: 'reviewer lacks write permission' };
  const inline = config.ci.review_threads ? await deps.host.reviewComments(event.pr, event.reviewId) : [];
  if (inline.length > 0) return reviewThreadsRequest(issue, event.pr, event.reviewId, deps);
  if (event.state !== 'changes_requested')
    return { kind: 'ignored', reason: 'a comment review without inline comments' };
  const what = event.body.trim() || 'Address the review comments on the pull request.';
  return fixRequest(
    {
      issue,
      pr: event.pr,
      fix: `Review by @${event.reviewer.login}: ${what}`,
      replyTo: { issue: event.pr, key: `review:${event.reviewId}` },
    },
    deps,
  );
}

/**
 * A lone inline comment (`pull_request_review_comment.created`): the same request as its review's
 * submission (both are keyed by the review, so whichever arrives second finds it handled). A reply
 * inside a thread is a conversation, not a new request.
 */
export async function handleReviewComment(
  event: ReviewCommentEvent,
  config: MaestroConfig,
  deps: GitHubDeps,
): Promise<Handled> {
  if (!config.ci.review_threads) return { kind: 'ignored', reason: 'ci.review_threads is off' };
  if (event.inReplyTo !== undefined) return { kind: 'ignored', reason: 'a reply in a thread' };
  const issue = issueOfBranch(event.head);
  if (issue === undefined) return { kind: 'ignored', reason: 'not a Maestro branch' };
  if (!(await isWriter(event.author.login, deps)))
    return { kind: 'ignored', reason: 'commenter lacks write permission' };
  return reviewThreadsRequest(issue, event.pr, event.reviewId, deps);
}

async function reviewThreadsRequest(
  issue: number,
  pr: number,
  reviewId: number,
  deps: GitHubDeps,
): Promise<Handled> {
  const key = `review:${reviewId}`;
  if (await deps.host.findOwnComment(pr, { kind: 'notice', key }))
    return { kind: 'ignored', reason: 'this review was already handled' };
  const handled = await fixRequest(
    {
      issue,
      pr,
      fix: `Inline comments of review ${reviewId}`,
      replyTo: { issue: pr, key },
      reason: 'review',
      reviewId,
    },
    deps,
  );
  if (handled.kind === 'execute')
    await deps.host.reply(
      pr,
      key,
      'Maestro is addressing the comments of this review in one iteration; it will reply in each thread.',
    );
  return handled;
}

async function isWriter(login: string, deps: GitHubDeps): Promise<boolean> {
  return meetsPermission(await deps.host.permission(login), 'write', { isIssueAuthor: false });
}
