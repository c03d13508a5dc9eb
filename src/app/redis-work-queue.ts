import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { errorMessage } from '../core/errors.js';
import { parseOrThrow } from '../core/parse.js';
import type { IssueEvent } from '../engine/github/issue-events.js';
import { type Logger, silentLogger } from '../ports/logger-port.js';
import { ENQUEUE, FINISH, LEASE, RELEASE, RENEW, TAKE } from './redis-scripts.js';
import type { EnqueueResult, Job, JobQueue, PortableJob } from './work-queue.js';

/** What the queue stores per job: enough for any replica to run it. */
export interface StoredJob {
  key: string;
  name: string;
  dedupe: string[];
  portable: PortableJob;
}

export interface RedisWorkQueueOptions {
  redis: Redis;
  /** Jobs this process runs at once (MAESTRO_CONCURRENCY). */
  concurrency: number;
  /** Turns a stored job back into a runnable one (the installation's client, the engine). */
  revive(job: StoredJob): Job;
  /** Key prefix; the `{…}` hash tag keeps every key in one Redis Cluster slot. */
  prefix?: string;
  /** How long a lease lives without renewal: a dead holder's issue waits this long at most. */
  leaseMs?: number;
  /** How often this process looks for jobs other replicas queued or a dead replica left. */
  pollMs?: number;
  /** How long dedupe ids are remembered (GitHub redelivers within days, the sweep looks back hours). */
  dedupeSeconds?: number;
  /** Jobs waiting or running across all replicas at most; beyond it `enqueue` answers `full`. */
  maxPending?: number;
  logger?: Logger;
}

type Script = (numKeys: number, ...args: Array<string | number>) => Promise<unknown>;
type Scripts = Record<'mEnqueue' | 'mTake' | 'mLease' | 'mRenew' | 'mRelease' | 'mFinish', Script>;

function scripts(redis: Redis): Scripts {
  const all = {
    mEnqueue: ENQUEUE,
    mTake: TAKE,
    mLease: LEASE,
    mRenew: RENEW,
    mRelease: RELEASE,
    mFinish: FINISH,
  };
  // defineCommand sends EVALSHA (the script text only once per connection).
  for (const [name, lua] of Object.entries(all)) if (!(name in redis)) redis.defineCommand(name, { lua });
  return redis as unknown as Scripts;
}

const storedSchema = z.object({
  key: z.string().min(1),
  name: z.string(),
  dedupe: z.array(z.string()),
  portable: z.object({
    installationId: z.number().int().positive(),
    repo: z.object({ owner: z.string().min(1), repo: z.string().min(1) }),
    // Written by this App's own handlers (never by a webhook sender); only its shape is checked here.
    event: z.looseObject({ kind: z.string() }),
    source: z.enum(['webhook', 'sweep']),
    repoVersion: z.string().min(1).optional(),
  }),
});

/**
 * The App's queue across replicas. Jobs live in Redis, one list per issue key, so a job accepted
 * by one replica is run by whichever replica takes the key's lease first, and survives the replica
 * that received it. Why this and not a retry loop in the receiving process: a job must outlive a
 * killed replica, and its dedupe ids are already set, so nobody else would ever run it.
 *
 * A key's lease (`SET NX PX`, renewed every third of its life) makes its jobs run one at a time
 * across replicas; a holder that dies stops renewing and another replica takes the key over once
 * the lease expires, running the unfinished job again (at-least-once: the engine's own checks —
 * the planning comment's marker, the approval record — make a second run of the same event a
 * no-op). Each lease carries a fencing number; finishing a job checks it, so a holder that lost its
 * lease cannot pop the job a newer holder is running.
 */
export class RedisWorkQueue implements JobQueue {
  readonly #redis: Redis;
  readonly #scripts: Scripts;
  readonly #options: Required<Omit<RedisWorkQueueOptions, 'redis' | 'logger' | 'revive'>>;
  readonly #revive: (job: StoredJob) => Job;
  readonly #logger: Logger;
  /** In each lease's value: who holds an issue, readable with `redis-cli GET …lease:<key>`. */
  readonly #replica = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  readonly #runningKeys = new Set<string>();
  readonly #poll: NodeJS.Timeout;
  #pending = 0;
  #pumping = false;
  #again = false;
  #closed = false;
  #idle: Array<() => void> = [];

  constructor(options: RedisWorkQueueOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError(
        `RedisWorkQueue concurrency must be a positive integer, got ${options.concurrency}`,
      );
    }
    this.#redis = options.redis;
    this.#scripts = scripts(options.redis);
    this.#revive = options.revive;
    this.#logger = options.logger ?? silentLogger;
    this.#options = {
      concurrency: options.concurrency,
      prefix: options.prefix ?? '{maestro}:',
      leaseMs: options.leaseMs ?? 30_000,
      pollMs: options.pollMs ?? 500,
      dedupeSeconds: options.dedupeSeconds ?? 7 * 24 * 3600,
      maxPending: options.maxPending ?? 10_000,
    };
    this.#poll = setInterval(() => this.#pump(), this.#options.pollMs);
    this.#poll.unref();
    this.#pump();
  }

  get running(): number {
    return this.#runningKeys.size;
  }

  /** Jobs waiting or running across replicas, as last counted. */
  get pending(): number {
    return this.#pending;
  }

  async enqueue(job: Job, options: { ifIdle?: boolean } = {}): Promise<EnqueueResult> {
    if (this.#closed) return 'full';
    if (!job.portable) return this.#runHere(job);
    if (options.ifIdle && this.#runningKeys.has(job.key)) return 'busy';
    const p = this.#options.prefix;
    const stored: StoredJob = {
      key: job.key,
      name: job.name,
      dedupe: [...job.dedupe],
      portable: job.portable,
    };
    const seen = job.dedupe.map((id) => `${p}seen:${id}`);
    const result = (await this.#scripts.mEnqueue(
      3 + seen.length,
      `${p}jobs:${job.key}`,
      `${p}ready`,
      `${p}pending`,
      ...seen,
      JSON.stringify(stored),
      this.#options.maxPending,
      this.#options.dedupeSeconds,
      job.key,
      Date.now(),
    )) as EnqueueResult;
    if (result === 'duplicate')
      this.#logger.debug(`skipped ${job.name}: already handled (${job.dedupe.join(', ')})`);
    if (result === 'full')
      this.#logger.warn(
        `shed ${job.name}: ${this.#options.maxPending} jobs already waiting across replicas; ` +
          'GitHub marks the delivery failed and the reconciliation sweep picks the event up',
      );
    if (result === 'queued') this.#pump();
    return result;
  }

  drain(): Promise<void> {
    return new Promise((resolve) => {
      const check = async () => {
        const shared = this.#closed
          ? 0
          : Number((await this.#redis.get(`${this.#options.prefix}pending`)) ?? 0);
        if (this.running === 0 && shared === 0) resolve();
        else setTimeout(() => void check().catch(() => resolve()), 20);
      };
      void check().catch(() => resolve());
    });
  }

  /** Stops taking keys; what runs here finishes and is released, what waits stays in Redis. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#poll);
    if (this.running === 0) return;
    await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  #key(kind: string, key: string): string {
    return `${this.#options.prefix}${kind}:${key}`;
  }

  /** A job without portable data (the sweep's per-repository job) runs here, under its key's lease. */
  async #runHere(job: Job): Promise<EnqueueResult> {
    if (this.#runningKeys.has(job.key)) return 'busy';
    const lease = this.#key('lease', job.key);
    const token = (await this.#scripts.mLease(
      2,
      lease,
      this.#key('fence', job.key),
      this.#replica,
      this.#options.leaseMs,
    )) as string | null;
    if (!token) return 'busy';
    this.#runningKeys.add(job.key);
    void this.#execute(job, lease, token).finally(async () => {
      await this.#scripts.mRelease(1, lease, token).catch(() => undefined);
      this.#done(job.key);
    });
    return 'queued';
  }

  /** Takes free keys (oldest turn first) while this process has room; never overlaps itself. */
  #pump(): void {
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    void this.#takeKeys()
      .catch((error: unknown) => this.#logger.warn(`Redis queue: ${errorMessage(error)} (retrying)`))
      .finally(() => {
        this.#pumping = false;
        if (this.#again) {
          this.#again = false;
          this.#pump();
        }
      });
  }

  async #takeKeys(): Promise<void> {
    const p = this.#options.prefix;
    const room = () => !this.#closed && this.#runningKeys.size < this.#options.concurrency;
    if (!room()) return;
    const [keys, pending] = await Promise.all([
      this.#redis.zrange(`${p}ready`, 0, 4 * this.#options.concurrency),
      this.#redis.get(`${p}pending`),
    ]);
    this.#pending = Number(pending ?? 0);
    for (const key of keys) {
      if (!room()) return;
      if (this.#runningKeys.has(key)) continue;
      const taken = (await this.#scripts.mTake(
        4,
        this.#key('lease', key),
        this.#key('fence', key),
        this.#key('jobs', key),
        `${p}ready`,
        this.#replica,
        this.#options.leaseMs,
        key,
      )) as [string, string] | null;
      if (taken) this.#start(key, taken[0], taken[1]);
    }
  }

  #start(key: string, token: string, entry: string): void {
    this.#runningKeys.add(key);
    const lease = this.#key('lease', key);
    void (async () => {
      let failed = false;
      let stored: StoredJob | undefined;
      try {
        const parsed = parseOrThrow(storedSchema, JSON.parse(entry), `Redis job ${key}`);
        stored = { ...parsed, portable: { ...parsed.portable, event: parsed.portable.event as IssueEvent } };
        failed = !(await this.#execute(this.#revive(stored), lease, token));
      } catch (error) {
        failed = true;
        this.#logger.error(`Redis job ${key} could not be read, dropped: ${errorMessage(error)}`);
      }
      // A failed job forgets its dedupe ids, so a manual redelivery from the App settings runs it again.
      if (failed && stored?.dedupe.length)
        await this.#redis.del(...stored.dedupe.map((id) => this.#key('seen', id)));
      const finished = await this.#scripts.mFinish(
        4,
        lease,
        this.#key('jobs', key),
        `${this.#options.prefix}ready`,
        `${this.#options.prefix}pending`,
        token,
        key,
        entry,
        Date.now(),
      );
      if (finished !== 1)
        this.#logger.warn(
          `${key}: the lease expired while its job ran; the replica that took it over runs it`,
        );
    })()
      .catch((error: unknown) => this.#logger.error(`${key}: ${errorMessage(error)}`))
      .finally(() => {
        this.#done(key);
        this.#pump();
      });
  }

  /** Runs a job while renewing its lease; true when it succeeded. */
  async #execute(job: Job, lease: string, token: string): Promise<boolean> {
    const renew = setInterval(() => {
      void this.#scripts
        .mRenew(1, lease, token, this.#options.leaseMs)
        .then(
          (ok) => ok === 1 || this.#logger.warn(`${job.name}: lost its lease (another replica may run it)`),
        )
        .catch((error: unknown) =>
          this.#logger.warn(`${job.name}: lease renewal failed: ${errorMessage(error)}`),
        );
    }, this.#options.leaseMs / 3);
    const started = Date.now();
    try {
      await job.run();
      this.#logger.debug(`${job.name} done in ${Date.now() - started} ms`);
      return true;
    } catch (error) {
      this.#logger.error(`${job.name} failed after ${Date.now() - started} ms: ${errorMessage(error)}`);
      return false;
    } finally {
      clearInterval(renew);
    }
  }

  #done(key: string): void {
    this.#runningKeys.delete(key);
    if (this.#runningKeys.size === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }
}
