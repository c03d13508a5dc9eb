import type { Actor, IssueComment, IssueData, Reaction, StatusLabel } from '../../ports/issue-host-port.js';
import type { GitHubContext } from './github-client.js';
import { statusOf, toGitHubApiError } from './github-errors.js';
import { labelEvents, labelNames, toComment, toIssue } from './github-schemas.js';
import { requestOptions } from './request-options.js';

/* Issues, single comments, labels and reactions. */

const ISSUES_READ = 'Issues: read';
const ISSUES_WRITE = 'Issues: write';
const STATUS_PREFIX = 'maestro:';

export async function getIssue(ctx: GitHubContext, issue: number): Promise<IssueData> {
  let data: unknown;
  try {
    const response = await ctx.client.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      ...ctx.repo,
      issue_number: issue,
      ...requestOptions({ timeoutMs: ctx.timeoutMs }),
    });
    data = response.data;
  } catch (error) {
    throw toGitHubApiError(ctx, error, `read issue #${issue}`, ISSUES_READ);
  }
  return toIssue(data, `GitHub issue #${issue}`);
}

export async function getComment(ctx: GitHubContext, commentId: number): Promise<IssueComment | undefined> {
  let data: unknown;
  try {
    const response = await ctx.client.request('GET /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      ...ctx.repo,
      comment_id: commentId,
      ...requestOptions({ timeoutMs: ctx.timeoutMs }),
    });
    data = response.data;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw toGitHubApiError(ctx, error, `read comment ${commentId}`, ISSUES_READ);
  }
  return toComment(data, `GitHub comment ${commentId}`);
}

/** Open issues with a label, pull requests left out (the issues API lists both). */
export async function listOpenIssues(ctx: GitHubContext, label: string): Promise<IssueData[]> {
  let items: unknown[];
  try {
    items = await ctx.client.paginate('GET /repos/{owner}/{repo}/issues', {
      ...ctx.repo,
      labels: label,
      state: 'open',
      per_page: 100,
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `list open issues labelled "${label}"`, ISSUES_READ);
  }
  return items
    .map((item) => toIssue(item, `GitHub issues labelled ${label}`))
    .filter((i) => !i.isPullRequest);
}

/**
 * One status label at a time: every other `maestro:`-prefixed label goes (a 404 means someone
 * removed it first), then the new one is added unless present. Adding creates a missing label.
 * The trigger label (`maestro`, no colon) is never touched.
 */
export async function setStatus(ctx: GitHubContext, issue: number, status: StatusLabel): Promise<void> {
  const action = `set the status label of issue #${issue}`;
  let items: unknown[];
  try {
    items = await ctx.client.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', {
      ...ctx.repo,
      issue_number: issue,
      per_page: 100,
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, action, ISSUES_WRITE);
  }
  const labels = labelNames(items, `GitHub labels of issue #${issue}`);
  const stale = labels.filter((l) => l.toLowerCase().startsWith(STATUS_PREFIX) && l.toLowerCase() !== status);
  for (const name of stale) {
    try {
      await ctx.client.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', {
        ...ctx.repo,
        issue_number: issue,
        name,
        ...requestOptions({ timeoutMs: ctx.timeoutMs }),
      });
    } catch (error) {
      if (statusOf(error) !== 404) throw toGitHubApiError(ctx, error, action, ISSUES_WRITE);
    }
  }
  if (labels.some((l) => l.toLowerCase() === status)) return;
  try {
    // Adding labels is idempotent, so plugin-retry may repeat it after a 5xx.
    await ctx.client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
      ...ctx.repo,
      issue_number: issue,
      labels: [status],
      ...requestOptions({ timeoutMs: ctx.timeoutMs }),
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, action, ISSUES_WRITE);
  }
}

/**
 * Who last added `label` to the issue and when, from the issue's events (the reconciliation sweep
 * replays a missed labelling with its real sender, so the permission check is the webhook's).
 */
export async function lastLabeled(
  ctx: GitHubContext,
  issue: number,
  label: string,
): Promise<{ actor: Actor; at: string } | undefined> {
  const items = await issueEvents(ctx, issue);
  const wanted = label.toLowerCase();
  const labelings = labelEvents(items, `GitHub events of issue #${issue}`).filter(
    (e) => e.event === 'labeled' && e.label?.name.toLowerCase() === wanted && e.actor,
  );
  const last = labelings.at(-1);
  return last?.actor ? { actor: last.actor, at: last.created_at } : undefined;
}

/** Reactions are courtesy: a failure is logged, never thrown. GitHub answers 200 for a repeat. */
export async function react(
  ctx: GitHubContext,
  target: { commentId: number } | { issue: number },
  reaction: Reaction,
): Promise<void> {
  const options = { ...ctx.repo, content: reaction, ...requestOptions({ timeoutMs: ctx.timeoutMs }) };
  try {
    if ('commentId' in target) {
      await ctx.client.request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', {
        ...options,
        comment_id: target.commentId,
      });
    } else {
      await ctx.client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/reactions', {
        ...options,
        issue_number: target.issue,
      });
    }
  } catch (error) {
    const where = 'commentId' in target ? `comment ${target.commentId}` : `issue #${target.issue}`;
    ctx.logger.warn(`Couldn't react ${reaction} to ${where} (HTTP ${statusOf(error) ?? '?'}); continuing.`);
  }
}

/** Every event of an issue (labels, renames, …), unparsed: callers validate what they read. */
export async function issueEvents(ctx: GitHubContext, issue: number): Promise<unknown[]> {
  try {
    return await ctx.client.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/events', {
      ...ctx.repo,
      issue_number: issue,
      per_page: 100,
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `read the events of issue #${issue}`, ISSUES_READ);
  }
}
