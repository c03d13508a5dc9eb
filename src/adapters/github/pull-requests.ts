import type { PullRequestData, PullRequestDraft, PullRequestResult } from '../../ports/issue-host-port.js';
import { composeBody, composeTitle, type RedactSettings } from './comment-bodies.js';
import type { GitHubContext } from './github-client.js';
import {
  gitHubMessage,
  isAmbiguous,
  PULL_REQUEST_EXISTS,
  statusOf,
  toGitHubApiError,
} from './github-errors.js';
import { type RawPullRequest, toPullRequest, toRawPullRequest } from './github-schemas.js';
import { requestOptions, sleep } from './request-options.js';

/*
 * One PR per branch (security.md rule 8): "already exists" is success, and a create that failed
 * ambiguously is followed by a lookup, never by a blind second POST.
 */

const PULLS_WRITE = 'Pull requests: write';

export async function getPullRequest(ctx: GitHubContext, pr: number): Promise<PullRequestData | undefined> {
  let data: unknown;
  try {
    data = (
      await ctx.client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
        ...ctx.repo,
        pull_number: pr,
        ...requestOptions({ timeoutMs: ctx.timeoutMs }),
      })
    ).data;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw toGitHubApiError(ctx, error, `read pull request #${pr}`, 'Pull requests: read');
  }
  return toPullRequest(toRawPullRequest(data, `GitHub pull request #${pr}`));
}

/** The open PR from `head` (a branch of this repository), as GitHub returns it. */
export async function findOpenPullRequest(
  ctx: GitHubContext,
  head: string,
): Promise<RawPullRequest | undefined> {
  let data: unknown;
  try {
    data = (
      await ctx.client.request('GET /repos/{owner}/{repo}/pulls', {
        ...ctx.repo,
        head: `${ctx.repo.owner}:${head}`,
        state: 'open',
        ...requestOptions({ timeoutMs: ctx.timeoutMs }),
      })
    ).data;
  } catch (error) {
    throw toGitHubApiError(ctx, error, `look up the pull request from ${head}`, 'Pull requests: read');
  }
  const first = Array.isArray(data) ? data[0] : undefined;
  return first === undefined ? undefined : toRawPullRequest(first, `GitHub pull requests from ${head}`);
}

export async function createOrUpdatePullRequest(
  ctx: GitHubContext,
  redact: RedactSettings,
  given: PullRequestDraft,
): Promise<PullRequestResult> {
  // The title and the body are both written text: both are redacted, only `Closes #<issue>` kept.
  const settings = { ...redact, issueNumber: given.issue };
  const draft = { ...given, title: composeTitle(given.title, settings) };
  const body = composeBody(given.body, undefined, settings);
  const existing = await findOpenPullRequest(ctx, draft.head);
  if (existing) return { kind: 'updated', pr: await updatePullRequest(ctx, existing, draft, body) };

  const first = await tryCreate(ctx, draft, body);
  if (first.kind === 'created') return first;
  ctx.logger.warn(
    first.kind === 'exists'
      ? `A pull request from ${draft.head} already exists; updating it.`
      : `Opening the pull request from ${draft.head} failed ambiguously; checking whether it was opened.`,
  );
  if (first.kind === 'ambiguous') await sleep(ctx.settleMs);
  const found = await findOpenPullRequest(ctx, draft.head);
  if (found) return { kind: 'updated', pr: await updatePullRequest(ctx, found, draft, body) };
  // Nothing open from the branch, so one more create cannot make a second PR. If GitHub now says
  // "already exists", its list lagged: look once more. A second ambiguous failure is reported.
  const second = await tryCreate(ctx, draft, body);
  if (second.kind === 'created') return second;
  const lagging = second.kind === 'exists' ? await findOpenPullRequest(ctx, draft.head) : undefined;
  if (lagging) return { kind: 'updated', pr: await updatePullRequest(ctx, lagging, draft, body) };
  throw toGitHubApiError(ctx, second.error, `open a pull request from ${draft.head}`, PULLS_WRITE);
}

type CreateAttempt =
  | { kind: 'created'; pr: PullRequestData }
  | { kind: 'exists'; error: unknown }
  | { kind: 'ambiguous'; error: unknown };

/** One POST: created, "already exists", or ambiguous; any other failure is thrown. */
async function tryCreate(ctx: GitHubContext, draft: PullRequestDraft, body: string): Promise<CreateAttempt> {
  try {
    return { kind: 'created', pr: await postPullRequest(ctx, draft, body) };
  } catch (error) {
    if (statusOf(error) === 422 && gitHubMessage(error).includes(PULL_REQUEST_EXISTS)) {
      return { kind: 'exists', error };
    }
    if (isAmbiguous(error)) return { kind: 'ambiguous', error };
    throw toGitHubApiError(ctx, error, `open a pull request from ${draft.head}`, PULLS_WRITE);
  }
}

async function postPullRequest(
  ctx: GitHubContext,
  draft: PullRequestDraft,
  body: string,
): Promise<PullRequestData> {
  const response = await ctx.client.request('POST /repos/{owner}/{repo}/pulls', {
    ...ctx.repo,
    head: draft.head,
    base: draft.base,
    title: draft.title,
    body,
    draft: draft.draft,
    ...requestOptions({ timeoutMs: ctx.timeoutMs, retries: 0 }),
  });
  return toPullRequest(toRawPullRequest(response.data));
}

/** Title and body by REST; the draft state only through GraphQL (REST cannot change it). */
async function updatePullRequest(
  ctx: GitHubContext,
  existing: RawPullRequest,
  draft: PullRequestDraft,
  body: string,
): Promise<PullRequestData> {
  let data: unknown;
  try {
    const response = await ctx.client.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
      ...ctx.repo,
      pull_number: existing.number,
      title: draft.title,
      body,
      ...requestOptions({ timeoutMs: ctx.timeoutMs }),
    });
    data = response.data;
  } catch (error) {
    throw toGitHubApiError(ctx, error, `update pull request #${existing.number}`, PULLS_WRITE);
  }
  const updated = toRawPullRequest(data, `GitHub pull request #${existing.number}`);
  if ((updated.draft ?? false) === draft.draft) return toPullRequest(updated);
  const mutation = draft.draft
    ? 'mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { clientMutationId } }'
    : 'mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { clientMutationId } }';
  try {
    await ctx.client.graphql(mutation, { id: existing.node_id });
  } catch (error) {
    const to = draft.draft ? 'back to a draft' : 'ready for review';
    throw toGitHubApiError(ctx, error, `mark pull request #${existing.number} ${to}`, PULLS_WRITE);
  }
  return { ...toPullRequest(updated), draft: draft.draft };
}

/** Asks for reviews; 422 (e.g. the reviewer is not a collaborator) is logged, not thrown. */
export async function requestReview(ctx: GitHubContext, pr: number, logins: string[]): Promise<void> {
  if (logins.length === 0) return;
  try {
    await ctx.client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', {
      ...ctx.repo,
      pull_number: pr,
      reviewers: logins,
      ...requestOptions({ timeoutMs: ctx.timeoutMs }),
    });
  } catch (error) {
    if (statusOf(error) !== 422) throw toGitHubApiError(ctx, error, `request reviews on #${pr}`, PULLS_WRITE);
    ctx.logger.warn(`GitHub refused the review request on #${pr} (${gitHubMessage(error)}); continuing.`);
  }
}
