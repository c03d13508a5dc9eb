import { z } from 'zod';
import { errorMessage } from '../core/errors.js';
import type { GitHubDeps } from '../engine/github/github-deps.js';
import type { MissedEvents, SweepResult, SweepWindow } from '../engine/github/reconcile.js';
import type { RepoRef } from '../ports/issue-host-port.js';
import type { Logger } from '../ports/logger-port.js';
import type { InstallationClient } from './github-deps.js';

/** The App as the sweep sees it: `app.auth()` for the JWT client, `app.auth(id)` per installation. */
export interface AppAuth {
  auth(installationId?: number): Promise<InstallationClient>;
}

export interface InstalledRepo {
  installationId: number;
  client: InstallationClient;
  repo: RepoRef;
}

const installationSchema = z.object({ id: z.number().int(), suspended_at: z.string().nullish() });
const repositorySchema = z.object({
  name: z.string(),
  owner: z.object({ login: z.string() }),
  archived: z.boolean().optional(),
  disabled: z.boolean().optional(),
});

/**
 * Every repository the App is installed on: `GET /app/installations` with the App's JWT, then
 * `GET /installation/repositories` per installation. Suspended installations and archived or
 * disabled repositories are skipped (nothing can be written there). One failing installation is
 * logged and skipped, not fatal to the sweep.
 */
export async function listInstalledRepos(app: AppAuth, logger: Logger): Promise<InstalledRepo[]> {
  const jwt = await app.auth();
  const installations = z.array(installationSchema).parse(await jwt.paginate('GET /app/installations'));
  const found: InstalledRepo[] = [];
  for (const installation of installations) {
    if (installation.suspended_at) continue;
    try {
      const client = await app.auth(installation.id);
      const repos = z.array(repositorySchema).parse(await client.paginate('GET /installation/repositories'));
      for (const r of repos) {
        if (r.archived || r.disabled) continue;
        found.push({ installationId: installation.id, client, repo: { owner: r.owner.login, repo: r.name } });
      }
    } catch (error) {
      logger.warn(`reconcile: skipped installation ${installation.id}: ${errorMessage(error)}`);
    }
  }
  return found;
}

export interface ReconcileSchedule {
  /** Runs one sweep now (also what the timer calls). */
  sweep(): Promise<void>;
  stop(): void;
}

/**
 * The reconciliation sweep on start and every `everyMinutes` (0: never), for deliveries missed
 * while the App was down. `sweep` only enqueues (one job per repository, never two at once for the
 * same repository), so a slow repository never delays the timer. Timers are `unref`ed: they never
 * keep a stopping process alive.
 */
export function startReconcileSchedule(options: {
  everyMinutes: number;
  sweep: () => Promise<void>;
  logger: Logger;
  /** Delay before the first sweep (default: right away, once the event loop is free). */
  firstDelayMs?: number;
}): ReconcileSchedule {
  const sweep = async () => {
    try {
      await options.sweep();
    } catch (error) {
      options.logger.error(`reconcile sweep failed: ${errorMessage(error)}`);
    }
  };
  if (options.everyMinutes <= 0) return { sweep, stop() {} };
  const first = setTimeout(sweep, options.firstDelayMs ?? 0);
  const every = setInterval(sweep, options.everyMinutes * 60_000);
  first.unref();
  every.unref();
  return {
    sweep,
    stop() {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}

/** What the sweep asks the engine for one repository: the missed events since a time, and where to go on. */
export type FindMissed = (deps: GitHubDeps, window: SweepWindow) => Promise<MissedEvents[] | SweepResult>;

/** Where watermarks are kept across restarts and replicas: ioredis' `get`/`set` fit as they are. */
export interface WatermarkStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
}

/**
 * Where each repository's next sweep starts: the time its last sweep started (less an overlap),
 * or the last change it saw when it stopped early for the search quota. With `REDIS_URL` it is
 * kept in Redis, shared by the replicas and kept across restarts; without, in this process's
 * memory, and the first sweep after a start looks back a week. Either way, what was already
 * handled is recognised by GitHub's own records (plan marker, notices, tracking comment): the
 * watermark bounds the cost, it does not decide what is done. A store that fails is logged and
 * the memory copy used.
 */
export class SweepWatermarks {
  readonly #next = new Map<string, string>();
  readonly #store: WatermarkStore | undefined;

  constructor(store?: WatermarkStore) {
    this.#store = store;
  }

  /** One sweep of `repo`: the events found, with the watermark moved on for the next one. */
  async missed(repo: RepoRef, deps: GitHubDeps, find: FindMissed): Promise<MissedEvents[]> {
    const key = `${repo.owner}/${repo.repo}`.toLowerCase();
    const since = (await this.#load(key, deps.logger)) ?? this.#next.get(key);
    const started = deps.clock.now().toISOString();
    const found = await find(deps, since ? { since } : {});
    const result = Array.isArray(found) ? { missed: found, next: started, complete: true } : found;
    this.#next.set(key, result.next);
    await this.#save(key, result.next, deps.logger);
    if (!result.complete)
      deps.logger.info(
        `reconcile ${key}: stopped early to keep search quota; the next sweep goes on from ${result.next}`,
      );
    return result.missed;
  }

  async #load(key: string, logger: Logger): Promise<string | undefined> {
    try {
      return (await this.#store?.get(storeKey(key))) ?? undefined;
    } catch (error) {
      logger.warn(`reconcile ${key}: could not read the last sweep's time (${errorMessage(error)})`);
      return undefined;
    }
  }

  async #save(key: string, value: string, logger: Logger): Promise<void> {
    try {
      await this.#store?.set(storeKey(key), value);
    } catch (error) {
      logger.warn(`reconcile ${key}: could not keep this sweep's time (${errorMessage(error)})`);
    }
  }
}

function storeKey(repo: string): string {
  return `maestro:sweep-watermark:${repo}`;
}
