import type { Context } from 'probot';
import type { IssueEvent } from '../../engine/github/issue-events.js';
import { actorOf, isBot } from './actor.js';

export type ReviewSubmittedPayload = Context<'pull_request_review.submitted'>['payload'];

const STATES = ['approved', 'changes_requested', 'commented', 'dismissed'] as const;
type ReviewState = (typeof STATES)[number];

/**
 * `pull_request_review.submitted` → `review`. Reviews on pull requests from forks are ignored:
 * Maestro's branches live in the repository itself, and a fork can name a branch
 * `maestro/issue-12-…` to pass for one of them.
 */
export function reviewEvent(payload: ReviewSubmittedPayload): IssueEvent | undefined {
  const { review, pull_request: pr } = payload;
  if (isBot(payload.sender) || isBot(review.user)) return undefined;
  if (pr.head.repo?.id !== payload.repository.id) return undefined;
  const state = review.state.toLowerCase();
  if (!isReviewState(state)) return undefined;
  return {
    kind: 'review',
    pr: pr.number,
    head: pr.head.ref,
    state,
    reviewer: actorOf(review.user!),
    body: review.body ?? '',
    reviewId: review.id,
    at: review.submitted_at ?? pr.updated_at,
  };
}

function isReviewState(state: string): state is ReviewState {
  return (STATES as readonly string[]).includes(state);
}
