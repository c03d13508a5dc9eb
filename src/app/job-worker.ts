/**
 * The job thread's entry (started by job-thread.ts): runs queued jobs, each from its data alone,
 * with a Probot of its own (installation tokens, throttling) so the main thread only acknowledges,
 * verifies, dedupes and enqueues. A job's GitHub reads, JSON parsing, discovery and model calls
 * never hold up a webhook's answer.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { createProbot } from 'probot';
import { defaultCheckoutRoot } from '../adapters/git/shallow-checkout.js';
import { defaultCacheDir, fsCacheStore } from '../adapters/local/fs-cache-store.js';
import { errorMessage } from '../core/errors.js';
import type { GitHubDeps } from '../engine/github/github-deps.js';
import { handleIssueEvent } from '../engine/github/handle-issue-event.js';
import type { Handled, IssueEvent } from '../engine/github/issue-events.js';
import { systemClock } from '../ports/clock-port.js';
import type { Logger } from '../ports/logger-port.js';
import { appIdentity } from './app-identity.js';
import { DefaultBranchFiles } from './default-branch-files.js';
import { type EventJobDeps, runPortable } from './event-job.js';
import { appGitHubDeps, type RepoTarget } from './github-deps.js';
import { reusedInstallationClients } from './installation-clients.js';
import type { FromThread, JobThreadData, RunRequest } from './job-thread-messages.js';
import { probotCredentials, probotEnv } from './probot-credentials.js';

/** What a `setup` module may export: the engine's edges, replaced (tests only). */
export interface JobThreadSetup {
  depsFor?: (target: RepoTarget) => GitHubDeps;
  handle?: (event: IssueEvent, deps: GitHubDeps) => Promise<Handled>;
}

const port = parentPort;
if (!port)
  throw new Error('job-worker.ts runs as a worker thread (started by job-thread.ts), not on its own');
const data = workerData as JobThreadData;

// Listening before the awaits below: a job posted while the thread starts waits for `ready`.
const ready = start();
port.on('message', (request: RunRequest) => void run(request));

async function start(): Promise<Required<EventJobDeps> & { logger: Logger }> {
  lowerPriority(data.nice ?? 0);
  const probot = await createProbot({
    env: probotEnv(data.env as NodeJS.ProcessEnv),
    overrides: probotCredentials(data.environment),
  }).ready();
  // The jobs' own lines go through the main thread's log (see FromThread).
  // Below LOG_LEVEL a line is dropped here rather than posted for the main thread to drop.
  const order = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
  const threshold = order.indexOf(data.environment.logLevel);
  const line = (level: 'debug' | 'info' | 'warn' | 'error') =>
    order.indexOf(level) < threshold
      ? () => undefined
      : (message: string) => port!.postMessage({ kind: 'log', level, message } satisfies FromThread);
  const logger: Logger = {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
  };
  const setup: JobThreadSetup = data.setup ? await import(data.setup) : {};
  const settings = {
    gitBaseUrl: data.environment.gitBaseUrl,
    secrets: data.environment.secrets,
    env: data.env,
    clock: systemClock,
    self: appIdentity(probot),
    cache: fsCacheStore(defaultCacheDir(data.env)),
    checkoutRoot: data.checkoutRoot ?? defaultCheckoutRoot(),
    // Shared by this thread's jobs: one config read per repository version, not one per job.
    files: new DefaultBranchFiles(),
  };
  return {
    logger,
    handle: setup.handle ?? handleIssueEvent,
    depsFor: setup.depsFor ?? ((target) => appGitHubDeps(target, settings)),
    // One client per installation for every job of this thread, not a new Octokit per job.
    auth: reusedInstallationClients((installationId) => probot.auth(installationId)),
  };
}

async function run({ id, name, job }: RunRequest): Promise<void> {
  let reply: FromThread;
  try {
    const deps = await ready;
    const handled = await runPortable(job, name, deps, deps.logger);
    reply = { kind: 'done', id, handled: handled.kind };
  } catch (error) {
    reply = { kind: 'failed', id, message: errorMessage(error) };
  }
  port!.postMessage(reply);
}

/**
 * Linux keeps a niceness per thread: raising this thread's leaves the acknowledgements (main
 * thread) first in line for the CPU when both want it. Elsewhere, or without /proc, nothing changes.
 */
function lowerPriority(by: number): void {
  if (by <= 0) return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(tid, Math.min(19, by));
  } catch {
    // Not Linux: the thread keeps the process's priority.
  }
}
