import { z } from 'zod';
import { GitHubApiError } from '../../core/errors.js';
import { parseOrThrow } from '../../core/parse.js';
import type { Actor } from '../../ports/issue-host-port.js';
import type { GitHubRequester } from './github-client.js';
import { isAmbiguous, noAnswerFrom, statusOf } from './github-errors.js';

/*
 * Who Maestro is on GitHub: the account whose comments carry trusted markers (security.md rule 3).
 * Recognised by id, never by login, since anyone can pick a login that looks like a bot's.
 */

/** The account behind the default `GITHUB_TOKEN` of GitHub Actions. */
export const actionsBot: Actor = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

const viewerSchema = z.object({ viewer: z.object({ login: z.string(), databaseId: z.number().int() }) });
const appSchema = z.object({ slug: z.string() });
const userSchema = z.object({ login: z.string(), id: z.number().int(), type: z.string() });

type IdentityClient = Pick<GitHubRequester, 'request' | 'graphql'>;

/**
 * The account a token acts as. `GET /user` answers for personal access tokens; installation
 * tokens (an App's, or the Actions `GITHUB_TOKEN`) are refused there, but GraphQL's `viewer` names
 * the App's bot. When both refuse, the token is the Actions `GITHUB_TOKEN`: github-actions[bot].
 * Only a definite refusal falls through: after a 5xx or a timeout the answer is unknown, and
 * guessing github-actions[bot] would make markers posted by any workflow trusted.
 */
export async function identifyTokenOwner(client: IdentityClient): Promise<Actor> {
  try {
    const user = userSchema.safeParse((await client.request('GET /user')).data);
    if (user.success) return user.data;
  } catch (error) {
    if (!isRefusal(error)) throw unknownIdentity(error);
  }
  try {
    const parsed = viewerSchema.safeParse(await client.graphql('query { viewer { login databaseId } }'));
    if (parsed.success) {
      const { login, databaseId } = parsed.data.viewer;
      return { login, id: databaseId, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
    }
  } catch (error) {
    if (!isRefusal(error)) throw unknownIdentity(error);
  }
  return actionsBot;
}

/** A 4xx, or a GraphQL answer carrying errors (HTTP 200): the token is not allowed to ask. */
function isRefusal(error: unknown): boolean {
  if (error instanceof Error && error.name === 'GraphqlResponseError') return true;
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500;
}

function unknownIdentity(error: unknown): GitHubApiError {
  return new GitHubApiError(
    `Couldn't tell which account the GitHub token belongs to (${isAmbiguous(error) ? 'GitHub did not answer' : `HTTP ${statusOf(error)}`}); retry later.`,
    { code: 'github.identity', cause: error },
  );
}

/**
 * What to fix when `GET /app` fails: only GitHub's refusal points at the credentials. No answer is
 * the network (a DNS failure used to read "HTTP 500: check APP_ID"), and a 5xx is GitHub's side.
 */
function appReadFailure(error: unknown): string {
  const unreachable = noAnswerFrom(error);
  if (unreachable !== undefined)
    return `Couldn't reach GitHub to read the App (${unreachable}): check the network, DNS and any HTTPS_PROXY, or GHE_HOST on GitHub Enterprise Server; APP_ID and the private key were not tried.`;
  const status = statusOf(error);
  if (status !== undefined && status >= 500)
    return `GitHub failed to answer for the App (HTTP ${status}); retry later (https://www.githubstatus.com).`;
  return `GitHub refused the App's credentials (HTTP ${status ?? '?'}): check APP_ID and the private key (a key of this App, not another's).`;
}

/**
 * The bot account of a GitHub App, from a client authenticated as the App (JWT): `GET /app` gives
 * the slug, and the bot is the user `<slug>[bot]`. Its id is what Maestro's comments are trusted by.
 */
export async function appBotIdentity(jwtClient: Pick<GitHubRequester, 'request'>): Promise<Actor> {
  let slug: string;
  try {
    slug = parseOrThrow(appSchema, (await jwtClient.request('GET /app')).data, 'GitHub App').slug;
  } catch (error) {
    throw new GitHubApiError(appReadFailure(error), { code: 'github.app-identity', cause: error });
  }
  const login = `${slug}[bot]`;
  try {
    const user = parseOrThrow(
      userSchema,
      (await jwtClient.request('GET /users/{username}', { username: login })).data,
      `GitHub user ${login}`,
    );
    return { login: user.login, id: user.id, type: 'Bot' };
  } catch (error) {
    throw new GitHubApiError(
      `Couldn't look up the App's bot account ${login} (HTTP ${statusOf(error) ?? '?'}); retry later.`,
      { code: 'github.app-identity', cause: error },
    );
  }
}
