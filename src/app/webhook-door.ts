import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createNodeMiddleware, type EmitterWebhookEventName, Webhooks } from '@octokit/webhooks';
import type { Logger as PinoLogger } from 'probot';

/** One delivery whose signature matched, its body parsed: what Maestro's handlers read. */
export interface Delivery {
  /** `X-GitHub-Delivery`. */
  id: string;
  /** `X-GitHub-Event`: `issues`, `issue_comment`, … */
  name: string;
  payload: unknown;
}

export interface WebhookDoorOptions {
  secret: string;
  /** WEBHOOK_PATH (Probot's default `/api/github/webhooks`). */
  path: string;
  /** `name.action` pairs the App subscribes to; other deliveries are answered 200 and dropped. */
  events: readonly string[];
  /** The middleware's log: a failed delivery (bad signature, 503) is reported through `error`. */
  log: PinoLogger;
  /** Takes a delivery; rejecting with an error that has a `status` answers with that status. */
  receive(delivery: Delivery): Promise<void>;
}

/**
 * `npm start`'s webhook route: the same @octokit/webhooks middleware Probot mounts (signature check
 * with WEBHOOK_SECRET, body parsed once, 400 for a bad signature, the handler's error status, 202
 * after 9 s), without Probot's per-event transform. That transform builds a full installation
 * Octokit and a child logger for every delivery before any handler runs (a sixth of the
 * acknowledging thread's CPU under load, measured with `--cpu-prof`), and Maestro never uses that
 * client: a job gets its installation's client when it runs, on the job thread. Returns Probot
 * server's handler shape: true when it answered, false for any other path.
 */
export function webhookDoor(
  options: WebhookDoorOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const webhooks = new Webhooks({ secret: options.secret });
  webhooks.on(options.events as EmitterWebhookEventName[], (event) =>
    options.receive({ id: event.id, name: event.name, payload: event.payload }),
  );
  const middleware = createNodeMiddleware(webhooks, { path: options.path, log: options.log });
  return async (req, res) => (await middleware(req, res)) === true;
}

type DoorHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * Puts the door in front of Probot's request listener: a request for WEBHOOK_PATH goes to the
 * door before Probot's pino-http logger, which builds a child logger, a request id and a
 * "request completed" line for every request (6–8 % of the acknowledging thread under load,
 * `--cpu-prof`; at LOG_LEVEL=info each delivery's headers were serialised into the log too).
 * A delivery's outcome is logged by Maestro itself (the job's line, a shed's warning, a bad
 * signature's warning). Every other path, and any request the door passes on, reaches Probot's
 * listener as before (`/ping`, `/healthz`, `/metrics`, the 404).
 */
export function doorFirst(
  http: Server,
  door: DoorHandler,
  path: string,
  log: Pick<PinoLogger, 'error'>,
): void {
  const probot = http.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  http.removeAllListeners('request');
  const rest = (req: IncomingMessage, res: ServerResponse) => {
    for (const listener of probot) listener.call(http, req, res);
  };
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    if ((query < 0 ? url : url.slice(0, query)) !== path) return rest(req, res);
    door(req, res).then(
      (answered) => {
        if (!answered) rest(req, res);
      },
      // As Probot's listener does for a handler that throws.
      (error: unknown) => {
        log.error(error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  });
}
