import type { RepoRef } from '../../ports/issue-host-port.js';
import type { Logger } from '../../ports/logger-port.js';

/**
 * The part of an Octokit the adapter uses, typed loosely on purpose: the Action passes the client
 * from `createOctokit`, the App passes Probot's `context.octokit` (Octokit 7 with the same plugins
 * but its own `@octokit/types` version), and both fit without a cast. Responses are parsed with
 * zod at the edge (github-schemas.ts), so nothing here relies on Octokit's response types.
 */
export interface GitHubRequester {
  request(
    route: string,
    parameters?: Record<string, unknown>,
  ): Promise<{ status: number; data: unknown; headers?: Record<string, unknown> }>;
  /** plugin-paginate-rest: every page's items, concatenated. */
  paginate(route: string, parameters?: Record<string, unknown>): Promise<unknown[]>;
  graphql(query: string, parameters?: Record<string, unknown>): Promise<unknown>;
}

/** What every helper of the adapter needs: the client, the repository and where to log. */
export interface GitHubContext {
  client: GitHubRequester;
  repo: RepoRef;
  logger: Logger;
  /** Per-attempt timeout applied to the adapter's own (non-paginated) requests. */
  timeoutMs: number;
  /** Secrets the error messages must not echo (GitHub sometimes quotes the request back). */
  secrets: readonly string[];
  /** How long to wait after an ambiguous write before looking for its result (GitHub's lists lag). */
  settleMs: number;
  /**
   * What to do when GitHub answers 401 (the token expired or was revoked), said in the caller's
   * words: the Action names the inputs that make a long run renew its token.
   */
  unauthorizedHint?: string;
}

/** `owner/repo`, for messages. */
export function repoName(ctx: GitHubContext): string {
  return `${ctx.repo.owner}/${ctx.repo.repo}`;
}
