import { join } from 'node:path';
import { setSecret } from '@actions/core';
import { gitCommonDir } from '../adapters/git/git-dirs.js';
import { GitRepositoryReader } from '../adapters/git/git-repository-reader.js';
import { basicAuthHeader } from '../adapters/git/push-auth.js';
import { SimpleGitWorkspace } from '../adapters/git/simple-git-workspace.js';
import { type AppInstallation, appInstallation } from '../adapters/github/app-installation.js';
import type { GitHubRequester } from '../adapters/github/github-client.js';
import { actionsBot, identifyTokenOwner } from '../adapters/github/identity.js';
import { createOctokit } from '../adapters/github/octokit.js';
import { OctokitIssueHost } from '../adapters/github/octokit-issue-host.js';
import { fsCacheStore } from '../adapters/local/fs-cache-store.js';
import { FsSessionStore } from '../adapters/local/fs-session-store.js';
import { SpawnShell } from '../adapters/shell/spawn-shell.js';
import type { MaestroConfig } from '../core/config/config-schema.js';
import { MaestroError } from '../core/errors.js';
import { secretsFromEnvironment } from '../core/policy/commit-scan/secrets-from-environment.js';
import type { ExecutionDeps, GitHubDeps } from '../engine/github/github-deps.js';
import { systemClock } from '../ports/clock-port.js';
import type { IssueHost } from '../ports/issue-host-port.js';
import type { Logger } from '../ports/logger-port.js';
import type { GitHubEnv } from './github-env.js';
import { type ActionInputs, secretValues } from './inputs.js';
import { openActionSandbox } from './sandbox-setup.js';

type Env = Record<string, string | undefined>;

/** What one step builds from its inputs and environment; adapters only, no engine logic. */
export interface ActionContext {
  inputs: ActionInputs;
  gh: GitHubEnv;
  env: Env;
  logger: Logger;
  /** This step's private directory under RUNNER_TEMP (cache, sessions, task worktrees). */
  tempDir: string;
  /** A replacement for the configured model (tests only; see RunActionOptions.openModel). */
  openModel?: GitHubDeps['openModel'];
}

/**
 * What to do when GitHub refuses a token mid-run, without the App's credentials: a token handed in
 * through `github-token` cannot be renewed by Maestro.
 */
export const EXPIRED_TOKEN_HINT =
  'GitHub no longer accepts the token: it expired or was revoked (installation tokens, such as those from actions/create-github-app-token, last one hour). ' +
  'For runs longer than that, give the Action the `app-id` and `app-private-key` inputs instead: it then mints its own installation tokens and renews them before they expire. ' +
  'Work already pushed stays on the run branch; comment `/maestro resume` on the issue to continue from the last checkpoint.';

/**
 * The App's installation for this step, looked up once on first use and shared by the API client
 * and the pushes (a `WeakMap` on the inputs, so two steps in one process never share one).
 */
const installations = new WeakMap<ActionInputs, Promise<AppInstallation>>();
function installationOf(ctx: ActionContext): Promise<AppInstallation> | undefined {
  const { app } = ctx.inputs;
  if (!app) return undefined;
  let found = installations.get(ctx.inputs);
  if (!found) {
    found = appInstallation({ ...app, repo: ctx.gh.repo, baseUrl: ctx.gh.apiUrl, logger: ctx.logger });
    installations.set(ctx.inputs, found);
  }
  return found;
}

/** The client for API calls: the installation's (tokens renewed per request) or the fixed token's. */
function apiClient(ctx: ActionContext): GitHubRequester {
  const installation = installationOf(ctx);
  if (!installation)
    return createOctokit({ token: ctx.inputs.githubToken, baseUrl: ctx.gh.apiUrl, logger: ctx.logger });
  const client = async (): Promise<GitHubRequester> => (await installation).client;
  return {
    request: async (route, parameters) => (await client()).request(route, parameters),
    paginate: async (route, parameters) => (await client()).paginate(route, parameters),
    graphql: async (query, parameters) => (await client()).graphql(query, parameters),
  };
}

/** The push header, asked for at each push: from the installation's current token, or the fixed one. */
function pushHeader(ctx: ActionContext): string | (() => Promise<string>) {
  const installation = installationOf(ctx);
  // A push-token wins (e.g. the job's own github.token when the App may only read contents): it
  // lasts as long as the job, so it needs no renewing.
  if (!installation || ctx.inputs.pushToken)
    return basicAuthHeader(ctx.inputs.pushToken ?? ctx.inputs.githubToken);
  return async () => {
    const token = await (await installation).token();
    // The runner masks it in the log; the commit scan already refuses any token-like string.
    setSecret(token);
    return basicAuthHeader(token);
  };
}

export function gitHubDeps(ctx: ActionContext): GitHubDeps {
  const { inputs, gh, logger } = ctx;
  const client = apiClient(ctx);
  const host: IssueHost = new OctokitIssueHost({
    client,
    repo: gh.repo,
    self: () => identifyTokenOwner(client),
    secrets: secretValues(inputs),
    logger,
    ...(inputs.app ? {} : { unauthorizedHint: EXPIRED_TOKEN_HINT }),
  });
  // The keys from the inputs win over variables of the same name; `env` still provides the one a
  // config's `model.api_key_env` may name.
  const modelEnv: Env = {
    ...ctx.env,
    ANTHROPIC_API_KEY: inputs.anthropicApiKey ?? ctx.env.ANTHROPIC_API_KEY,
    OPENAI_API_KEY: inputs.openaiApiKey ?? ctx.env.OPENAI_API_KEY,
  };
  return {
    host,
    // The engine reads the config from here (default branch only), not from `.github/maestro.yml`.
    configPath: inputs.configPath,
    clock: systemClock,
    logger,
    role: 'action',
    // The engine loads the config; the `model` input is applied to whatever it loaded.
    openModel:
      ctx.openModel ??
      (async (config) => {
        // The AI SDK and its providers load when a model is opened, not for a reply or a refusal.
        const { openConfiguredModel } = await import('../adapters/model/open-configured-model.js');
        return openConfiguredModel(withModelOverride(config, inputs.model), {
          env: modelEnv,
          clock: systemClock,
          logger,
        });
      }),
    checkout: () => openCheckout(gh.workspace),
    cache: fsCacheStore(join(ctx.tempDir, 'cache')),
    run: { id: gh.runId, url: gh.runUrl },
  };
}

export function withModelOverride(config: MaestroConfig, model: string | undefined): MaestroConfig {
  if (model === undefined) return config;
  return { ...config, model: { ...config.model, planner: model, executor: model } };
}

async function openCheckout(workspace: string): Promise<GitRepositoryReader> {
  try {
    return await GitRepositoryReader.open(workspace);
  } catch (error) {
    throw new MaestroError(
      `GITHUB_WORKSPACE (${workspace}) is not a git checkout: add an actions/checkout step (persist-credentials: false) before Maestro.`,
      { code: 'action.no-checkout', cause: error },
    );
  }
}

export async function executionDeps(
  ctx: ActionContext,
  host: IssueHost,
  signal: AbortSignal,
): Promise<ExecutionDeps> {
  const { inputs, gh, env } = ctx;
  // The executors (and through them the AI SDK's tool calls) load only for a run that executes.
  const { createExecutor } = await import('../adapters/executors/index.js');
  // Pushes authenticate with a header passed to each git process through its environment; the
  // token never lands in .git/config or a remote URL (push-auth.ts).
  // Pushes go to the repository this event is for (GITHUB_SERVER_URL/GITHUB_REPOSITORY), never to
  // whatever `origin` .git/config names by then; the header is scoped to that URL. Commits and
  // pushes are scanned for the inputs' token and keys (and any key-like variable) in every encoding.
  const workspace = await SimpleGitWorkspace.open(gh.workspace, {
    pushAuth: { header: pushHeader(ctx) },
    ...(inputs.app ? {} : { authFailureHint: EXPIRED_TOKEN_HINT }),
    pushUrl: `${gh.serverUrl}/${gh.repo.owner}/${gh.repo.repo}.git`,
    secrets: [...secretValues(inputs), ...secretsFromEnvironment(env)],
    worktreeRoot: join(ctx.tempDir, 'worktrees'),
  });
  // Untrusted processes start from `env` scrubbed to an allow-list (no token, no key) — and inside a
  // sandbox, since a scrubbed environment alone does not hide Maestro's own (/proc/<pid>/environ).
  const runner = new SpawnShell({ parentEnv: env });
  const gitDir = await gitCommonDir(gh.workspace);
  return {
    workspace,
    openSandbox: async (config) => {
      const opened = await openActionSandbox(config.sandbox, {
        runner,
        env,
        gitDir,
        hide: [gh.runnerTemp],
        logger: ctx.logger,
      });
      if (opened.kind === 'ready') return opened.sandbox;
      throw new MaestroError(opened.message, { code: 'sandbox.unavailable' });
    },
    executorFor: (config, model, sandbox) =>
      createExecutor(config.executor, { model, shell: sandbox.shell, clock: systemClock }),
    store: new FsSessionStore(join(ctx.tempDir, 'sessions'), { secrets: secretValues(inputs) }),
    secrets: [...secretValues(inputs), ...secretsFromEnvironment(env)],
    signal,
    // The App's own installation tokens are never the workflow's GITHUB_TOKEN: checks will run.
    defaultToken: inputs.pushToken
      ? inputs.pushToken === env.GITHUB_TOKEN?.trim() ||
        (!env.GITHUB_TOKEN && inputs.pushToken.startsWith('ghs_'))
      : inputs.app
        ? false
        : await isDefaultToken(inputs.githubToken, env, host),
    dryRun: inputs.dryRun,
    // Longest first: a task's worktree shows as `T1/src/a.ts`, the checkout's files as `src/a.ts`.
    localRoots: [join(ctx.tempDir, 'worktrees'), ctx.tempDir, gh.runnerTemp, gh.workspace],
  };
}

/**
 * Whether pushes use the workflow's own `GITHUB_TOKEN` (GitHub starts no workflow runs for its
 * pushes, so the PR's checks will not run). Heuristic, in order:
 * 1. `GITHUB_TOKEN` is set in the environment (the workflow put it there): the input was not
 *    overridden exactly when it equals that value.
 * 2. Otherwise ask GitHub who the token is: the default token acts as github-actions[bot]
 *    (recognised by id). A `ghs_` prefix alone cannot tell, since App installation tokens (e.g.
 *    from actions/create-github-app-token) look the same.
 * 3. If GitHub cannot be asked, a `ghs_` token is assumed to be the default one: the cost of a
 *    wrong guess is only an unneeded note that checks may not run.
 */
async function isDefaultToken(token: string, env: Env, host: IssueHost): Promise<boolean> {
  const fromEnv = env.GITHUB_TOKEN?.trim();
  if (fromEnv) return token === fromEnv;
  try {
    return (await host.self()).id === actionsBot.id;
  } catch {
    return token.startsWith('ghs_');
  }
}
