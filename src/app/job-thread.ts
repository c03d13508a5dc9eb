import { Worker } from 'node:worker_threads';
import type { Handled } from '../engine/github/issue-events.js';
import type { Logger } from '../ports/logger-port.js';
import type { FromThread, JobThreadData, RunRequest } from './job-thread-messages.js';
import type { PortableJob } from './work-queue.js';

/** Where a job that carries its data runs: `maestroApp` hands it over and awaits the engine's answer. */
export interface JobRunner {
  /** Resolves with what the engine decided; rejects when the job failed (the queue logs it). */
  run(job: PortableJob, name: string): Promise<Handled['kind']>;
  /** Ends the runner; call once nothing runs (after the queue drained). */
  close(): Promise<void>;
}

interface InFlight {
  worker: Worker;
  name: string;
  resolve(kind: Handled['kind']): void;
  reject(error: Error): void;
}

/**
 * The queued work on a worker thread of its own (job-worker.ts): the main thread's event loop only
 * answers webhooks, while each job's GitHub reads, JSON parsing and engine run beside it. The queue
 * (dedupe, per-issue order, the bound, draining on SIGTERM) stays on the main thread; only a job's
 * data crosses. A thread that dies fails the jobs it held (logged; their dedupe ids are forgotten,
 * so a redelivery runs them) and the next job starts a new one.
 */
export class JobThread implements JobRunner {
  readonly #data: JobThreadData;
  readonly #logger: Logger;
  readonly #inFlight = new Map<number, InFlight>();
  #worker: Worker | undefined;
  #next = 0;
  #closed = false;

  constructor(data: JobThreadData, logger: Logger) {
    this.#data = data;
    this.#logger = logger;
    this.#worker = this.#spawn();
  }

  /** Jobs handed to the thread and not answered yet. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  run(job: PortableJob, name: string): Promise<Handled['kind']> {
    if (this.#closed) return Promise.reject(new Error(`${name}: the job thread is closed`));
    const worker = this.#worker ?? this.#spawn();
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      this.#inFlight.set(id, { worker, name, resolve, reject });
      worker.postMessage({ id, name, job } satisfies RunRequest);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #spawn(): Worker {
    const worker = startWorker(this.#data);
    worker.on('message', (message: FromThread) => {
      if (message.kind === 'log') return this.#logger[message.level](message.message);
      const waiting = this.#inFlight.get(message.id);
      if (!waiting) return;
      this.#inFlight.delete(message.id);
      if (message.kind === 'done') waiting.resolve(message.handled);
      else waiting.reject(new Error(message.message));
    });
    worker.on('error', (error) => this.#logger.error(`the job thread failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const [id, waiting] of this.#inFlight) {
        if (waiting.worker !== worker) continue;
        this.#inFlight.delete(id);
        waiting.reject(new Error(`the job thread stopped (exit code ${code}) while ${waiting.name} ran`));
      }
    });
    this.#worker = worker;
    return worker;
  }
}

/**
 * From `lib/` the entry is plain JavaScript. From source (tsx, vitest) the thread first registers
 * tsx's loader, because Node 20 does not carry a parent's `--import tsx` hooks into a worker.
 */
function startWorker(data: JobThreadData): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './job-worker.ts' : './job-worker.js', import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: data });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}
