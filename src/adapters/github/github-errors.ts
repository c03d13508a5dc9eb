import { GitHubApiError } from '../../core/errors.js';
import { redactSecrets } from '../../core/policy/outbound/redact-secrets.js';
import { type GitHubContext, repoName } from './github-client.js';

/** GitHub's 422 message when the branch already has an open PR (create-pull-request matches it too). */
export const PULL_REQUEST_EXISTS = 'A pull request already exists';

/** The HTTP status of an Octokit error; undefined for anything that is not one. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const status = (error as { status: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Whether a failed write may have happened anyway: a 5xx (Octokit also reports network errors and
 * timeouts as 500), an abort, or an error without any status. 4xx answers are definite.
 */
export function isAmbiguous(error: unknown): boolean {
  const status = statusOf(error);
  if (status === undefined || status === 0) return true;
  return status >= 500;
}

/**
 * Why GitHub gave no answer at all, or undefined when it did answer. Octokit reports a failed
 * connection (DNS, refused, reset, timeout) as a RequestError with status 500 and no response;
 * the system error's code sits somewhere in its `cause` chain (`getaddrinfo ENOTFOUND …`).
 */
export function noAnswerFrom(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if ((error as { response?: unknown }).response !== undefined) return undefined;
  const status = statusOf(error);
  if (status !== undefined && status !== 500) return undefined;
  let cause: unknown = error;
  for (let depth = 0; depth < 6 && typeof cause === 'object' && cause !== null; depth++) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      return typeof message === 'string' && message.includes(code) ? message : code;
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  // A status-500 RequestError without a response is Octokit's own report of a failed fetch.
  if (status === 500) return error instanceof Error ? error.message : 'no answer';
  return undefined;
}

/** The text of a GitHub error (`message` plus each validation error's message), for matching. */
export function gitHubMessage(error: unknown): string {
  const data = (error as { response?: { data?: unknown } } | undefined)?.response?.data;
  const parts: string[] = [];
  if (typeof data === 'object' && data !== null) {
    const { message, errors } = data as { message?: unknown; errors?: unknown };
    if (typeof message === 'string') parts.push(message);
    if (Array.isArray(errors)) {
      for (const e of errors) {
        const text = typeof e === 'string' ? e : (e as { message?: unknown } | null)?.message;
        if (typeof text === 'string') parts.push(text);
      }
    }
  }
  if (parts.length === 0 && error instanceof Error) parts.push(error.message);
  return parts.join('; ');
}

/**
 * Translates an Octokit failure into a GitHubApiError saying what failed and what to do. `action`
 * reads as a verb phrase ("create a comment on issue #12"); `permission` names the App/token
 * permission the call needs ("Issues: write"). GitHub's own words are shortened and redacted.
 */
export function toGitHubApiError(
  ctx: GitHubContext,
  error: unknown,
  action: string,
  permission: string,
): GitHubApiError {
  const status = statusOf(error);
  const detail = shortDetail(ctx, error);
  const what = `Couldn't ${action} in ${repoName(ctx)}`;
  const http = status && status !== 500 ? `HTTP ${status}` : '';
  const said = http || detail ? ` (${[http, detail].filter(Boolean).join(': ')})` : '';
  const next =
    kindOf(status) === 'unauthorized' && ctx.unauthorizedHint
      ? ctx.unauthorizedHint
      : nextStep(status, permission);
  return new GitHubApiError(`${what}${said}. ${next}`, {
    code: `github.${kindOf(status)}`,
    cause: error,
  });
}

/** GitHub's words, redacted and short; an HTML error page (a proxy's 502) says nothing useful. */
function shortDetail(ctx: GitHubContext, error: unknown): string {
  const message = gitHubMessage(error).replace(/\s+/g, ' ').trim();
  if (message.startsWith('<')) return '';
  return redactSecrets(ctx.secrets)(message.slice(0, 300)).text;
}

function kindOf(status: number | undefined): string {
  if (status === 401) return 'unauthorized';
  if (status === 403 || status === 429) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409 || status === 422) return 'rejected';
  if (status !== undefined && status > 0 && status < 500) return 'http';
  return 'unavailable';
}

function nextStep(status: number | undefined, permission: string): string {
  switch (kindOf(status)) {
    case 'unauthorized':
      return 'The token is invalid or expired: check the App installation or the token secret.';
    case 'forbidden':
      return `The GitHub App or token needs the "${permission}" permission (or a rate limit was exhausted): grant it, or retry later.`;
    case 'not-found':
      return `Check that it exists and that the App or token can see the repository with "${permission}".`;
    case 'rejected':
      return 'GitHub rejected the request as invalid; the message above says why.';
    case 'unavailable':
      return 'GitHub did not answer (server error, network error or timeout); retry later.';
    default:
      return 'Retry later; if it persists, check githubstatus.com.';
  }
}
