import type { Actor, IssueComment } from '../../ports/issue-host-port.js';

/**
 * What happened on GitHub, in the engine's words. The App builds these from webhook payloads, the
 * Action from `GITHUB_EVENT_PATH`; neither passes a payload further in.
 */
export type IssueEvent =
  /** A label was added; only the configured trigger label starts planning. */
  | { kind: 'labeled'; issue: number; label: string; sender: Actor; at: string }
  /** A label was removed; removing the trigger label cancels. */
  | { kind: 'unlabeled'; issue: number; label: string; sender: Actor; at: string }
  /** The issue's title or body changed: a pending approval no longer holds. */
  | { kind: 'edited'; issue: number; sender: Actor; at: string }
  /** A new comment on an issue or a pull request (commands, answers). */
  | { kind: 'comment'; issue: number; isPullRequest: boolean; comment: IssueComment }
  /** A submitted pull request review; `changes_requested` from a writer runs another iteration. */
  | {
      kind: 'review';
      pr: number;
      /** The PR's head branch, which names the issue (`maestro/issue-<n>-…`). */
      head: string;
      state: 'approved' | 'changes_requested' | 'commented' | 'dismissed';
      reviewer: Actor;
      body: string;
      reviewId: number;
      at: string;
    }
  /**
   * An inline review comment created on its own (`pull_request_review_comment.created`); the review
   * it belongs to is handled once, whichever of its events comes first.
   */
  | {
      kind: 'review-comment';
      pr: number;
      head: string;
      reviewId: number;
      commentId: number;
      author: Actor;
      /** Set when the comment answers another one (a reply in a thread is not a new request). */
      inReplyTo?: number;
      at: string;
    }
  /**
   * Checks finished on a commit of a branch (`check_suite.completed`, `workflow_run.completed`):
   * when it is Maestro's PR head and something failed, one CI fix iteration may run.
   */
  | {
      kind: 'checks';
      source: 'check_suite' | 'workflow_run';
      head: string;
      headSha: string;
      /** The suite's or run's own conclusion (`failure`, `success`, …), null while unknown. */
      conclusion: string | null;
      /** The PR the payload names for this head, when it names one. */
      pr?: number;
      /** Usually a bot (CI's own app): checks are judged by branch and commit, not by sender. */
      sender: Actor;
      at: string;
    };

/**
 * What the front door must do next. Execution never happens inside a webhook: the App dispatches
 * the workflow for `execute` (and for `plan-in-action`), the Action runs it in its execute job.
 */
export interface ExecuteRequest {
  issue: number;
  /** The `/maestro approve` comment the run is bound to. */
  approvalCommentId: number;
  /** The approved PRD revision's hash. */
  prdHash: string;
  /**
   * `ci-fix`: the PR's checks failed on Maestro's checkpoint `headSha`; `review`: a review's inline
   * comments (`reviewId`) are answered in one iteration, with a reply in each thread.
   */
  reason: 'approve' | 'resume' | 'fix' | 'ci-fix' | 'review';
  /** `/maestro fix <what>` text or the review's body, for a fix iteration. */
  fix?: string;
  /** The PR a fix iteration updates. */
  pr?: number;
  /** `ci-fix`: the checkpoint whose checks failed (the run refuses if the branch moved since). */
  headSha?: string;
  /** `review`: the review whose inline comments the iteration addresses. */
  reviewId?: number;
}

export type Handled =
  | { kind: 'ignored'; reason: string }
  /** Maestro answered with a comment and nothing else changed (help, status, refusals). */
  | { kind: 'replied'; reason: string }
  | { kind: 'planned'; revision: number; hash: string; ready: boolean }
  /**
   * `planning.runs_in: action`: the App hands planning to the workflow — the first plan, or the
   * round a comment asks for (an answer, `/maestro revise`, `/maestro chain`).
   */
  | { kind: 'plan-in-action'; issue: number; commentId?: number }
  | { kind: 'execute'; request: ExecuteRequest }
  | { kind: 'cancelled'; runId?: number }
  /** The repository's `.github/maestro.yml` is invalid; one comment says which key. */
  | { kind: 'config-invalid'; problem: string };

/**
 * The workflow_dispatch inputs the App sends and the Action reads: kebab-case, the same names as
 * the Action's own inputs and outputs (`approval-comment-id`, `pr-number`, …).
 */
export function dispatchInputs(request: ExecuteRequest): Record<string, string> {
  const inputs: Record<string, string> = {
    issue: String(request.issue),
    'approval-comment-id': String(request.approvalCommentId),
    'prd-hash': request.prdHash,
    reason: request.reason,
  };
  if (request.fix !== undefined) inputs.fix = request.fix.slice(0, 1000);
  if (request.pr !== undefined) inputs['pr-number'] = String(request.pr);
  if (request.headSha !== undefined) inputs['head-sha'] = request.headSha;
  if (request.reviewId !== undefined) inputs['review-id'] = String(request.reviewId);
  return inputs;
}

/** The issue or pull request an event is about (a PR's review, comment or checks: the PR's number). */
export function subjectOf(event: IssueEvent): number | undefined {
  switch (event.kind) {
    case 'review':
    case 'review-comment':
      return event.pr;
    case 'checks':
      return event.pr;
    default:
      return event.issue;
  }
}
