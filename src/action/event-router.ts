import { z } from 'zod';
import { checkSuiteEvent, workflowRunEvent } from '../adapters/github/checks-payloads.js';
import { parseOrThrow } from '../core/parse.js';
import type { ExecuteRequest, IssueEvent } from '../engine/github/issue-events.js';
import type { Actor } from '../ports/issue-host-port.js';
import { dispatchRequest } from './dispatch-inputs.js';

/**
 * What the Action does about the event that started it. PURE: the payload in, a decision out; the
 * runner does the I/O. Only what the engine needs is kept from the payload.
 */
export type Route =
  /** An issue, comment or review event for `handleIssueEvent`. */
  | { kind: 'event'; event: IssueEvent }
  /** A `workflow_dispatch` carrying an approval to execute (verified by the engine before any model call). */
  | { kind: 'execute'; request: ExecuteRequest }
  /**
   * A `workflow_dispatch` with `mode: plan`: plan this issue as if the trigger label had just been
   * added (the runner fills in the configured label; this module knows no config), or, with
   * `commentId`, the round that comment asks for (read back from GitHub by the runner).
   */
  | { kind: 'plan'; issue: number; sender: Actor; at: string; commentId?: number }
  | { kind: 'nothing'; reason: string };

const actorSchema = z.object({ login: z.string().min(1), id: z.number().int(), type: z.string() });
const nullableActor = actorSchema.nullable().optional();

const issuesSchema = z.object({
  action: z.string(),
  issue: z.object({ number: z.number().int().positive(), updated_at: z.string().nullish() }),
  label: z.object({ name: z.string() }).nullish(),
  sender: actorSchema,
});

const issueCommentSchema = z.object({
  action: z.string(),
  issue: z.object({ number: z.number().int().positive(), pull_request: z.unknown().optional() }),
  comment: z.object({
    id: z.number().int().positive(),
    body: z.string().nullish(),
    user: nullableActor,
    created_at: z.string(),
    updated_at: z.string(),
    html_url: z.string(),
  }),
});

const reviewStates = ['approved', 'changes_requested', 'commented', 'dismissed'] as const;
const reviewSchema = z.object({
  action: z.string(),
  pull_request: z.object({
    number: z.number().int().positive(),
    head: z.object({ ref: z.string(), repo: z.object({ id: z.number().int() }).nullish() }),
  }),
  repository: z.object({ id: z.number().int() }).optional(),
  review: z.object({
    id: z.number().int().positive(),
    state: z.string(),
    body: z.string().nullish(),
    user: nullableActor,
    submitted_at: z.string().nullish(),
  }),
});

const runSchema = z.object({
  head_branch: z.string().nullable(),
  head_sha: z.string().regex(/^[0-9a-f]{40}$/),
  conclusion: z.string().nullable(),
  updated_at: z.string().nullish(),
  path: z.string().nullish(),
  pull_requests: z
    .array(
      z.object({
        number: z.number().int().positive(),
        base: z.object({ repo: z.object({ id: z.number().int() }) }).optional(),
      }),
    )
    .default([]),
  head_repository: z.object({ id: z.number().int() }).nullish(),
});
const checkSuiteSchema = z.object({
  action: z.string(),
  check_suite: runSchema,
  repository: z.object({ id: z.number().int() }),
  sender: actorSchema,
});
const workflowRunSchema = z.object({
  action: z.string(),
  workflow_run: runSchema,
  repository: z.object({ id: z.number().int() }),
  sender: actorSchema,
});
const reviewCommentSchema = z.object({
  action: z.string(),
  pull_request: z.object({
    number: z.number().int().positive(),
    head: z.object({ ref: z.string(), repo: z.object({ id: z.number().int() }).nullish() }),
  }),
  repository: z.object({ id: z.number().int() }),
  comment: z.object({
    id: z.number().int().positive(),
    pull_request_review_id: z.number().int().positive().nullish(),
    in_reply_to_id: z.number().int().positive().nullish(),
    user: nullableActor,
    created_at: z.string(),
  }),
});

const dispatchSchema = z.object({
  inputs: z.record(z.string(), z.unknown()).nullish(),
  sender: actorSchema,
});

/** The event → a route. Throws a `ValidationError` for a malformed payload or bad dispatch inputs. */
export function routeEvent(eventName: string, payload: unknown, now: Date): Route {
  const source = `event payload (${eventName})`;
  switch (eventName) {
    case 'issues':
      return routeIssues(parseOrThrow(issuesSchema, payload, source), now);
    case 'issue_comment':
      return routeComment(parseOrThrow(issueCommentSchema, payload, source));
    case 'pull_request_review':
      return routeReview(parseOrThrow(reviewSchema, payload, source), now);
    case 'check_suite':
      return routeChecks(eventName, parseOrThrow(checkSuiteSchema, payload, source), (p) =>
        checkSuiteEvent(p),
      );
    case 'workflow_run':
      return routeChecks(eventName, parseOrThrow(workflowRunSchema, payload, source), (p) =>
        workflowRunEvent(p),
      );
    case 'pull_request_review_comment':
      return routeReviewComment(parseOrThrow(reviewCommentSchema, payload, source));
    case 'workflow_dispatch': {
      const dispatch = parseOrThrow(dispatchSchema, payload, source);
      return dispatchRequest(dispatch.inputs ?? {}, dispatch.sender, now);
    }
    default:
      return nothing(
        eventName,
        'Maestro handles issues, issue_comment, pull_request_review, pull_request_review_comment, check_suite, workflow_run and workflow_dispatch',
      );
  }
}

function routeChecks<P extends { action: string }>(
  eventName: string,
  payload: P,
  map: (payload: P) => IssueEvent | undefined,
): Route {
  if (payload.action !== 'completed')
    return nothing(`${eventName}.${payload.action}`, 'only completed runs are read');
  const event = map(payload);
  return event
    ? { kind: 'event', event }
    : nothing(`${eventName}.completed`, 'no branch, or a fork, or Maestro’s own workflow');
}

function routeReviewComment(payload: z.infer<typeof reviewCommentSchema>): Route {
  if (payload.action !== 'created')
    return nothing(`pull_request_review_comment.${payload.action}`, 'only new comments are read');
  const { comment, pull_request: pr } = payload;
  if (!comment.user || comment.user.type === 'Bot')
    return nothing('pull_request_review_comment.created', 'a bot or a deleted account');
  if (pr.head.repo?.id !== payload.repository.id)
    return nothing('pull_request_review_comment.created', 'a pull request from a fork');
  if (!comment.pull_request_review_id)
    return nothing('pull_request_review_comment.created', 'not part of a review');
  return {
    kind: 'event',
    event: {
      kind: 'review-comment',
      pr: pr.number,
      head: pr.head.ref,
      reviewId: comment.pull_request_review_id,
      commentId: comment.id,
      author: actor(comment.user),
      ...(comment.in_reply_to_id ? { inReplyTo: comment.in_reply_to_id } : {}),
      at: comment.created_at,
    },
  };
}

function routeIssues(payload: z.infer<typeof issuesSchema>, now: Date): Route {
  const issue = payload.issue.number;
  const sender = actor(payload.sender);
  // The payload carries no event time; `updated_at` is when this change was made.
  const at = payload.issue.updated_at ?? now.toISOString();
  switch (payload.action) {
    case 'labeled':
    case 'unlabeled': {
      if (!payload.label) return nothing(`issues.${payload.action}`, 'the payload names no label');
      return { kind: 'event', event: { kind: payload.action, issue, label: payload.label.name, sender, at } };
    }
    case 'edited':
      return { kind: 'event', event: { kind: 'edited', issue, sender, at } };
    default:
      return nothing(`issues.${payload.action}`, 'only labeled, unlabeled and edited matter');
  }
}

function routeComment(payload: z.infer<typeof issueCommentSchema>): Route {
  // Commands count only in newly created comments (product.md §2): an edit never re-runs one.
  if (payload.action !== 'created') {
    return nothing(`issue_comment.${payload.action}`, 'only new comments are read');
  }
  const { comment } = payload;
  if (!comment.user) return nothing('issue_comment.created', 'the comment has no author (deleted account)');
  return {
    kind: 'event',
    event: {
      kind: 'comment',
      issue: payload.issue.number,
      isPullRequest: payload.issue.pull_request !== undefined && payload.issue.pull_request !== null,
      comment: {
        id: comment.id,
        body: comment.body ?? '',
        author: actor(comment.user),
        createdAt: comment.created_at,
        updatedAt: comment.updated_at,
        url: comment.html_url,
      },
    },
  };
}

function routeReview(payload: z.infer<typeof reviewSchema>, now: Date): Route {
  if (payload.action !== 'submitted') {
    return nothing(`pull_request_review.${payload.action}`, 'only submitted reviews are read');
  }
  const { review } = payload;
  // A fork can name its branch `maestro/issue-12-…`; Maestro's branches live in this repository.
  const headRepo = payload.pull_request.head.repo?.id;
  if (payload.repository && headRepo !== payload.repository.id)
    return nothing('pull_request_review.submitted', 'a pull request from a fork');
  const state = review.state.toLowerCase();
  if (!isReviewState(state))
    return nothing('pull_request_review.submitted', `unknown review state "${state}"`);
  if (!review.user) return nothing('pull_request_review.submitted', 'the review has no author');
  return {
    kind: 'event',
    event: {
      kind: 'review',
      pr: payload.pull_request.number,
      head: payload.pull_request.head.ref,
      state,
      reviewer: actor(review.user),
      body: review.body ?? '',
      reviewId: review.id,
      at: review.submitted_at ?? now.toISOString(),
    },
  };
}

function isReviewState(state: string): state is (typeof reviewStates)[number] {
  return (reviewStates as readonly string[]).includes(state);
}

/** Only the three fields the engine uses; the rest of a payload's user object stays behind. */
function actor(user: { login: string; id: number; type: string }): Actor {
  return { login: user.login, id: user.id, type: user.type };
}

function nothing(event: string, why: string): Route {
  return { kind: 'nothing', reason: `nothing to do for event ${event}: ${why}` };
}
