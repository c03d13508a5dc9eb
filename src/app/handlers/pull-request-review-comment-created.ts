import type { Context } from 'probot';
import type { IssueEvent } from '../../engine/github/issue-events.js';
import { actorOf, isBot } from './actor.js';

export type ReviewCommentCreatedPayload = Context<'pull_request_review_comment.created'>['payload'];

/**
 * `pull_request_review_comment.created` → `review-comment`. Comments on pull requests from forks
 * are ignored, as for reviews; the engine handles a review once, whichever of its events comes first.
 */
export function reviewCommentEvent(payload: ReviewCommentCreatedPayload): IssueEvent | undefined {
  const { comment, pull_request: pr } = payload;
  if (isBot(payload.sender) || isBot(comment.user)) return undefined;
  if (pr.head.repo?.id !== payload.repository.id) return undefined;
  if (!comment.pull_request_review_id) return undefined;
  return {
    kind: 'review-comment',
    pr: pr.number,
    head: pr.head.ref,
    reviewId: comment.pull_request_review_id,
    commentId: comment.id,
    author: actorOf(comment.user!),
    ...(comment.in_reply_to_id ? { inReplyTo: comment.in_reply_to_id } : {}),
    at: comment.created_at,
  };
}
