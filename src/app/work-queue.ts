import { errorMessage } from '../core/errors.js';
import { type Logger, silentLogger } from '../ports/logger-port.js';

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
}

export type EnqueueResult = 'queued' | 'duplicate' | 'busy';

export interface WorkQueueOptions {
  /** Jobs running at once across keys. */
  concurrency: number;
  /** How many dedupe ids are remembered (least recently enqueued forgotten first). */
  seenLimit?: number;
  logger?: Logger;
}

/**
 * The App's in-process work queue: webhooks return as soon as their job is queued, the work
 * (GitHub reads, a model call, a dispatch) runs here. Keys are served round-robin so one busy issue
 * cannot starve the others; a failing job is logged and forgets its dedupe ids, so a manual
 * redelivery from the App settings can try it again. Nothing here survives a restart: the
 * reconciliation sweep picks up what was lost.
 */
export class WorkQueue {
  readonly #concurrency: number;
  readonly #seenLimit: number;
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
    let count = 0;
    for (const jobs of this.#waiting.values()) count += jobs.length;
    return count;
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
