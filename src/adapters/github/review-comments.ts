import { z } from 'zod';
import type { ReviewComment } from '../../ports/issue-host-port.js';
import { composeBody, type RedactSettings } from './comment-bodies.js';
import type { GitHubContext } from './github-client.js';
import { toGitHubApiError } from './github-errors.js';
import { actorSchema } from './github-schemas.js';
import { requestOptions } from './request-options.js';

const PULLS = 'Pull requests: write';

const reviewCommentSchema = z.object({
  id: z.number().int(),
  path: z.string(),
  line: z.number().int().nullish(),
  original_line: z.number().int().nullish(),
  body: z.string().nullish(),
  user: actorSchema.nullish(),
  in_reply_to_id: z.number().int().nullish(),
});

/** The inline comments of one review, oldest first (replies inside threads left out). */
export async function listReviewComments(
  ctx: GitHubContext,
  pr: number,
  reviewId: number,
): Promise<ReviewComment[]> {
  let items: unknown[];
  try {
    items = await ctx.client.paginate(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments',
      { ...ctx.repo, pull_number: pr, review_id: reviewId, per_page: 100 },
    );
  } catch (error) {
    throw toGitHubApiError(
      ctx,
      error,
      `read the comments of review ${reviewId} on #${pr}`,
      'Pull requests: read',
    );
  }
  return items.flatMap((item) => {
    const parsed = reviewCommentSchema.safeParse(item);
    if (!parsed.success || parsed.data.in_reply_to_id) return [];
    const c = parsed.data;
    const line = c.line ?? c.original_line;
    return [
      {
        id: c.id,
        path: c.path,
        ...(line ? { line } : {}),
        body: c.body ?? '',
        author: c.user ?? { login: 'ghost', id: 10137, type: 'User' },
      },
    ];
  });
}

/** A reply in the comment's thread; the body is redacted like every comment Maestro writes. */
export async function replyToReviewComment(
  ctx: GitHubContext,
  redact: RedactSettings,
  input: { pr: number; commentId: number; issue: number; body: string },
): Promise<void> {
  try {
    await ctx.client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies', {
      ...ctx.repo,
      pull_number: input.pr,
      comment_id: input.commentId,
      body: composeBody(input.body, undefined, { ...redact, issueNumber: input.issue }),
      ...requestOptions({ timeoutMs: ctx.timeoutMs }),
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `reply to review comment ${input.commentId} on #${input.pr}`, PULLS);
  }
}
