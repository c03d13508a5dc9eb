import { z } from 'zod';
import { parseOrThrow } from '../../core/parse.js';
import type {
  Actor,
  PullRequestData,
  Reaction,
  SubmittedReview,
  UpdatedIssue,
  UpdatedSince,
} from '../../ports/issue-host-port.js';
import type { GitHubContext } from './github-client.js';
import { toGitHubApiError } from './github-errors.js';
import { actorSchema, labelEvents, pullRequestSchema, toPullRequest } from './github-schemas.js';
import { issueEvents } from './issues.js';
import { requestOptions } from './request-options.js';

/*
 * What the reconciliation sweep reads: what changed since the last sweep (the search API), a PR's
 * reviews, the open PRs, and who removed a label. Each call is bounded: the search stops early
 * when its own quota (30 a minute) runs low, and GitHub caps a search at 1,000 results.
 */

const PER_PAGE = 100;
/** The search API returns at most 1,000 results (10 pages of 100). */
const MAX_PAGES = 10;
/** Searches kept in reserve for the App's other work within the minute. */
const DEFAULT_MIN_REMAINING = 5;

const searchSchema = z.object({
  items: z.array(
    z.object({
      number: z.number().int(),
      state: z.enum(['open', 'closed']),
      updated_at: z.string(),
      labels: z.array(z.union([z.string(), z.object({ name: z.string() })])).default([]),
      pull_request: z.unknown().optional(),
    }),
  ),
});

/**
 * `repo:<owner>/<repo> updated:>=<since>`, oldest change first, page by page. A partial answer
 * (the quota left is below `minRemaining` and more pages remain) says so: the caller's next sweep
 * starts from the last item it got.
 */
export async function searchUpdated(
  ctx: GitHubContext,
  since: string,
  options: { minRemaining?: number } = {},
): Promise<UpdatedSince> {
  const minRemaining = options.minRemaining ?? DEFAULT_MIN_REMAINING;
  // GitHub's search takes whole seconds (`2026-12-07T10:00:00Z`); rounding down looks a bit earlier.
  const from = new Date(Date.parse(since)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const q = `repo:${ctx.repo.owner}/${ctx.repo.repo} updated:>=${from}`;
  const items: UpdatedIssue[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    let response: { data: unknown; headers?: Record<string, unknown> };
    try {
      response = await ctx.client.request('GET /search/issues', {
        q,
        sort: 'updated',
        order: 'asc',
        per_page: PER_PAGE,
        page,
        ...requestOptions({ timeoutMs: ctx.timeoutMs }),
      });
    } catch (error) {
      throw toGitHubApiError(ctx, error, 'search for issues changed since the last sweep', 'Issues: read');
    }
    const found = parseOrThrow(searchSchema, response.data, 'GitHub issue search').items;
    for (const item of found)
      items.push({
        number: item.number,
        isPullRequest: item.pull_request !== undefined && item.pull_request !== null,
        state: item.state,
        labels: item.labels.map((l) => (typeof l === 'string' ? l : l.name)),
        updatedAt: item.updated_at,
      });
    if (found.length < PER_PAGE) return { items, complete: true };
    const remaining = Number(response.headers?.['x-ratelimit-remaining']);
    if (Number.isFinite(remaining) && remaining < minRemaining) return { items, complete: false };
  }
  return { items, complete: false };
}

const reviewSchema = z.object({
  id: z.number().int(),
  state: z.string(),
  body: z.string().nullish(),
  user: actorSchema.nullish(),
  submitted_at: z.string().nullish(),
});
const STATES = ['approved', 'changes_requested', 'commented', 'dismissed'] as const;

export async function listReviews(ctx: GitHubContext, pr: number): Promise<SubmittedReview[]> {
  let raw: unknown[];
  try {
    raw = await ctx.client.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      ...ctx.repo,
      pull_number: pr,
      per_page: 100,
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `list the reviews of pull request #${pr}`, 'Pull requests: read');
  }
  const out: SubmittedReview[] = [];
  for (const review of parseOrThrow(z.array(reviewSchema), raw, `GitHub reviews of #${pr}`)) {
    const state = review.state.toLowerCase() as SubmittedReview['state'];
    // A pending review (not submitted) has no time and no state of these.
    if (!STATES.includes(state) || !review.submitted_at || !review.user) continue;
    out.push({
      id: review.id,
      state,
      body: review.body ?? '',
      reviewer: review.user as Actor,
      submittedAt: review.submitted_at,
    });
  }
  return out;
}

const openPullSchema = pullRequestSchema.extend({
  head: pullRequestSchema.shape.head.extend({
    repo: z.object({ full_name: z.string() }).nullish(),
  }),
});

/** Open PRs whose head branch is in this repository (a fork can name its branch like Maestro's). */
export async function listOpenPullRequests(ctx: GitHubContext): Promise<PullRequestData[]> {
  let raw: unknown[];
  try {
    raw = await ctx.client.paginate('GET /repos/{owner}/{repo}/pulls', {
      ...ctx.repo,
      state: 'open',
      per_page: 100,
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, 'list the open pull requests', 'Pull requests: read');
  }
  const here = `${ctx.repo.owner}/${ctx.repo.repo}`.toLowerCase();
  return parseOrThrow(z.array(openPullSchema), raw, 'GitHub open pull requests')
    .filter((pr) => pr.head.repo?.full_name.toLowerCase() === here)
    .map(toPullRequest);
}

/** Who last removed `label` from the issue and when (a missed `issues.unlabeled`). */
export async function lastUnlabeled(
  ctx: GitHubContext,
  issue: number,
  label: string,
): Promise<{ actor: Actor; at: string } | undefined> {
  const wanted = label.toLowerCase();
  const last = labelEvents(await issueEvents(ctx, issue), `GitHub events of issue #${issue}`)
    .filter((e) => e.event === 'unlabeled' && e.label?.name.toLowerCase() === wanted && e.actor)
    .at(-1);
  return last?.actor ? { actor: last.actor, at: last.created_at } : undefined;
}

const reactionSchema = z.object({ content: z.string(), user: actorSchema.nullish() });

/** Whether the account `actorId` left `reaction` on an issue comment. */
export async function reactedBy(
  ctx: GitHubContext,
  commentId: number,
  reaction: Reaction,
  actorId: number,
): Promise<boolean> {
  let raw: unknown[];
  try {
    raw = await ctx.client.paginate('GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', {
      ...ctx.repo,
      comment_id: commentId,
      content: reaction,
      per_page: 100,
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `read the reactions to comment ${commentId}`, 'Issues: read');
  }
  return parseOrThrow(z.array(reactionSchema), raw, `GitHub reactions to comment ${commentId}`).some(
    (r) => r.content === reaction && r.user?.id === actorId,
  );
}
