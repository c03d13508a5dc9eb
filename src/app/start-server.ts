import type { Server as HttpServer } from 'node:http';
import { createProbot, Probot, Server } from 'probot';
import type { Logger } from '../ports/logger-port.js';
import type { AppEnvironment } from './app-environment.js';
import { appOptionsFrom } from './app-options.js';
import { type MaestroApp, type MaestroAppOptions, maestroApp, SUBSCRIBED } from './index.js';
import { JobThread } from './job-thread.js';
import { probotCredentials, probotEnv } from './probot-credentials.js';
import { probotLogger, withQuietSignatureFailures } from './probot-logger.js';
import { doorFirst, webhookDoor } from './webhook-door.js';

/**
 * The job thread's niceness: when the CPU is short, webhook answers (GitHub gives up after 10 s
 * and counts failures) go before queued work (a plan takes minutes anyway). Under a flood the
 * queue then fills and sheds with a 503, which GitHub and the sweep recover from. The lowest
 * priority (19, a CPU share of ~1.5 % against the acks' when both want it, 10 % at nice 10): on
 * 2 cores under load, nice 10 left the acks at 0.77x Probot's throughput, 19 at 0.88x (bench:webhook,
 * interleaved); an idle CPU still goes wholly to the jobs.
 */
const JOB_THREAD_NICE = 19;

/** Probot's and GitHub's default WEBHOOK_PATH. */
const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks';

/**
 * Where Probot's own webhook middleware listens when Maestro's door serves WEBHOOK_PATH: a path
 * no request can have (a URL's path never holds a raw space), so it always passes a request on.
 */
const PROBOT_ROUTE_OFF = '/ probot route off: webhook-door.ts serves WEBHOOK_PATH';

/** How long a stopping process waits for queued work before it exits anyway. */
const DRAIN_TIMEOUT_MS = 25_000;

export interface RunningApp {
  http: HttpServer;
  port: number;
  maestro: MaestroApp;
  logger: Logger;
  /**
   * SIGTERM from a container runtime: `/readyz` turns 503 and new deliveries get a 503 while the
   * queue finishes (bounded); then the server closes.
   */
  stop(): Promise<void>;
}

/**
 * Probot's server (webhook middleware on WEBHOOK_PATH, `GET /ping`, request logging, the smee
 * proxy in development) with Maestro's app function loaded. The logger comes from `createProbot`
 * so LOG_LEVEL, LOG_FORMAT and SENTRY_DSN mean what Probot's documentation says.
 */
export async function startAppServer(
  environment: AppEnvironment,
  options: {
    warnings?: readonly string[];
    app?: Partial<MaestroAppOptions>;
    processEnv?: NodeJS.ProcessEnv;
    /**
     * The job thread (default: on, unless `app` replaces `handle` or `depsFor`, which cannot cross
     * to a thread): `false` runs jobs on the webhook's event loop; `setup` names a module whose
     * `depsFor`/`handle` the thread uses instead (tests); `nice` lowers its CPU priority.
     */
    jobThread?: false | { setup?: string; nice?: number };
  } = {},
): Promise<RunningApp> {
  const processEnv = options.processEnv ?? process.env;
  const credentials = probotCredentials(environment);
  const base = (await createProbot({ env: probotEnv(processEnv), overrides: credentials }).ready()).log;
  // One warning per wrongly signed delivery instead of two error lines carrying its payload.
  const quiet = withQuietSignatureFailures(base);
  // Maestro's own webhook route (webhook-door.ts) unless smee.io forwards to Probot's (development).
  const ownDoor = !environment.webhookProxyUrl;
  // Deliveries reach Probot's error handler only through its own route; otherwise its log (and
  // pino-http's child per request) goes unwrapped, and the door reports through `quiet`.
  const log = ownDoor ? base : quiet;
  const server = new Server({
    Probot: Probot.defaults({ ...credentials, log }),
    log,
    port: environment.port,
    host: environment.host,
    webhookPath: ownDoor ? PROBOT_ROUTE_OFF : environment.webhookPath,
    webhookProxy: environment.webhookProxyUrl,
  });

  const appOptions = { ...appOptionsFrom(environment, processEnv), ...options.app };
  const jobs = jobThreadFor(environment, appOptions, options.jobThread, probotLogger(log));
  let maestro: MaestroApp | undefined;
  let door: ReturnType<typeof webhookDoor> | undefined;
  const webhookPath = environment.webhookPath ?? DEFAULT_WEBHOOK_PATH;
  await server.load((app, { addHandler }) => {
    maestro = maestroApp(app, { ...appOptions, jobs });
    if (ownDoor)
      door = webhookDoor({
        secret: environment.webhookSecret,
        path: webhookPath,
        events: Object.keys(SUBSCRIBED),
        log: quiet,
        receive: maestro.receive,
      });
    addHandler(maestro.routes);
  });
  const http = await server.start();
  // In front of Probot's listener (and its per-request logger); see doorFirst.
  if (door) doorFirst(http, door, webhookPath, log);
  const loaded = maestro!;
  for (const warning of options.warnings ?? []) log.warn(warning);
  log.info(
    `Maestro ready: ${environment.concurrency} job(s) at once, reconciliation ` +
      (environment.reconcileMinutes > 0 ? `every ${environment.reconcileMinutes} min` : 'off'),
  );
  return {
    http,
    port: server.port,
    maestro: loaded,
    logger: probotLogger(log),
    async stop() {
      // Still listening while the queue drains: the load balancer reads /readyz's 503 and GitHub's
      // deliveries get a 503 rather than a refused connection.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          log.warn(`stopping with ${loaded.queue.running + loaded.queue.pending} job(s) unfinished`);
          resolve();
        }, DRAIN_TIMEOUT_MS);
        timer.unref();
      });
      await Promise.race([loaded.stop(), timeout]);
      clearTimeout(timer);
      await server.stop();
    },
  };
}

/**
 * The job thread for `npm start`, or none when the caller keeps jobs on the event loop: injected
 * `handle`/`depsFor` are functions of this thread, so with them the jobs stay here.
 */
function jobThreadFor(
  environment: AppEnvironment,
  app: MaestroAppOptions,
  choice: false | { setup?: string; nice?: number } | undefined,
  logger: Logger,
): JobThread | undefined {
  if (choice === false || (choice === undefined && (app.handle || app.depsFor))) return undefined;
  return new JobThread(
    {
      environment,
      env: { ...app.env },
      checkoutRoot: app.checkoutRoot,
      setup: choice?.setup,
      nice: choice?.nice ?? JOB_THREAD_NICE,
    },
    logger,
  );
}
