import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type {
  AnalysisJob,
  AnalysisReply,
  AnalysisRequest,
  FileAnalyser,
} from '../../ports/file-analyser-port.js';

/** At most this many threads: analysis is a small share of a run past a few cores. */
const MAX_THREADS = 4;
/**
 * From this many files a run uses every thread (`threads`). Each thread loads the analysers and warms
 * its JIT and identifier memo on its own: on 2 cores, sympy-like (2,087 files) cold took 1.92 s with
 * two threads against 1.78 s without (CPU 2.87 s against 2.14 s), while files-100k took 25.2 s
 * against 27.6 s.
 */
const MIN_FILES = 10_000;
/**
 * Runs with at least `oneThreadFiles` files (and fewer than `minFiles`) use one thread when the
 * machine has a second core: analysis leaves the main thread, which meanwhile reads the next files
 * and stores the answers, and only one thread pays the warm-up. Off by default (equal to
 * `MIN_FILES`): on the shared 2-core benchmark machine (load average 7-8), sympy-like cold with one
 * thread took more CPU (~2.1 s against ~1.85 s, medians of 10) and more time (3.9 s against 3.5 s)
 * than without; whether a quiet machine gains is not measured yet.
 */
const ONE_THREAD_FILES = MIN_FILES;
/** Threads idle this long end (a long `maestro run` or server keeps no idle heaps); the next run starts new ones. */
const IDLE_MS = 2000;

export interface AnalysisPoolOptions {
  /** Threads for a large run; default `min(os.availableParallelism(), 4)`. One or fewer: never start any. */
  threads?: number;
  /** Runs with at least this many files use `threads` threads; default 10,000. */
  minFiles?: number;
  /** Smaller runs with at least this many files use one thread, fewer none; default 10,000 (off). */
  oneThreadFiles?: number;
  /** Told once when a thread fails and the pool falls back to the main thread. */
  warn?: (message: string) => void;
  /** The thread's entry module (tests); default ./analysis-worker (the thread entry is an adapter: discovery imports no worker_threads). */
  entry?: URL;
  /** Idle threads end after this long; default 2 s. */
  idleMs?: number;
}

interface Thread {
  worker: Worker;
  /** Batches sent and not answered. */
  busy: number;
  /** Ended by `close`, not lost. */
  ended: boolean;
}

interface Waiting<T> {
  thread: Thread;
  jobs: readonly AnalysisJob[];
  resolve(results: T[]): void;
  reject(error: Error): void;
}

/**
 * A `FileAnalyser` over worker threads: each batch goes, as one transferred buffer, to the thread
 * with the fewest batches waiting, while the main thread reads the next files and stores results.
 * Threads start on the first run large enough (one thread from `oneThreadFiles`, all from `minFiles`) and are unref'd while idle, so they never keep a process
 * alive; `close` ends them. A thread that fails is never fatal: its batches, and every later one, are analysed by
 * `inline` on the main thread (same results, only slower), and `warn` says so once.
 */
export class AnalysisPool<T> implements FileAnalyser<T> {
  readonly #inline: FileAnalyser<T>;
  readonly #size: number;
  readonly #minFiles: number;
  readonly #oneThreadFiles: number;
  readonly #warn: (message: string) => void;
  readonly #entry: URL;
  readonly #idleMs: number;
  #idle: NodeJS.Timeout | undefined;
  readonly #waiting = new Map<number, Waiting<T>>();
  #threads: Thread[] | undefined;
  #failed = false;
  #next = 0;
  #started = 0;

  constructor(inline: FileAnalyser<T>, options: AnalysisPoolOptions = {}) {
    this.#inline = inline;
    this.#size = Math.floor(options.threads ?? Math.min(availableParallelism(), MAX_THREADS));
    this.#minFiles = options.minFiles ?? MIN_FILES;
    this.#oneThreadFiles = Math.min(options.oneThreadFiles ?? ONE_THREAD_FILES, this.#minFiles);
    this.#warn = options.warn ?? (() => {});
    this.#entry = options.entry ?? defaultEntry();
    this.#idleMs = options.idleMs ?? IDLE_MS;
  }

  /** Threads running now (0 until a large run, and again once released or idle). */
  get threads(): number {
    return this.#threads?.length ?? 0;
  }

  /** Threads started in all, ended ones included. */
  get threadsStarted(): number {
    return this.#started;
  }

  analyse(jobs: readonly AnalysisJob[], total: number): Promise<T[]> {
    const wanted = this.#wanted(total);
    if (this.#failed || wanted === 0 || jobs.length === 0) return this.#inline.analyse(jobs, total);
    clearTimeout(this.#idle);
    this.#threads ??= [];
    const threads = this.#threads;
    while (threads.length < wanted) threads.push(this.#start());
    const thread = threads.reduce((a, b) => (b.busy < a.busy ? b : a));
    const { buffer, ends } = pack(jobs);
    const id = ++this.#next;
    // Referenced while it owes an answer (an unref'd thread would let the process exit mid-run).
    if (thread.busy++ === 0) thread.worker.ref();
    return new Promise<T[]>((resolve, reject) => {
      this.#waiting.set(id, { thread, jobs, resolve, reject });
      const request: AnalysisRequest = { id, paths: jobs.map((j) => j.path), ends, buffer };
      thread.worker.postMessage(request, [buffer]);
    });
  }

  /** Threads a run of `total` files uses (a pool that has more already keeps them until idle). */
  #wanted(total: number): number {
    if (this.#size <= 1 || total < this.#oneThreadFiles) return 0;
    return total < this.#minFiles ? 1 : this.#size;
  }

  /** The run is done: threads with nothing to answer end now (a later run starts new ones). */
  release(): void {
    if (this.#waiting.size === 0) void this.close();
  }

  /** Ends the threads; later runs start new ones. */
  async close(): Promise<void> {
    clearTimeout(this.#idle);
    const threads = this.#threads ?? [];
    this.#threads = undefined;
    for (const thread of threads) thread.ended = true;
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  #endWhenIdle(): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => void this.close(), this.#idleMs);
    this.#idle.unref();
  }

  #start(): Thread {
    this.#started++;
    const worker = startWorker(this.#entry);
    const thread: Thread = { worker, busy: 0, ended: false };
    worker.unref();
    worker.on('message', (reply: AnalysisReply<T>) => {
      const waiting = this.#waiting.get(reply.id);
      if (!waiting) return;
      this.#waiting.delete(reply.id);
      if (--thread.busy === 0) worker.unref();
      if (this.#waiting.size === 0) this.#endWhenIdle();
      if ('results' in reply) waiting.resolve(reply.results);
      else this.#fallBack(waiting, reply.error);
    });
    worker.on('error', (error) => this.#fail(thread, error.message));
    worker.on('exit', (code) => this.#fail(thread, `exited with code ${code}`));
    return thread;
  }

  /** The thread is gone: what it held, and everything after, runs on the main thread. */
  #fail(thread: Thread, why: string): void {
    // Even while idle: a dead thread left in the pool would be sent a batch it never answers.
    if (!thread.ended) this.#giveUp(why);
    for (const [id, waiting] of this.#waiting) {
      if (waiting.thread !== thread) continue;
      this.#waiting.delete(id);
      this.#fallBack(waiting, why);
    }
  }

  #fallBack(waiting: Waiting<T>, why: string): void {
    this.#giveUp(why);
    this.#inline.analyse(waiting.jobs, 0).then(waiting.resolve, waiting.reject);
  }

  #giveUp(why: string): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#warn(`an analysis thread failed (${why}); analysing the rest on the main thread`);
    void this.close();
  }
}

/** The batch's contents back to back in a buffer of its own (a pooled Buffer must never be transferred). */
function pack(jobs: readonly AnalysisJob[]): { buffer: ArrayBuffer; ends: number[] } {
  const ends: number[] = [];
  let size = 0;
  for (const job of jobs) {
    size += job.content.byteLength;
    ends.push(size);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const job of jobs) {
    bytes.set(job.content, at);
    at += job.content.byteLength;
  }
  return { buffer: bytes.buffer, ends };
}

function defaultEntry(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(`./analysis-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
}

/** From the compiled CLI the entry is JavaScript; from source (tests, tsx) the thread loads tsx first. */
function startWorker(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  // tsx's ESM entry: `require.resolve` names its CommonJS one, which cannot register the ESM loader.
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { (tsx.register ?? tsx.default.register)(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true });
}
