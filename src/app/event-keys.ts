import { type IssueEvent, subjectOf } from '../engine/github/issue-events.js';
import { issueOfBranch } from '../engine/github/pull-request-link.js';
import type { RepoRef } from '../ports/issue-host-port.js';

/** The issue (or pull request) an event is about. */
export function issueOf(event: IssueEvent): number | string {
  // Checks on a Maestro branch go under its issue: one CI run delivers a check_suite and a
  // workflow_run (only one may name the PR), and both must queue behind each other and the
  // issue's own events, so the second finds the first's notice and does nothing.
  if (event.kind === 'checks') return issueOfBranch(event.head) ?? event.pr ?? event.head;
  return subjectOf(event) ?? 0;
}

/**
 * The queue's serial key: one issue's events run one at a time, in order, so two approvals of
 * one issue never race. A PR's review and the comments on that PR share the PR's number.
 */
export function serialKey(repo: RepoRef, event: IssueEvent): string {
  return `${repo.owner}/${repo.repo}#${issueOf(event)}`.toLowerCase();
}

/**
 * What makes an event the same event whichever delivery brought it (a redelivery has a new
 * delivery id; the reconciliation sweep has none): the comment or review id, or the issue, label
 * and the time of the change.
 */
export function semanticKey(repo: RepoRef, event: IssueEvent): string {
  const where = `${repo.owner}/${repo.repo}`.toLowerCase();
  switch (event.kind) {
    case 'labeled':
    case 'unlabeled':
      return `${event.kind}:${where}#${event.issue}:${event.label}:${event.at}`;
    case 'edited':
      return `edited:${where}#${event.issue}:${event.at}`;
    case 'comment':
      return `comment:${where}:${event.comment.id}`;
    case 'review':
      return `review:${where}:${event.reviewId}`;
    // A lone inline comment and its review's submission are one request: keyed by the review.
    case 'review-comment':
      return `review:${where}:${event.reviewId}`;
    case 'checks':
      return `checks:${where}:${event.source}:${event.headSha}:${event.at}`;
  }
}
