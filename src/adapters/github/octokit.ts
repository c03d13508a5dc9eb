import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { type RetryOptions, retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { type Logger, silentLogger } from '../../ports/logger-port.js';
import { timeoutFetch } from './request-options.js';
import { scopedInstallationAuth } from './scoped-installation-auth.js';

/** The Octokit Maestro builds itself (the Action, the CLI); the App uses Probot's equivalent. */
export const MaestroOctokit = Octokit.plugin(paginateRest, throttling, retry);
export type GitHubClient = InstanceType<typeof MaestroOctokit>;

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
/** Per-attempt limit for one HTTP request (each retry gets a fresh one). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** How many times a primary rate limit is waited out before the request fails. */
const RATE_LIMIT_RETRIES = 2;
/** Secondary (abuse) limits are waited out once: a second hit means we are writing too fast. */
const SECONDARY_RATE_LIMIT_RETRIES = 1;

/** A GitHub App's credentials and the installation its tokens are for. */
export interface AppInstallationAuth {
  appId: string;
  privateKey: string;
  /** Without it the client authenticates as the App itself (JWT): only `/app…` routes work. */
  installationId?: number;
  /** With an installation: the repositories its tokens may touch (default: all of the installation's). */
  repositoryNames?: string[];
}

export interface CreateOctokitOptions {
  /** A fixed token (`github-token`); ignored when `app` is given. */
  token?: string;
  /**
   * The App's credentials instead: @octokit/auth-app mints an installation token, caches it and
   * mints a new one before it expires (its cache keeps a token 59 of its 60 minutes), on every
   * request — so a client used for hours never sends an expired token.
   */
  app?: AppInstallationAuth;
  /** `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise Server. */
  baseUrl?: string;
  userAgent?: string;
  logger?: Logger;
  /** Per-attempt HTTP timeout; a timed-out request fails like a network error (status 500). */
  timeoutMs?: number;
  /** plugin-retry settings; tests pass `{ retryAfterBaseValue: 1 }` to keep backoff in milliseconds. */
  retry?: RetryOptions;
  /**
   * plugin-throttling tweaks. `enabled: false` also drops the one-write-per-second pacing, which
   * tests use to stay fast; `retryAfterBaseValue` scales the waits (ms per second of `retry-after`).
   */
  throttle?: { enabled?: boolean; retryAfterBaseValue?: number; fallbackSecondaryRateRetryAfter?: number };
}

function authOptions(options: CreateOctokitOptions): Record<string, unknown> {
  const app = options.app;
  if (!app) return { auth: options.token };
  const { repositoryNames, installationId, ...credentials } = app;
  if (repositoryNames && installationId !== undefined)
    return {
      authStrategy: scopedInstallationAuth,
      auth: { ...credentials, installationId, repositoryNames },
    };
  return {
    authStrategy: createAppAuth,
    auth: { ...credentials, ...(installationId ? { installationId } : {}) },
  };
}

/**
 * One composed client: pagination, throttling (writes paced, rate limits waited out a bounded
 * number of times) and retries of idempotent failures. Writes that must not be repeated after an
 * ambiguous 5xx opt out per request with `request: { retries: 0 }` (see request-options.ts).
 */
export function createOctokit(options: CreateOctokitOptions): GitHubClient {
  const logger = options.logger ?? silentLogger;
  return new MaestroOctokit({
    ...authOptions(options),
    baseUrl: (options.baseUrl ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, ''),
    userAgent: options.userAgent ?? 'maestro-bot',
    request: { fetch: timeoutFetch(options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) },
    // 409 (conflict, e.g. cancelling a finished run) never changes on a retry; the rest are the plugin's defaults.
    retry: { doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451], ...options.retry },
    log: {
      debug: (message: string) => logger.debug(message),
      info: (message: string) => logger.info(message),
      warn: (message: string) => logger.warn(message),
      error: (message: string) => logger.error(message),
    },
    throttle: {
      ...options.throttle,
      onRateLimit: (retryAfter, request, _octokit, retryCount) => {
        const again = retryCount < RATE_LIMIT_RETRIES;
        logger.warn(
          `GitHub rate limit hit on ${request.method} ${request.url}; ` +
            (again
              ? `retrying in ${retryAfter}s (retry ${retryCount + 1}/${RATE_LIMIT_RETRIES}).`
              : 'giving up.'),
        );
        return again;
      },
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
        const again = retryCount < SECONDARY_RATE_LIMIT_RETRIES;
        logger.warn(
          `GitHub secondary rate limit hit on ${request.method} ${request.url}; ` +
            (again ? `retrying once in ${retryAfter}s.` : 'giving up.'),
        );
        return again;
      },
    },
  });
}
