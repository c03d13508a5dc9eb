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
  reason: 'approve' | 'resume' | 'fix';
  /** `/maestro fix <what>` text or the review's body, for a fix iteration. */
  fix?: string;
  /** The PR a fix iteration updates. */
  pr?: number;
}

export type Handled =
  | { kind: 'ignored'; reason: string }
  /** Maestro answered with a comment and nothing else changed (help, status, refusals). */
  | { kind: 'replied'; reason: string }
  | { kind: 'planned'; revision: number; hash: string; ready: boolean }
  /** `planning.runs_in: action`: the App hands planning to the workflow. */
  | { kind: 'plan-in-action'; issue: number }
  | { kind: 'execute'; request: ExecuteRequest }
  | { kind: 'cancelled'; runId?: number }
  /** The repository's `.github/maestro.yml` is invalid; one comment says which key. */
  | { kind: 'config-invalid'; problem: string };

/** The workflow_dispatch inputs the App sends and the Action reads (kebab-free: GitHub input names). */
export function dispatchInputs(request: ExecuteRequest): Record<string, string> {
  const inputs: Record<string, string> = {
    issue: String(request.issue),
    approval_comment_id: String(request.approvalCommentId),
    prd_hash: request.prdHash,
    reason: request.reason,
  };
  if (request.fix !== undefined) inputs.fix = request.fix.slice(0, 1000);
  if (request.pr !== undefined) inputs.pr = String(request.pr);
  return inputs;
}
