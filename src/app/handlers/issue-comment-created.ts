import type { Context } from 'probot';
import type { IssueEvent } from '../../engine/github/issue-events.js';
import { actorOf, isBot } from './actor.js';

export type CommentCreatedPayload = Context<'issue_comment.created'>['payload'];

/**
 * `issue_comment.created` → `comment` (commands and answers). Only `created` is subscribed: an
 * edited or deleted comment never counts as a command (product.md §2).
 */
export function commentEvent(payload: CommentCreatedPayload): IssueEvent | undefined {
  const { comment, issue } = payload;
  if (isBot(payload.sender) || isBot(comment.user)) return undefined;
  return {
    kind: 'comment',
    issue: issue.number,
    isPullRequest: Boolean(issue.pull_request),
    comment: {
      id: comment.id,
      body: comment.body ?? '',
      author: actorOf(comment.user!),
      createdAt: comment.created_at,
      updatedAt: comment.updated_at,
      url: comment.html_url,
    },
  };
}
