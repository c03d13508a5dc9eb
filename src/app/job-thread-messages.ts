import type { Handled } from '../engine/github/issue-events.js';
import type { AppEnvironment } from './app-environment.js';
import type { PortableJob } from './work-queue.js';

/** What the job thread is started with (structured-cloned: data only). */
export interface JobThreadData {
  environment: AppEnvironment;
  /** Model keys, MAESTRO_CACHE_DIR and the rest of the App's settings are read from here. */
  env: Record<string, string | undefined>;
  /** Where discovery clones live (default: `<tmp>/maestro-checkouts`). */
  checkoutRoot?: string;
  /**
   * A module URL exporting `depsFor` and/or `handle` (see `JobThreadSetup`), for tests that run the
   * real server with the engine's edges replaced; unset in production.
   */
  setup?: string;
  /** Niceness added to the job thread (Linux): acknowledgements win the CPU over queued work. */
  nice?: number;
}

/** The main thread asks the job thread to run one job. */
export interface RunRequest {
  id: number;
  name: string;
  job: PortableJob;
}

/**
 * What the job thread says: a job's answer (what the engine decided, or why it failed), or one of
 * its log lines. Log lines travel the same channel, before the answer of the job that wrote them,
 * so they reach the App's log in order and none is lost when the thread is ended after the drain.
 */
export type FromThread =
  | { kind: 'done'; id: number; handled: Handled['kind'] }
  | { kind: 'failed'; id: number; message: string }
  | { kind: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string };
