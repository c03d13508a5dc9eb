import type { IncomingMessage, ServerResponse } from 'node:http';
import { createNodeMiddleware, createProbot, type Probot } from 'probot';
import { errorMessage } from '../core/errors.js';
import { handleIssueEvent } from '../engine/github/handle-issue-event.js';
import type { Logger } from '../ports/logger-port.js';
import { appOptionsFromEnv } from './app-options.js';
import { type MaestroAppOptions, maestroApp } from './index.js';
import { probotLogger } from './probot-logger.js';
import type { EnqueueResult, Job, JobQueue } from './work-queue.js';

type Env = Readonly<Record<string, string | undefined>>;
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The queue of a function that lives only as long as its request: each job runs inside the
 * webhook's request, before the response, and nothing is left behind when it returns. A failed
 * job answers the delivery with a 500 (GitHub shows it as failed, to redeliver) without echoing
 * the error to the caller; the log has it.
 */
export class InlineQueue implements JobQueue {
  readonly #logger: Logger;
  #running = 0;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  async enqueue(job: Job): Promise<EnqueueResult> {
    this.#running++;
    try {
      await job.run();
      return 'queued';
    } catch (error) {
      this.#logger.error(`${job.name} failed: ${errorMessage(error)}`);
      throw Object.assign(new Error('Maestro could not handle this delivery; the App log says why'), {
        status: 500,
      });
    } finally {
      this.#running--;
    }
  }

  get running(): number {
    return this.#running;
  }

  get pending(): number {
    return 0;
  }

  async drain(): Promise<void> {}

  async close(): Promise<void> {}
}

export interface ServerlessOptions {
  /** Credentials and settings (default `process.env`, as Probot reads them). */
  env?: Env;
  /** Default: `createProbot({ env })`. */
  probot?: Probot;
  /** Tests: what `maestroApp` is given besides the environment's settings. */
  app?: Partial<MaestroAppOptions>;
}

/**
 * The App for serverless hosts (Vercel, Netlify Functions, AWS Lambda behind a Node adapter):
 * Probot's `createNodeMiddleware` with Maestro's app function, where nothing outlives the
 * request. Each event is checked and answered inside its request — permission checks, a reply,
 * a cancel — and every planning round and every run is a `workflow_dispatch` of the repository's
 * workflow (as with `planning.runs_in: action`), so no model is ever called here. Duplicates are
 * caught by the plan's own record on the issue, not by memory. No reconciliation sweep runs
 * (there is no process to run it on): see docs/github-setup.md → Serverless.
 */
export async function serverlessHandler(options: ServerlessOptions = {}): Promise<NodeHandler> {
  const env = options.env ?? process.env;
  const settings = appOptionsFromEnv(env);
  const probot = options.probot ?? createProbot({ env: { ...env } });
  const middleware = await createNodeMiddleware(
    (app, { addHandler }) => {
      const handle = options.app?.handle ?? handleIssueEvent;
      const maestro = maestroApp(app, {
        ...settings,
        ...options.app,
        reconcileMinutes: 0,
        queue: new InlineQueue(probotLogger(app.log)),
        handle: (event, deps) => handle(event, { ...deps, dispatchPlanning: true }),
      });
      addHandler(maestro.routes);
    },
    { probot },
  );
  return async (req, res) => {
    await middleware(req, res, () => {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Not found' }));
    });
  };
}

let loaded: Promise<NodeHandler> | undefined;

/** The function itself (`export default` is what Vercel and Netlify call): built once per instance. */
export default async function maestroServerless(req: IncomingMessage, res: ServerResponse): Promise<void> {
  loaded ??= serverlessHandler();
  return (await loaded)(req, res);
}
