import type { CheckRunInfo } from '../../core/ci/check-runs.js';
import type { CheckAnnotation } from '../../core/ci/ci-failure-digest.js';
import type { PermissionLevel } from '../../core/commands/command-permissions.js';
import type { MarkerState } from '../../core/state/state-marker.js';
import type {
  Actor,
  CommentKey,
  IssueComment,
  IssueData,
  IssueEdits,
  IssueHost,
  OwnComment,
  PullRequestData,
  PullRequestDraft,
  PullRequestResult,
  Reaction,
  RepoRef,
  ReviewComment,
  StatusLabel,
  SubmittedReview,
  UpdatedSince,
  WorkflowDispatch,
  WorkflowRunState,
} from '../../ports/issue-host-port.js';
import { type Logger, silentLogger } from '../../ports/logger-port.js';
import * as checks from './checks.js';
import type { RedactSettings } from './comment-bodies.js';
import type { GitHubContext, GitHubRequester } from './github-client.js';
import { toPullRequest } from './github-schemas.js';
import { issueEdits } from './issue-edits.js';
import * as issues from './issues.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './octokit.js';
import * as own from './own-comments.js';
import { fetchPermission } from './permissions.js';
import * as pulls from './pull-requests.js';
import * as repository from './repository.js';
import * as reviews from './review-comments.js';
import * as sweep from './sweep-queries.js';

export interface OctokitIssueHostOptions {
  /** `createOctokit(…)` in the Action, Probot's `context.octokit` in the App. */
  client: GitHubRequester;
  repo: RepoRef;
  /** Maestro's account, or how to learn it (`identifyTokenOwner`, `appBotIdentity`); asked once. */
  self: Actor | (() => Promise<Actor>);
  /** Secret values to redact from every body Maestro writes (the token, the model key, …). */
  secrets?: string[];
  /** Image hosts allowed in posted bodies; the redactor's default (GitHub's own) otherwise. */
  allowedImageHosts?: string[];
  logger?: Logger;
  /** Per-attempt timeout of the adapter's own requests (default 30 s). */
  timeoutMs?: number;
  /** Wait before looking for the result of an ambiguous write (default 1 s; tests pass 0). */
  settleMs?: number;
  /** Replaces the generic advice on a 401 (see `GitHubContext.unauthorizedHint`). */
  unauthorizedHint?: string;
}

/**
 * The IssueHost over Octokit, for the App and the Action alike. Each concern lives in its own
 * module (own-comments, issues, pull-requests, repository, permissions); this class binds them to
 * one repository and caches what never changes during an event (Maestro's account, the default
 * branch).
 */
export class OctokitIssueHost implements IssueHost {
  readonly repo: RepoRef;
  readonly #ctx: GitHubContext;
  readonly #redact: RedactSettings;
  readonly #resolveSelf: () => Promise<Actor>;
  #self: Promise<Actor> | undefined;
  #defaultBranch: Promise<string> | undefined;

  constructor(options: OctokitIssueHostOptions) {
    this.repo = { owner: options.repo.owner, repo: options.repo.repo };
    const secrets = options.secrets ?? [];
    this.#ctx = {
      client: options.client,
      repo: this.repo,
      logger: options.logger ?? silentLogger,
      timeoutMs: options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      secrets,
      settleMs: options.settleMs ?? 1000,
      ...(options.unauthorizedHint ? { unauthorizedHint: options.unauthorizedHint } : {}),
    };
    this.#redact = { secrets, allowedImageHosts: options.allowedImageHosts };
    const self = options.self;
    this.#resolveSelf = typeof self === 'function' ? self : async () => self;
  }

  self(): Promise<Actor> {
    // A failed lookup is not cached: the next call asks again.
    this.#self ??= this.#resolveSelf().catch((error: unknown) => {
      this.#self = undefined;
      throw error;
    });
    return this.#self;
  }

  defaultBranch(): Promise<string> {
    this.#defaultBranch ??= repository.fetchDefaultBranch(this.#ctx).catch((error: unknown) => {
      this.#defaultBranch = undefined;
      throw error;
    });
    return this.#defaultBranch;
  }

  getIssue(issue: number): Promise<IssueData> {
    return issues.getIssue(this.#ctx, issue);
  }

  listComments(issue: number): Promise<IssueComment[]> {
    return own.listComments(this.#ctx, issue);
  }

  getComment(commentId: number): Promise<IssueComment | undefined> {
    return issues.getComment(this.#ctx, commentId);
  }

  findOwnComment(issue: number, key: CommentKey): Promise<OwnComment | undefined> {
    return own.findOwnComment(this.#own(), issue, key);
  }

  upsertOwnComment(issue: number, state: MarkerState & CommentKey, visible: string): Promise<IssueComment> {
    return own.upsertOwnComment(this.#own(), issue, state, visible);
  }

  reply(issue: number, key: string, visible: string): Promise<IssueComment> {
    return own.replyOnce(this.#own(), issue, key, visible);
  }

  react(target: { commentId: number } | { issue: number }, reaction: Reaction): Promise<void> {
    return issues.react(this.#ctx, target, reaction);
  }

  setStatus(issue: number, status: StatusLabel): Promise<void> {
    return issues.setStatus(this.#ctx, issue, status);
  }

  permission(login: string): Promise<PermissionLevel> {
    return fetchPermission(this.#ctx, login);
  }

  readFile(path: string, ref?: string): Promise<{ text: string; sha: string } | undefined> {
    return repository.readFile(this.#ctx, path, ref);
  }

  dispatchWorkflow(dispatch: WorkflowDispatch): Promise<void> {
    return repository.dispatchWorkflow(this.#ctx, dispatch);
  }

  cancelWorkflowRun(runId: number): Promise<void> {
    return repository.cancelWorkflowRun(this.#ctx, runId);
  }

  workflowRunState(runId: number): Promise<WorkflowRunState> {
    return repository.workflowRunState(this.#ctx, runId);
  }

  getPullRequest(pr: number): Promise<PullRequestData | undefined> {
    return pulls.getPullRequest(this.#ctx, pr);
  }

  async findPullRequest(head: string): Promise<PullRequestData | undefined> {
    const raw = await pulls.findOpenPullRequest(this.#ctx, head);
    return raw && toPullRequest(raw);
  }

  createOrUpdatePullRequest(draft: PullRequestDraft): Promise<PullRequestResult> {
    return pulls.createOrUpdatePullRequest(this.#ctx, this.#redact, draft);
  }

  requestReview(pr: number, logins: string[]): Promise<void> {
    return pulls.requestReview(this.#ctx, pr, logins);
  }

  commitMessage(sha: string): Promise<string | undefined> {
    return repository.commitMessage(this.#ctx, sha);
  }

  checkRuns(ref: string): Promise<CheckRunInfo[]> {
    return checks.listCheckRuns(this.#ctx, ref);
  }

  checkAnnotations(checkRunId: number): Promise<CheckAnnotation[]> {
    return checks.listAnnotations(this.#ctx, checkRunId);
  }

  jobLog(jobId: number): Promise<string | undefined> {
    return checks.jobLog(this.#ctx, jobId);
  }

  reviewComments(pr: number, reviewId: number): Promise<ReviewComment[]> {
    return reviews.listReviewComments(this.#ctx, pr, reviewId);
  }

  replyToReviewComment(pr: number, commentId: number, issue: number, body: string): Promise<void> {
    return reviews.replyToReviewComment(this.#ctx, this.#redact, { pr, commentId, issue, body });
  }

  issueEdits(issue: number): Promise<IssueEdits> {
    return issueEdits(this.#ctx, issue);
  }

  lastLabeled(issue: number, label: string): Promise<{ actor: Actor; at: string } | undefined> {
    return issues.lastLabeled(this.#ctx, issue, label);
  }

  listOpenIssues(label: string): Promise<IssueData[]> {
    return issues.listOpenIssues(this.#ctx, label);
  }

  lastUnlabeled(issue: number, label: string): Promise<{ actor: Actor; at: string } | undefined> {
    return sweep.lastUnlabeled(this.#ctx, issue, label);
  }

  searchUpdated(since: string, options?: { minRemaining?: number }): Promise<UpdatedSince> {
    return sweep.searchUpdated(this.#ctx, since, options);
  }

  listReviews(pr: number): Promise<SubmittedReview[]> {
    return sweep.listReviews(this.#ctx, pr);
  }

  listOpenPullRequests(): Promise<PullRequestData[]> {
    return sweep.listOpenPullRequests(this.#ctx);
  }

  async hasOwnReaction(commentId: number, reaction: Reaction): Promise<boolean> {
    return sweep.reactedBy(this.#ctx, commentId, reaction, (await this.self()).id);
  }

  #own(): own.OwnCommentDeps {
    return { ctx: this.#ctx, self: () => this.self(), redact: this.#redact };
  }
}
