import { type MarkerState, parseStateMarker } from '../../core/state/state-marker.js';
import type { Actor, CommentKey, IssueComment, OwnComment } from '../../ports/issue-host-port.js';
import { composeBody, markerFor, type RedactSettings, visibleOf } from './comment-bodies.js';
import type { GitHubContext } from './github-client.js';
import { isAmbiguous, toGitHubApiError } from './github-errors.js';
import { toComment } from './github-schemas.js';
import { requestOptions, sleep } from './request-options.js';

/*
 * Maestro's own comments, found by author id and marker (security.md rules 3 and 8). Creating is
 * the one write that must not be repeated blindly: a POST that times out or answers 502 may still
 * have posted, so after such a failure the comment is looked for first and posted again only when
 * it is not there.
 */

export interface OwnCommentDeps {
  ctx: GitHubContext;
  self(): Promise<Actor>;
  redact: RedactSettings;
}

const ISSUES_WRITE = 'Issues: write';

export async function listComments(ctx: GitHubContext, issue: number): Promise<IssueComment[]> {
  let items: unknown[];
  try {
    items = await ctx.client.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...ctx.repo,
      issue_number: issue,
      per_page: 100,
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `list the comments of issue #${issue}`, 'Issues: read');
  }
  return items.map((item) => toComment(item, `GitHub comments of issue #${issue}`));
}

/**
 * The comment of `self` whose marker has this kind (and key). Keyed lookups return the first
 * match, the original; unkeyed ones (the plan, the tracking comment) the last, the current one.
 */
export async function findOwnComment(
  deps: OwnCommentDeps,
  issue: number,
  { kind, key }: CommentKey,
): Promise<OwnComment | undefined> {
  const [self, comments] = await Promise.all([deps.self(), listComments(deps.ctx, issue)]);
  const matches: OwnComment[] = [];
  for (const comment of comments) {
    // The author check comes first: a look-alike marker pasted by anyone else is never parsed.
    if (comment.author.id !== self.id) continue;
    const parsed = parseStateMarker(comment.body);
    if (parsed.kind !== 'found' || parsed.state.kind !== kind) continue;
    if (key !== undefined && parsed.state.data?.key !== key) continue;
    matches.push({ comment, state: parsed.state, visible: visibleOf(comment.body) });
  }
  return key === undefined ? matches.at(-1) : matches[0];
}

export async function upsertOwnComment(
  deps: OwnCommentDeps,
  issue: number,
  state: MarkerState & CommentKey,
  visible: string,
): Promise<IssueComment> {
  const body = composeBody(visible, markerFor(state), { ...deps.redact, issueNumber: issue });
  const existing = await findOwnComment(deps, issue, { kind: state.kind, key: state.key });
  if (existing) {
    return existing.comment.body === body
      ? existing.comment
      : editComment(deps.ctx, existing.comment.id, body);
  }
  return createOnce(deps, issue, body, { kind: state.kind, key: state.key });
}

/** A notice keyed by `key`, posted at most once. */
export async function replyOnce(
  deps: OwnCommentDeps,
  issue: number,
  key: string,
  visible: string,
): Promise<IssueComment> {
  const existing = await findOwnComment(deps, issue, { kind: 'notice', key });
  if (existing) return existing.comment;
  const body = composeBody(visible, markerFor({ kind: 'notice', issue, key }), {
    ...deps.redact,
    issueNumber: issue,
  });
  return createOnce(deps, issue, body, { kind: 'notice', key });
}

async function editComment(ctx: GitHubContext, commentId: number, body: string): Promise<IssueComment> {
  let data: unknown;
  try {
    const response = await ctx.client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      ...ctx.repo,
      comment_id: commentId,
      body,
      ...requestOptions({ timeoutMs: ctx.timeoutMs }),
    });
    data = response.data;
  } catch (error) {
    throw toGitHubApiError(ctx, error, `edit comment ${commentId}`, ISSUES_WRITE);
  }
  return toComment(data, `GitHub comment ${commentId}`);
}

/** POST without plugin retries; after an ambiguous failure, look for the comment, then post once more. */
async function createOnce(
  deps: OwnCommentDeps,
  issue: number,
  body: string,
  key: CommentKey,
): Promise<IssueComment> {
  const { ctx } = deps;
  const post = async () => {
    const response = await ctx.client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...ctx.repo,
      issue_number: issue,
      body,
      ...requestOptions({ timeoutMs: ctx.timeoutMs, retries: 0 }),
    });
    return toComment(response.data);
  };
  const action = `comment on issue #${issue}`;
  try {
    return await post();
  } catch (error) {
    if (!isAmbiguous(error)) throw toGitHubApiError(ctx, error, action, ISSUES_WRITE);
    ctx.logger.warn(
      `Posting a comment on issue #${issue} failed ambiguously; checking whether it was posted.`,
    );
  }
  await sleep(ctx.settleMs);
  const posted = await findOwnComment(deps, issue, key);
  if (posted) return posted.comment;
  try {
    return await post();
  } catch (error) {
    throw toGitHubApiError(ctx, error, action, ISSUES_WRITE);
  }
}
