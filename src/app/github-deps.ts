import { z } from 'zod';
import { shallowCheckout } from '../adapters/git/shallow-checkout.js';
import type { GitHubRequester } from '../adapters/github/github-client.js';
import { OctokitIssueHost } from '../adapters/github/octokit-issue-host.js';
import { openConfiguredModel } from '../adapters/model/open-configured-model.js';
import type { MaestroConfig } from '../core/config/config-schema.js';
import { parseOrThrow } from '../core/parse.js';
import type { GitHubDeps } from '../engine/github/github-deps.js';
import type { CacheStore } from '../ports/cache-port.js';
import type { Clock } from '../ports/clock-port.js';
import type { Actor, IssueHost, RepoRef } from '../ports/issue-host-port.js';
import type { Logger } from '../ports/logger-port.js';
import type { DefaultBranchFiles } from './default-branch-files.js';

/** Probot's installation client (`context.octokit`, `await app.auth(id)`), as far as Maestro uses it. */
export interface InstallationClient extends GitHubRequester {
  auth(options?: unknown): Promise<unknown>;
}

/** One repository of one installation: what a job needs to build its dependencies. */
export interface RepoTarget {
  client: InstallationClient;
  repo: RepoRef;
  logger: Logger;
  /** The default branch's version the job's delivery saw: its config read is shared with others of it. */
  version?: string;
}

/** What stays the same for every repository the App serves. */
export interface AppDepsSettings {
  /** `https://github.com` or `GHE_PROTOCOL://GHE_HOST`: repositories are cloned from here. */
  gitBaseUrl: string;
  /** Redacted from everything Maestro posts: model keys, the webhook secret, the private key. */
  secrets: readonly string[];
  /** Model keys (and `model.api_key_env`'s variable) are read from here when a plan needs them. */
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  /** Maestro's bot account (app-identity.ts), looked up once per process. */
  self: (installation: InstallationClient) => Promise<Actor>;
  cache: CacheStore;
  checkoutRoot: string;
  /** Default-branch reads shared by the jobs of one repository version (unset: every job reads). */
  files?: DefaultBranchFiles;
}

const tokenSchema = z.object({ token: z.string().min(1) });

/** The installation access token behind an installation client (created and cached by Probot). */
export async function installationToken(client: InstallationClient): Promise<string> {
  const auth = await client.auth({ type: 'installation' });
  return parseOrThrow(tokenSchema, auth, 'installation authentication').token;
}

/**
 * The engine's dependencies for one repository, as the App has them: the issue host over the
 * installation's client, the model opened on demand (never before the engine's permission check),
 * discovery on a depth-1 clone made with the installation token.
 */
export function appGitHubDeps(target: RepoTarget, settings: AppDepsSettings): GitHubDeps {
  const octokitHost = new OctokitIssueHost({
    client: target.client,
    repo: target.repo,
    self: () => settings.self(target.client),
    secrets: [...settings.secrets],
    logger: target.logger,
  });
  const host: IssueHost = settings.files?.over(octokitHost, target.version) ?? octokitHost;
  const { owner, repo } = target.repo;
  return {
    host,
    clock: settings.clock,
    logger: target.logger,
    role: 'app',
    openModel: async (config) =>
      openConfiguredModel(operatorModelConfig(config, target.logger), {
        env: settings.env,
        clock: settings.clock,
        logger: target.logger,
      }),
    checkout: async () =>
      shallowCheckout({
        url: `${settings.gitBaseUrl}/${owner}/${repo}.git`,
        ref: await host.defaultBranch(),
        token: await installationToken(target.client),
        cacheRoot: settings.checkoutRoot,
      }),
    cache: settings.cache,
  };
}

/**
 * The App's model keys belong to whoever runs the App, not to the repositories it serves: a
 * repository's `model.base_url` or `model.api_key_env` could otherwise send the operator's key
 * (or another of the process's secrets) to a server of the repository writer's choosing. The
 * endpoint and key variable come from the App's own environment (ANTHROPIC_BASE_URL, …) instead.
 */
export function operatorModelConfig(config: MaestroConfig, logger: Logger): MaestroConfig {
  const { base_url, api_key_env, ...model } = config.model;
  if (base_url !== undefined || api_key_env !== undefined)
    logger.warn(
      'Ignoring model.base_url / model.api_key_env from the repository config: the App uses its own environment for the model endpoint and key.',
    );
  return { ...config, model };
}
