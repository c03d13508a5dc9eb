import type { CheckRunInfo } from '../core/ci/check-runs.js';
import type { CheckAnnotation } from '../core/ci/ci-failure-digest.js';
import type { PermissionLevel } from '../core/commands/command-permissions.js';
import type { MarkerState } from '../core/state/state-marker.js';

/**
 * GitHub as the engine sees it: issues, comments, labels, reactions, pull requests, permissions
 * and workflow dispatch. One adapter implements it over Octokit (App and Action alike), so the
 * use cases in `engine/github/` never see a webhook payload, a token or an HTTP status.
 *
 * Every method that writes text sends it through the outbound redactor (secrets, mass mentions,
 * foreign images, command words, forged markers, `Closes #other`) and keeps it under GitHub's
 * 65,536-character limit; the marker Maestro appends itself is added after redaction.
 */

export interface RepoRef {
  owner: string;
  repo: string;
}

/** A GitHub account. `type` is `Bot` for apps and GitHub Actions. */
export interface Actor {
  login: string;
  id: number;
  type: string;
}

export interface IssueComment {
  id: number;
  body: string;
  author: Actor;
  createdAt: string;
  /** Equal to `createdAt` until someone edits the comment. */
  updatedAt: string;
  url: string;
}

export interface IssueData {
  number: number;
  title: string;
  body: string;
  labels: string[];
  author: Actor;
  state: 'open' | 'closed';
  url: string;
  /** Pull requests are issues too; comments on them arrive as issue comments. */
  isPullRequest: boolean;
}

/** One change to an issue's title or body: who made it (undefined for a deleted account) and when. */
export interface IssueEdit {
  part: 'title' | 'body';
  editor: string | undefined;
  at: string;
}

/**
 * The edits of an issue's title (`renamed` events) and body (GraphQL `userContentEdits`), oldest
 * first. GitHub keeps the newest body edits only up to a page: `olderThan` is the time of the oldest
 * one returned when there are more before it (so nothing is known of edits before that time).
 */
export interface IssueEdits {
  edits: IssueEdit[];
  olderThan?: string;
}

export interface PullRequestData {
  number: number;
  url: string;
  draft: boolean;
  /** The branch the PR is from (`maestro/issue-12-add-login`). */
  head: string;
  base: string;
  state: 'open' | 'closed';
  /** The commits the PR's head and base branches point at, when GitHub sent them. */
  headSha?: string;
  baseSha?: string;
}

/** Which of Maestro's comments on an issue: the plan, the tracking comment, or a keyed notice. */
export interface CommentKey {
  kind: MarkerState['kind'];
  /** Notices are keyed (`reply:<comment id>`, `config:<blob sha>`); plan and tracking are one per issue. */
  key?: string;
}

/** One of Maestro's own comments (author id = `self().id`) with its parsed marker. */
export interface OwnComment {
  comment: IssueComment;
  state: MarkerState;
  /** The comment body without the marker (what people see). */
  visible: string;
}

/** The status labels of product.md §3; exactly one is on an issue at a time. */
export const statusLabels = [
  'maestro:planning',
  'maestro:needs-answers',
  'maestro:awaiting-approval',
  'maestro:approved',
  'maestro:running',
  'maestro:pr-open',
  /** The review chain posted its findings; nothing was changed. */
  'maestro:reviewed',
  'maestro:failed',
  'maestro:cancelled',
] as const;
export type StatusLabel = (typeof statusLabels)[number];

export type Reaction = 'eyes' | '+1' | '-1' | 'rocket' | 'confused';

export interface PullRequestDraft {
  head: string;
  base: string;
  title: string;
  /** The final report; redacted with only `Closes #<issue>` kept. */
  body: string;
  draft: boolean;
  /** The issue the PR closes (the only issue reference the redactor keeps). */
  issue: number;
}

export type PullRequestResult =
  | { kind: 'created'; pr: PullRequestData }
  | { kind: 'updated'; pr: PullRequestData };

/** One inline comment of a pull request review (the first of its thread). */
export interface ReviewComment {
  id: number;
  path: string;
  /** The line it is on, when GitHub still knows it. */
  line?: number;
  body: string;
  author: Actor;
}

/** An issue or pull request the search found changed since a time (the reconciliation sweep). */
export interface UpdatedIssue {
  number: number;
  isPullRequest: boolean;
  state: 'open' | 'closed';
  labels: string[];
  updatedAt: string;
}

export interface UpdatedSince {
  /** Oldest change first. */
  items: UpdatedIssue[];
  /** False when the search quota ran low before the last page: the rest is for the next sweep. */
  complete: boolean;
}

/** A submitted pull request review. */
export interface SubmittedReview {
  id: number;
  state: 'approved' | 'changes_requested' | 'commented' | 'dismissed';
  body: string;
  reviewer: Actor;
  submittedAt: string;
}

export interface WorkflowDispatch {
  /** Workflow file name (`maestro.yml`) or id. */
  workflow: string;
  /** Branch the workflow runs on (the default branch). */
  ref: string;
  inputs: Record<string, string>;
}

/**
 * Whether a workflow run is still going: `active` (queued, waiting, in progress), `ended`
 * (completed, or gone), `unknown` when GitHub would not say (the token lacks `actions: read`).
 */
export type WorkflowRunState = 'active' | 'ended' | 'unknown';

export interface IssueHost {
  readonly repo: RepoRef;
  /** Maestro's own account; its comments are the only ones whose markers are trusted. */
  self(): Promise<Actor>;
  defaultBranch(): Promise<string>;
  getIssue(issue: number): Promise<IssueData>;
  /** Every comment of an issue, oldest first (paginated). */
  listComments(issue: number): Promise<IssueComment[]>;
  /** A comment by id, or undefined when it was deleted. */
  getComment(commentId: number): Promise<IssueComment | undefined>;
  /**
   * Maestro's comment with this key: author id must equal `self().id` and the marker must parse;
   * a look-alike marker in anyone else's comment is ignored.
   */
  findOwnComment(issue: number, key: CommentKey): Promise<OwnComment | undefined>;
  /**
   * Creates or edits Maestro's comment with this key (found by marker and author id). A create that
   * fails ambiguously (5xx, timeout) is never blindly retried: the adapter looks for the comment
   * first and only posts again when it is not there.
   */
  upsertOwnComment(issue: number, state: MarkerState & CommentKey, visible: string): Promise<IssueComment>;
  /** A reply, once per key: a second call with the same key finds the first and does nothing. */
  reply(issue: number, key: string, visible: string): Promise<IssueComment>;
  react(target: { commentId: number } | { issue: number }, reaction: Reaction): Promise<void>;
  /** Replaces any other `maestro:*` status label with this one (creating the label if missing). */
  setStatus(issue: number, status: StatusLabel): Promise<void>;
  /** Role from the permission API; any failure (404, 5xx, timeout, odd value) is `'none'`. */
  permission(login: string): Promise<PermissionLevel>;
  /** A file on a ref (default: the default branch), or undefined when absent. */
  readFile(path: string, ref?: string): Promise<{ text: string; sha: string } | undefined>;
  dispatchWorkflow(dispatch: WorkflowDispatch): Promise<void>;
  /** Cancels a workflow run (the runner turns it into SIGINT; the run checkpoints and stops). */
  cancelWorkflowRun(runId: number): Promise<void>;
  /** Whether a workflow run is still going (a run that died without saying so has `ended`). */
  workflowRunState(runId: number): Promise<WorkflowRunState>;
  getPullRequest(pr: number): Promise<PullRequestData | undefined>;
  /** The open PR from this branch, if any. */
  findPullRequest(head: string): Promise<PullRequestData | undefined>;
  /** Opens the PR, or updates the open one from the same branch ("already exists" is success). */
  createOrUpdatePullRequest(draft: PullRequestDraft): Promise<PullRequestResult>;
  requestReview(pr: number, logins: string[]): Promise<void>;
  /** A commit's message, or undefined when GitHub does not know the commit. */
  commitMessage(sha: string): Promise<string | undefined>;
  /** The check runs GitHub has for a commit (CI feedback: read-only). */
  checkRuns(ref: string): Promise<CheckRunInfo[]>;
  checkAnnotations(checkRunId: number): Promise<CheckAnnotation[]>;
  /** A GitHub Actions job's log text, or undefined when it cannot be read. */
  jobLog(jobId: number): Promise<string | undefined>;
  /** The inline comments a review made (thread starters only). */
  reviewComments(pr: number, reviewId: number): Promise<ReviewComment[]>;
  /** A reply in a review comment's thread (redacted); never resolves the thread. */
  replyToReviewComment(pr: number, commentId: number, issue: number, body: string): Promise<void>;
  /** Who changed the issue's title and body, and when (for pinning the plan's input to its trigger). */
  issueEdits(issue: number): Promise<IssueEdits>;
  /** Who last added this label to the issue, and when (issue events API), if anyone did. */
  lastLabeled(issue: number, label: string): Promise<{ actor: Actor; at: string } | undefined>;
  /** Open issues carrying a label (the reconciliation sweep). */
  listOpenIssues(label: string): Promise<IssueData[]>;
  /** Who last removed this label from the issue, and when, if anyone did (a missed cancel). */
  lastUnlabeled(issue: number, label: string): Promise<{ actor: Actor; at: string } | undefined>;
  /**
   * Issues and pull requests changed after `since` (the search API, oldest change first, page by
   * page), stopping early when fewer than `minRemaining` searches are left this minute.
   */
  searchUpdated(since: string, options?: { minRemaining?: number }): Promise<UpdatedSince>;
  /** A pull request's submitted reviews, oldest first. */
  listReviews(pr: number): Promise<SubmittedReview[]>;
  /** The repository's open pull requests. */
  listOpenPullRequests(): Promise<PullRequestData[]>;
  /** Whether Maestro itself left this reaction on a comment (it reacts 🚀 to a command it acts on). */
  hasOwnReaction(commentId: number, reaction: Reaction): Promise<boolean>;
}
