import { errorMessage } from '../core/errors.js';
import type { IssueEvent } from '../engine/github/issue-events.js';
import type { RepoRef } from '../ports/issue-host-port.js';
import { type Logger, silentLogger } from '../ports/logger-port.js';

/**
 * A job as data, so a replica other than the one that received the webhook can run it (the Redis
 * queue stores this and rebuilds the job with the installation's client).
 */
export interface PortableJob {
  installationId: number;
  repo: RepoRef;
  event: IssueEvent;
  /** `webhook` keeps the delivery's name in logs; `sweep` marks what the reconciliation found. */
  source: 'webhook' | 'sweep';
  /** The default branch's version the delivery saw (default-branch-files.ts); none for the sweep. */
  repoVersion?: string;
}

export interface Job {
  /** Jobs with the same key run strictly one after another, in enqueue order (`owner/repo#12`). */
  key: string;
  /**
   * Identities already handled when seen again: the delivery id (`X-GitHub-Delivery`) and a
   * semantic key (`comment:<id>`), because GitHub redelivers with a new delivery id after a timeout
   * and the reconciliation sweep can meet an event a webhook already brought.
   */
  dedupe: readonly string[];
  /** For logs: `issues.labeled owner/repo#12`. */
  name: string;
  run(): Promise<void>;
  /** Set for event jobs: what another replica needs to run this job (see redis-work-queue.ts). */
  portable?: PortableJob;
}

/** `full`: the queue is at its bound and the job was not taken (the webhook answers 503). */
export type EnqueueResult = 'queued' | 'duplicate' | 'busy' | 'full';

/**
 * What the App needs of a queue, in memory (one process) or in Redis (several replicas): both keep
 * a key's jobs one after another, drop duplicates, and refuse work beyond their bound.
 */
export interface JobQueue {
  enqueue(job: Job, options?: { ifIdle?: boolean }): EnqueueResult | Promise<EnqueueResult>;
  /** Jobs running now in this process. */
  readonly running: number;
  /** Jobs queued and not started (in this process; for Redis, the last count seen). */
  readonly pending: number;
  /** Resolves once this process runs nothing and (for memory) nothing is queued. */
  drain(): Promise<void>;
  /** Stops taking work; what runs finishes (`drain`), what waits stays queued where it lives. */
  close(): Promise<void>;
}

/**
 * Thrown from a webhook handler when the queue is full: Probot's middleware answers with its
 * `status`, GitHub records a failed delivery (redeliverable from the App settings), and the
 * reconciliation sweep finds the event later. Answering 200 and dropping it would lose it.
 */
export class QueueFullError extends Error {
  readonly status: number;
  constructor(what: string) {
    // No stack: this is an answer (503), not a fault, and a flood builds thousands of them a
    // second on the acknowledging thread (capturing each stack was 3 % of its CPU under load).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(
      `Maestro's queue is full: ${what} was not taken. ` +
        'Redeliver it from the App settings later; the reconciliation sweep also picks it up.',
    );
    Error.stackTraceLimit = limit;
    this.status = 503;
    this.name = 'QueueFullError';
  }
}

export interface WorkQueueOptions {
  /** Jobs running at once across keys. */
  concurrency: number;
  /** How many dedupe ids are remembered (least recently enqueued forgotten first). */
  seenLimit?: number;
  /**
   * Jobs waiting (not running) at most; beyond it `enqueue` answers `full` and keeps nothing, so a
   * flood of deliveries cannot grow the process without bound (MAESTRO_MAX_PENDING, default 1000).
   */
  maxPending?: number;
  logger?: Logger;
}

/**
 * The App's in-process work queue: webhooks return as soon as their job is queued, the work
 * (GitHub reads, a model call, a dispatch) runs here. Keys are served round-robin so one busy issue
 * cannot starve the others; a failing job is logged and forgets its dedupe ids, so a manual
 * redelivery from the App settings can try it again. Nothing here survives a restart: the
 * reconciliation sweep picks up what was lost.
 */
export class WorkQueue implements JobQueue {
  readonly #concurrency: number;
  readonly #seenLimit: number;
  readonly #maxPending: number;
  #pending = 0;
  #closed = false;
  readonly #logger: Logger;
  /** Insertion-ordered, so the first entry is the oldest: a small LRU without a library. */
  readonly #seen = new Map<string, true>();
  readonly #waiting = new Map<string, Job[]>();
  /** Keys with waiting jobs and nothing running, in the order they became ready. */
  readonly #ready: string[] = [];
  readonly #runningKeys = new Set<string>();
  #idle: Array<() => void> = [];

  constructor(options: WorkQueueOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError(`WorkQueue concurrency must be a positive integer, got ${options.concurrency}`);
    }
    this.#concurrency = options.concurrency;
    this.#seenLimit = options.seenLimit ?? 10_000;
    this.#maxPending = options.maxPending ?? 1000;
    this.#logger = options.logger ?? silentLogger;
  }

  /**
   * Queues a job unless one of its dedupe ids was seen. With `ifIdle`, a key that already has a
   * job queued or running refuses it (`busy`): a sweep that is still going needs no second one.
   */
  enqueue(job: Job, options: { ifIdle?: boolean } = {}): EnqueueResult {
    if (job.dedupe.some((id) => this.#seen.has(id))) {
      this.#logger.debug(`skipped ${job.name}: already handled (${job.dedupe.join(', ')})`);
      return 'duplicate';
    }
    if (options.ifIdle && (this.#runningKeys.has(job.key) || this.#waiting.has(job.key))) return 'busy';
    if (this.#closed || this.#pending >= this.#maxPending) {
      this.#logger.warn(
        `shed ${job.name}: ${this.#closed ? 'stopping' : `${this.#pending} jobs already waiting`}; ` +
          'GitHub marks the delivery failed and the reconciliation sweep picks the event up',
      );
      return 'full';
    }
    this.#pending++;
    for (const id of job.dedupe) this.#remember(id);
    const queue = this.#waiting.get(job.key);
    if (queue) queue.push(job);
    else {
      this.#waiting.set(job.key, [job]);
      if (!this.#runningKeys.has(job.key)) this.#ready.push(job.key);
    }
    this.#pump();
    return 'queued';
  }

  /** Jobs running now. */
  get running(): number {
    return this.#runningKeys.size;
  }

  /** Jobs queued and not started. */
  get pending(): number {
    return this.#pending;
  }

  close(): Promise<void> {
    this.#closed = true;
    return this.drain();
  }

  /** Resolves once nothing is queued or running, including jobs enqueued while draining. */
  drain(): Promise<void> {
    if (this.running === 0 && this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #remember(id: string): void {
    this.#seen.delete(id);
    this.#seen.set(id, true);
    while (this.#seen.size > this.#seenLimit) {
      const oldest = this.#seen.keys().next().value as string;
      this.#seen.delete(oldest);
    }
  }

  #pump(): void {
    while (this.#runningKeys.size < this.#concurrency && this.#ready.length > 0) {
      const key = this.#ready.shift()!;
      const jobs = this.#waiting.get(key)!;
      const job = jobs.shift()!;
      if (jobs.length === 0) this.#waiting.delete(key);
      this.#pending--;
      this.#runningKeys.add(key);
      void this.#run(job);
    }
    if (this.#runningKeys.size === 0 && this.#waiting.size === 0) {
      for (const resolve of this.#idle.splice(0)) resolve();
    }
  }

  async #run(job: Job): Promise<void> {
    const started = Date.now();
    try {
      await job.run();
      this.#logger.debug(`${job.name} done in ${Date.now() - started} ms`);
    } catch (error) {
      for (const id of job.dedupe) this.#seen.delete(id);
      this.#logger.error(`${job.name} failed after ${Date.now() - started} ms: ${errorMessage(error)}`);
    } finally {
      this.#runningKeys.delete(job.key);
      if (this.#waiting.has(job.key)) this.#ready.push(job.key);
      this.#pump();
    }
  }
}
