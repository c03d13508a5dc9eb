import type { Logger as PinoLogger } from 'probot';
import type { GitHubDeps } from '../engine/github/github-deps.js';
import type { Handled, IssueEvent } from '../engine/github/issue-events.js';
import type { RepoRef } from '../ports/issue-host-port.js';
import { afterHandled } from './after-handled.js';
import { repoVersionOf } from './default-branch-files.js';
import { semanticKey, serialKey } from './event-keys.js';
import type { InstallationClient, RepoTarget } from './github-deps.js';
import { probotLogger } from './probot-logger.js';
import type { StoredJob } from './redis-work-queue.js';
import type { Job, PortableJob } from './work-queue.js';

/** The part of Probot's `Context` a job needs. */
export interface WebhookContext {
  /** The delivery id (`X-GitHub-Delivery`). */
  id: string;
  name: string;
  payload: {
    /** Also `default_branch`, `pushed_at`, `updated_at`: the version read by repoVersionOf. */
    repository?: { name: string; owner: { login: string } } | undefined;
    installation?: { id: number } | undefined;
  };
  /**
   * The delivery's installation client (Probot's context). Maestro's own webhook route
   * (webhook-door.ts) builds none: its jobs get their client from `auth` when they run.
   */
  octokit?: InstallationClient;
  log: PinoLogger;
}

export interface EventJobDeps {
  handle(event: IssueEvent, deps: GitHubDeps): Promise<Handled>;
  depsFor(target: RepoTarget): GitHubDeps;
  /**
   * The installation's client at run time (Probot's `app.auth(id)`, token cached and refreshed by
   * Probot). With it a waiting job keeps only its event, not the delivery's context: the payload
   * and the per-delivery Octokit (a thousand bound REST methods) are freed once the webhook is
   * answered, which is what keeps a full queue's memory small.
   */
  auth?(installationId: number): Promise<InstallationClient>;
}

/**
 * The queue job for one webhook event: build the repository's dependencies, let the engine
 * decide, then act on its answer (dispatch, cancel). Nothing of this runs inside the request.
 * Undefined when the event has no repository (GitHub sends none for these events, but a forged
 * or truncated payload must not crash the handler).
 */
export function eventJob(context: WebhookContext, event: IssueEvent, deps: EventJobDeps): Job | undefined {
  const repository = context.payload.repository;
  if (!repository) return undefined;
  const repo: RepoRef = { owner: repository.owner.login, repo: repository.name };
  const logger = probotLogger(context.log);
  const name = `${context.name}.${event.kind} ${serialKey(repo, event)}`;
  const installationId = context.payload.installation?.id;
  // Nothing below may close over `context` (see `auth`).
  const delivered = installationId && deps.auth ? undefined : context.octokit;
  // No installation and no delivered client: nothing could act on GitHub for it.
  if (!delivered && !(installationId && deps.auth)) return undefined;
  const client = async () => delivered ?? deps.auth!(installationId!);
  const repoVersion = repoVersionOf(repository);
  return {
    key: serialKey(repo, event),
    dedupe: [`delivery:${context.id}`, semanticKey(repo, event)],
    name,
    portable: installationId
      ? { installationId, repo, event, source: 'webhook', ...(repoVersion ? { repoVersion } : {}) }
      : undefined,
    run: async () => {
      const github = deps.depsFor({ client: await client(), repo, logger, version: repoVersion });
      const handled = await deps.handle(event, github);
      logger.info(`${name}: ${describe(handled)}`);
      await afterHandled(handled, github);
    },
  };
}

function describe(handled: Handled): string {
  return 'reason' in handled ? `${handled.kind} (${handled.reason})` : handled.kind;
}

/**
 * A job for an event the reconciliation sweep found: the same per-issue key and semantic key as
 * its webhook would have had, so a sweep and a late delivery of the same event run it once.
 */
export function sweptEventJob(
  target: RepoTarget & { installationId?: number },
  event: IssueEvent,
  deps: EventJobDeps,
): Job {
  const name = `sweep.${event.kind} ${serialKey(target.repo, event)}`;
  const { installationId, repo } = target;
  return {
    key: serialKey(target.repo, event),
    dedupe: [semanticKey(target.repo, event)],
    name,
    portable: installationId ? { installationId, repo, event, source: 'sweep' } : undefined,
    run: async () => {
      const github = deps.depsFor(target);
      const handled = await deps.handle(event, github);
      target.logger.info(`${name}: ${describe(handled)}`);
      await afterHandled(handled, github);
    },
  };
}

/**
 * A job another replica stored (redis-work-queue.ts), made runnable here: the installation's
 * client comes from the App's own auth (Probot refreshes its token), the rest as for a webhook.
 */
export function revivedJob(
  stored: StoredJob,
  app: { auth(installationId: number): Promise<InstallationClient> },
  deps: EventJobDeps,
  logger: RepoTarget['logger'],
): Job {
  return {
    key: stored.key,
    dedupe: stored.dedupe,
    name: stored.name,
    portable: stored.portable,
    run: async () => {
      await runPortable(stored.portable, stored.name, { ...deps, auth: (id) => app.auth(id) }, logger);
    },
  };
}

/**
 * One job from its data alone (what the Redis queue stores, what the job thread receives): the
 * installation's client from the App's auth, the engine's decision, then the follow-up.
 */
export async function runPortable(
  portable: PortableJob,
  name: string,
  deps: Required<EventJobDeps>,
  logger: RepoTarget['logger'],
): Promise<Handled> {
  const { installationId, repo, event, repoVersion } = portable;
  const client = await deps.auth(installationId);
  const github = deps.depsFor({ client, repo, logger, version: repoVersion });
  const handled = await deps.handle(event, github);
  logger.info(`${name}: ${describe(handled)}`);
  await afterHandled(handled, github);
  return handled;
}
