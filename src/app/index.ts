import { Redis } from 'ioredis';
import type { ApplicationFunctionOptions, Probot } from 'probot';
import { defaultCheckoutRoot } from '../adapters/git/shallow-checkout.js';
import { defaultCacheDir, fsCacheStore } from '../adapters/local/fs-cache-store.js';
import type { GitHubDeps } from '../engine/github/github-deps.js';
import { handleIssueEvent } from '../engine/github/handle-issue-event.js';
import type { Handled, IssueEvent } from '../engine/github/issue-events.js';
import { sweepRepository } from '../engine/github/reconcile.js';
import { type Clock, systemClock } from '../ports/clock-port.js';
import { appIdentity } from './app-identity.js';
import { appOptionsFromEnv } from './app-options.js';
import { DefaultBranchFiles } from './default-branch-files.js';
import { eventJob, revivedJob, sweptEventJob, type WebhookContext } from './event-job.js';
import { type AppDepsSettings, appGitHubDeps, type RepoTarget } from './github-deps.js';
import { checkSuiteCompletedEvent } from './handlers/check-suite-completed.js';
import { commentEvent } from './handlers/issue-comment-created.js';
import { editedEvent } from './handlers/issues-edited.js';
import { labeledEvent } from './handlers/issues-labeled.js';
import { unlabeledEvent } from './handlers/issues-unlabeled.js';
import { reviewCommentEvent } from './handlers/pull-request-review-comment-created.js';
import { reviewEvent } from './handlers/pull-request-review-submitted.js';
import { workflowRunCompletedEvent } from './handlers/workflow-run-completed.js';
import { gitHubCheck, type ReadinessCheck, redisCheck, serviceRoutes } from './health.js';
import { reusedInstallationClients } from './installation-clients.js';
import type { JobRunner } from './job-thread.js';
import { AppMetrics } from './metrics.js';
import { probotLogger } from './probot-logger.js';
import {
  type AppAuth,
  type FindMissed,
  listInstalledRepos,
  SweepWatermarks,
  startReconcileSchedule,
} from './reconcile-schedule.js';
import { RedisWorkQueue } from './redis-work-queue.js';
import type { Delivery } from './webhook-door.js';
import { type Job, type JobQueue, QueueFullError, WorkQueue } from './work-queue.js';

export interface MaestroAppOptions {
  /** Jobs at once across issues (MAESTRO_CONCURRENCY). */
  concurrency: number;
  /** Minutes between reconciliation sweeps, 0 = off (MAESTRO_RECONCILE_MINUTES). */
  reconcileMinutes: number;
  /** `https://github.com` or the GHE root, for the discovery clone. */
  gitBaseUrl: string;
  /** Values redacted from everything posted (model keys, webhook secret, private key). */
  secrets: readonly string[];
  /** Where discovery clones live (default: `<tmp>/maestro-checkouts`). */
  checkoutRoot?: string;
  /** Where model keys and MAESTRO_CACHE_DIR are read (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The engine's use cases; tests inject fakes, the journey test the real ones. */
  handle?: (event: IssueEvent, deps: GitHubDeps) => Promise<Handled>;
  /** What the sweep finds for one repository since its last sweep (default: the engine's `sweepRepository`). */
  findMissed?: FindMissed;
  /** Builds one repository's dependencies (default: Octokit host, shallow clone, configured model). */
  depsFor?: (target: RepoTarget) => GitHubDeps;
  queue?: JobQueue;
  /** Jobs waiting at most before deliveries are refused with 503 (MAESTRO_MAX_PENDING). */
  maxPending?: number;
  /**
   * Redis tuning for tests; the client itself comes from `REDIS_URL` in `env`. With Redis, dedupe
   * and each issue's order hold across replicas (redis-work-queue.ts); without, one process's
   * memory holds them: run one replica only.
   */
  redis?: { prefix?: string; leaseMs?: number; pollMs?: number };
  clock?: Clock;
  /** Delay before the first sweep after start (default 0). */
  firstSweepDelayMs?: number;
  /** What `/readyz` asks besides GitHub (default: Redis PING when `REDIS_URL` is set in `env`). */
  readinessChecks?: readonly ReadinessCheck[];
  /**
   * Where jobs that carry their data run: `npm start` gives a worker thread (job-thread.ts), so a
   * job never holds up a webhook's answer; unset, they run on this event loop with `handle` and
   * `depsFor` (`probot run`, the serverless handler, tests). Closed by `stop()`.
   */
  jobs?: JobRunner;
}

export interface MaestroApp {
  queue: JobQueue;
  /** One reconciliation sweep now: enqueues a job per installed repository. */
  sweep(): Promise<void>;
  /**
   * Graceful shutdown: from now on `/readyz` answers 503 and new deliveries get a 503 (GitHub
   * shows them as failed, to redeliver; the sweep finds them too); stops the schedule and waits
   * for the queued work.
   */
  stop(): Promise<void>;
  readonly stopping: boolean;
  metrics: AppMetrics;
  /** `/healthz`, `/readyz`, `/metrics` for Probot's server (`addHandler`). */
  routes: ReturnType<typeof serviceRoutes>;
  /**
   * One verified delivery straight from @octokit/webhooks (webhook-door.ts), handled as `app.on`
   * handles it; rejects with a `status` (503) when it was not taken.
   */
  receive(delivery: Delivery): Promise<void>;
}

/**
 * The events Maestro acts on (`name.action`, as app.yml subscribes), each mapped to an
 * `IssueEvent` by its handler, or to nothing (a bot sender, nothing to do).
 */
export const SUBSCRIBED: Readonly<Record<string, (payload: never) => IssueEvent | undefined>> = {
  'issues.labeled': labeledEvent,
  'issues.unlabeled': unlabeledEvent,
  'issues.edited': editedEvent,
  'issue_comment.created': commentEvent,
  'pull_request_review.submitted': reviewEvent,
  'pull_request_review_comment.created': reviewCommentEvent,
  'check_suite.completed': checkSuiteCompletedEvent,
  'workflow_run.completed': workflowRunCompletedEvent,
};

/**
 * The Probot application: each subscribed event is mapped to an `IssueEvent` by its handler
 * (handlers/), bot senders are dropped, and the work is queued; the webhook is answered at once
 * (GitHub gives up after 10 s, and a plan takes longer). The engine does the rest in the queue.
 */
export function maestroApp(app: Probot, options: MaestroAppOptions): MaestroApp {
  const logger = probotLogger(app.log);
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const auth: AppAuth = app;
  const settings: AppDepsSettings = {
    gitBaseUrl: options.gitBaseUrl,
    secrets: options.secrets,
    env,
    clock,
    self: appIdentity(auth),
    cache: fsCacheStore(defaultCacheDir(env)),
    checkoutRoot: options.checkoutRoot ?? defaultCheckoutRoot(),
    files: new DefaultBranchFiles(),
  };
  const depsFor = options.depsFor ?? ((target: RepoTarget) => appGitHubDeps(target, settings));
  const metrics = new AppMetrics(() => queue);
  const jobDeps = {
    handle: metrics.observeHandle(options.handle ?? handleIssueEvent),
    depsFor,
    auth: reusedInstallationClients((installationId) => auth.auth(installationId)),
  };
  const findMissed = options.findMissed ?? sweepRepository;
  // A job with its data goes to the job thread when there is one; what it decided is counted here.
  const runner = options.jobs;
  const offload = (job: Job): Job => {
    const portable = job.portable;
    if (!runner || !portable) return job;
    return { ...job, run: async () => metrics.handled(await runner.run(portable, job.name)) };
  };

  // Fail a command fast while Redis is away (one retry, 2 s to connect): the delivery is then
  // answered 500 well within GitHub's 10 s (shown failed, redeliverable), never 202 and dropped.
  // ioredis reconnects by itself; errors are logged here instead of its console line.
  // Auto-pipelining: the commands of one tick (the enqueues of the deliveries verified together,
  // the consumer's takes) leave in one socket write; one write per command was a fifth of the
  // acknowledging thread's CPU under load (--cpu-prof). Each enqueue still awaits its own reply.
  const redisClient = env.REDIS_URL
    ? new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000, enableAutoPipelining: true })
    : undefined;
  redisClient?.on('error', (error: Error) => logger.warn(`Redis: ${error.message}`));
  // With Redis, the replicas share each repository's last sweep time, and a restart keeps it.
  const watermarks = new SweepWatermarks(redisClient);
  const queue: JobQueue =
    options.queue ??
    (redisClient
      ? new RedisWorkQueue({
          redis: redisClient,
          concurrency: options.concurrency,
          maxPending: options.maxPending,
          logger,
          ...options.redis,
          revive: (stored) => metrics.timed(offload(revivedJob(stored, jobDeps, jobDeps, logger))),
        })
      : new WorkQueue({ concurrency: options.concurrency, maxPending: options.maxPending, logger }));

  let stopping = false;
  const accept = async (context: WebhookContext, event: IssueEvent | undefined): Promise<void> => {
    const name = `${context.name}.${(context.payload as { action?: string }).action ?? ''}`;
    if (stopping) {
      metrics.delivery(name, 'shed');
      // @octokit/webhooks answers with the error's status: GitHub records a failed delivery.
      throw Object.assign(new Error('Maestro is stopping; redeliver this event'), { status: 503 });
    }
    const job = event ? eventJob(context, event, jobDeps) : undefined;
    if (!job) {
      context.log.debug(`${name} (delivery ${context.id}): ignored (bot sender or nothing to do)`);
      metrics.delivery(name, 'ignored');
      return;
    }
    const result = await queue.enqueue(metrics.timed(offload(job)));
    metrics.delivery(name, result);
    if (result === 'full') throw new QueueFullError(job.name);
  };
  // Typed per event by Probot; one loop over them all is typed by what `accept` reads.
  const on = app.on as (name: string, handler: (context: WebhookContext) => Promise<void>) => void;
  for (const [name, toEvent] of Object.entries(SUBSCRIBED))
    on(name, (context) => accept(context, toEvent(context.payload as never)));
  // `npm start`'s own webhook route (webhook-door.ts): the same handlers without Probot's context.
  const receive = async (delivery: Delivery): Promise<void> => {
    const payload = delivery.payload as WebhookContext['payload'] & { action?: string };
    const name = `${delivery.name}.${payload.action}`;
    if (!Object.hasOwn(SUBSCRIBED, name)) return;
    const toEvent = SUBSCRIBED[name]!;
    // The App's log itself, not a child per delivery (pino's child serialises its bindings): a
    // job on the job thread never logs through it, and the lines that do name the event.
    const context: WebhookContext = { id: delivery.id, name: delivery.name, payload, log: app.log };
    await accept(context, toEvent(payload as never));
  };

  const sweep = async () => {
    for (const { client, repo, installationId } of await listInstalledRepos(auth, logger)) {
      const name = `reconcile ${repo.owner}/${repo.repo}`;
      const run = async () => {
        const target = { client, repo, logger, installationId };
        const missed = await watermarks.missed(repo, depsFor(target), findMissed);
        // Each issue's events go to the issue's own serial key: never beside a webhook job for it.
        for (const { events } of missed)
          for (const event of events) await queue.enqueue(offload(sweptEventJob(target, event, jobDeps)));
        logger.info(`${name}: ${missed.length} issue(s) with missed events`);
      };
      // Keyed per repository and only when idle: a sweep never overlaps with itself.
      await queue.enqueue(
        { key: `${repo.owner}/${repo.repo}#reconcile`.toLowerCase(), dedupe: [], name, run },
        { ifIdle: true },
      );
    }
  };
  const schedule = startReconcileSchedule({
    everyMinutes: options.reconcileMinutes,
    sweep,
    logger,
    firstDelayMs: options.firstSweepDelayMs,
  });

  const redis = env.REDIS_URL ? redisCheck(env.REDIS_URL) : undefined;
  const routes = serviceRoutes({
    metrics,
    checks: [gitHubCheck(auth), ...(options.readinessChecks ?? (redis ? [redis] : []))],
    stopping: () => stopping,
  });

  return {
    queue,
    metrics,
    routes,
    receive,
    get stopping() {
      return stopping;
    },
    sweep: schedule.sweep,
    stop: async () => {
      stopping = true;
      schedule.stop();
      await queue.close();
      await runner?.close();
      await redis?.close();
      redisClient?.disconnect();
    },
  };
}

/**
 * The plain Probot app function, for `probot run ./lib/app/index.js` and `createNodeMiddleware`:
 * Maestro's settings come from `process.env` (validated; a bad value throws with what to set),
 * and `/healthz`, `/readyz` and `/metrics` are mounted when the host offers `addHandler`.
 */
export default function maestroProbotApp(app: Probot, host?: Partial<ApplicationFunctionOptions>): void {
  const maestro = maestroApp(app, appOptionsFromEnv(process.env));
  host?.addHandler?.(maestro.routes);
}
