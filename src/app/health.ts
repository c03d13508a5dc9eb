import type { IncomingMessage, ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import { errorMessage } from '../core/errors.js';
import type { AppMetrics } from './metrics.js';
import type { AppAuth } from './reconcile-schedule.js';

/** One thing the App needs to do its work; it throws (or times out) when that thing is unreachable. */
export interface ReadinessCheck {
  name: string;
  check(signal: AbortSignal): Promise<void>;
}

export interface ServiceRoutesOptions {
  metrics: AppMetrics;
  checks: readonly ReadinessCheck[];
  /** True once SIGTERM arrived: the process finishes what it holds and takes nothing new. */
  stopping(): boolean;
  /** Per check; a load balancer's probe usually gives up after a few seconds. */
  timeoutMs?: number;
}

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * `GET /healthz` (the process answers: liveness), `GET /readyz` (it can work: GitHub answers, Redis
 * answers when configured, and it is not stopping) and `GET /metrics` (Prometheus), as a handler
 * for Probot's server (`addHandler`). Anything else falls through to Probot's next handler.
 */
export function serviceRoutes(options: ServiceRoutesOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    switch (path) {
      case '/healthz':
        send(res, 200, 'application/json', JSON.stringify({ status: 'ok' }));
        return true;
      case '/readyz': {
        const ready = await readiness(options);
        send(
          res,
          ready.ready ? 200 : 503,
          'application/json',
          JSON.stringify(ready.ready ? { status: 'ready' } : { status: 'not ready', reason: ready.reason }),
        );
        return true;
      }
      case '/metrics': {
        const { contentType, body } = await options.metrics.scrape();
        send(res, 200, contentType, body);
        return true;
      }
      default:
        return false;
    }
  };
}

/** Every check at once, each bounded; the first failures become the reason. */
export async function readiness(options: ServiceRoutesOptions): Promise<Readiness> {
  if (options.stopping()) return { ready: false, reason: 'stopping: finishing the work it holds' };
  const timeoutMs = options.timeoutMs ?? 3000;
  const failures = await Promise.all(
    options.checks.map(async ({ name, check }) => {
      try {
        const signal = AbortSignal.timeout(timeoutMs);
        await Promise.race([check(signal), aborted(signal, timeoutMs)]);
        return undefined;
      } catch (error) {
        return `${name} unreachable: ${errorMessage(error)}`;
      }
    }),
  );
  const reasons = failures.filter((reason): reason is string => reason !== undefined);
  return reasons.length === 0 ? { ready: true } : { ready: false, reason: reasons.join('; ') };
}

/** GitHub answers the App's own JWT (`GET /app`): the key is valid and the API reachable. */
export function gitHubCheck(app: AppAuth): ReadinessCheck {
  return {
    name: 'GitHub',
    check: async (signal) => {
      const jwt = await app.auth();
      await jwt.request('GET /app', { request: { signal } });
    },
  };
}

/**
 * Redis answers PING. One connection of its own, opened on the first probe and kept: no offline
 * queue and no retries per command, so an unreachable Redis fails the probe instead of waiting.
 */
export function redisCheck(url: string): ReadinessCheck & { close(): Promise<void> } {
  let client: Redis | undefined;
  return {
    name: 'Redis',
    check: async () => {
      client ??= new Redis(url, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 2000,
      });
      // Failures reach the probe through connect/ping; the event would only be logged as unhandled.
      client.on('error', () => undefined);
      if (client.status === 'wait' || client.status === 'end') await client.connect();
      await client.ping();
    },
    close: async () => {
      client?.disconnect();
      client = undefined;
    },
  };
}

function aborted(signal: AbortSignal, ms: number): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(new Error(`no answer within ${ms} ms`)), { once: true });
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
}
