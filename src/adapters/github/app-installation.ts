import { z } from 'zod';
import { GitHubApiError } from '../../core/errors.js';
import type { RepoRef } from '../../ports/issue-host-port.js';
import type { Logger } from '../../ports/logger-port.js';
import { statusOf } from './github-errors.js';
import { type CreateOctokitOptions, createOctokit, type GitHubClient } from './octokit.js';

/** A GitHub App acting on one repository through its installation, with tokens that renew themselves. */
export interface AppInstallation {
  installationId: number;
  /** Every request authenticates with a current installation token (minted again before expiry). */
  client: GitHubClient;
  /**
   * A current installation token, for what is not an API call (a git push's header): ask again
   * for each use, never keep the answer — the one from an hour ago has expired.
   */
  token(): Promise<string>;
}

const installationSchema = z.object({ id: z.number().int().positive() });
const tokenSchema = z.object({ token: z.string().min(1) });

/**
 * Finds the App's installation on `repo` (`GET /repos/{owner}/{repo}/installation`, signed with
 * the App's JWT) and returns a client authenticated as that installation. Fails with what to do
 * when the App is not installed there or the id and key do not belong together.
 */
export async function appInstallation(
  options: Omit<CreateOctokitOptions, 'token' | 'app'> & {
    appId: string;
    privateKey: string;
    repo: RepoRef;
    logger?: Logger;
  },
): Promise<AppInstallation> {
  const { appId, privateKey, repo, ...rest } = options;
  const jwtClient = createOctokit({ ...rest, app: { appId, privateKey } });
  let installationId: number;
  try {
    const response = await jwtClient.request('GET /repos/{owner}/{repo}/installation', {
      owner: repo.owner,
      repo: repo.repo,
    });
    installationId = installationSchema.parse(response.data).id;
  } catch (error) {
    throw noInstallation(appId, repo, error);
  }
  // Tokens for this repository only, not every repository the installation covers.
  const client = createOctokit({
    ...rest,
    app: { appId, privateKey, installationId, repositoryNames: [repo.repo] },
  });
  return {
    installationId,
    client,
    token: async () => tokenSchema.parse(await client.auth({ type: 'installation' })).token,
  };
}

function noInstallation(appId: string, repo: RepoRef, error: unknown): GitHubApiError {
  const name = `${repo.owner}/${repo.repo}`;
  const status = statusOf(error);
  const what =
    status === 404
      ? `The GitHub App ${appId} is not installed on ${name}: install it on the repository (App settings → Install App), or check app-id.`
      : status === 401
        ? `GitHub refused the App's signature (HTTP 401): app-id and app-private-key do not belong to the same App, the key was revoked, or the runner's clock is off. Generate a new private key in the App's settings and update the secret.`
        : `Couldn't find the GitHub App ${appId}'s installation on ${name} (${status ? `HTTP ${status}` : 'GitHub did not answer'}); retry later.`;
  return new GitHubApiError(what, { code: 'github.app-installation', cause: error });
}
