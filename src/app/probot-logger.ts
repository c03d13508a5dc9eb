import type { Logger as PinoLogger } from 'probot';
import type { Logger } from '../ports/logger-port.js';

/** Probot's pino logger behind the Logger port, so the engine and adapters log into the App's log. */
export function probotLogger(log: PinoLogger): Logger {
  return {
    debug: (message) => log.debug(message),
    info: (message) => log.info(message),
    warn: (message) => log.warn(message),
    error: (message) => log.error(message),
  };
}

/** A delivery as @octokit/webhooks attaches it to a failed verification. */
interface Delivery {
  id?: unknown;
  name?: unknown;
}

const BAD_SIGNATURE = 'signature does not match event payload and secret';
const REMEMBERED = 256;

/**
 * Probot's logger, with a wrongly signed delivery (and one refused with a 503) logged once, as a
 * warning naming the delivery and its event. Unchanged, Probot's error handler and the webhook middleware each log it at error
 * level with the whole delivery attached (payload included, ~14 and ~28 KB): anyone who can reach
 * the webhook URL could fill the log, and the operator sees two "errors" for what is a rejected
 * request. Every other log call passes through untouched; `child()` loggers are wrapped too.
 */
export function withQuietSignatureFailures(log: PinoLogger): PinoLogger {
  const seen = new Set<unknown>();
  const once = (delivery: Delivery, say: (id: string, event: string) => void) => {
    if (delivery.id !== undefined && seen.has(delivery.id)) return;
    seen.add(delivery.id);
    if (seen.size > REMEMBERED) seen.delete(seen.values().next().value);
    const id = typeof delivery.id === 'string' ? delivery.id.slice(0, 64) : 'unknown';
    const event = typeof delivery.name === 'string' ? delivery.name.slice(0, 64) : 'unknown';
    say(id, event);
  };
  const report = (delivery: Delivery) =>
    once(delivery, (id, event) =>
      log.warn(
        { delivery: id, event },
        `Rejected webhook delivery ${id} (${event}): its signature does not match WEBHOOK_SECRET. If GitHub sent it, set the same secret in the App's settings and in WEBHOOK_SECRET.`,
      ),
    );
  // A delivery refused with a 503 (queue full, stopping) is expected under a flood: one short
  // warning, not two error lines serialising its payload for every refused delivery.
  const shed = ({ delivery, message }: { delivery: Delivery; message: string }) =>
    once(delivery, (id, event) =>
      log.warn({ delivery: id, event }, `Answered 503 to delivery ${id} (${event}): ${message}`),
    );
  const wrap = (target: PinoLogger): PinoLogger => {
    // Bound once per logger, not on every call: pino-http and the middleware call through here per request.
    const bound = new Map<PropertyKey, unknown>();
    return new Proxy(target, {
      get(logger, property) {
        if (property === 'error') {
          return (first: unknown, ...rest: unknown[]) => {
            const delivery = badlySigned(first);
            if (delivery) return report(delivery);
            const refused = refusedWith503(first);
            if (refused) return shed(refused);
            return (logger.error as (...args: unknown[]) => void)(first, ...rest);
          };
        }
        if (property === 'child') {
          return (...args: Parameters<PinoLogger['child']>) =>
            wrap(logger.child(...args) as unknown as PinoLogger);
        }
        const value: unknown = Reflect.get(logger, property, logger);
        if (typeof value !== 'function') return value;
        let method = bound.get(property);
        // pino swaps its level methods when the level changes: rebind when the function differs.
        if (!method || (method as { target?: unknown }).target !== value) {
          method = Object.assign(value.bind(logger), { target: value });
          bound.set(property, method);
        }
        return method;
      },
    });
  };
  return wrap(log);
}

/** The delivery of a signature-mismatch error (or its AggregateError wrapper), else undefined. */
function badlySigned(value: unknown): Delivery | undefined {
  let error: unknown = value;
  for (let depth = 0; depth < 4 && error instanceof Error; depth++) {
    if (error.message.includes(BAD_SIGNATURE)) {
      const attached = (error as { event?: unknown }).event;
      // The middleware's AggregateError carries the inner Error as `event`; that one the delivery.
      const inner = attached instanceof Error ? (attached as { event?: unknown }).event : attached;
      return typeof inner === 'object' && inner !== null ? (inner as Delivery) : {};
    }
    error = error instanceof AggregateError ? error.errors[0] : (error as { event?: unknown }).event;
  }
  return undefined;
}

/** A delivery a handler refused with status 503 (QueueFullError, stopping), as the middleware or Probot's error handler logs it. */
function refusedWith503(value: unknown): { delivery: Delivery; message: string } | undefined {
  const error = value instanceof AggregateError ? value.errors[0] : value;
  if (!(error instanceof Error) || (error as { status?: unknown }).status !== 503) return undefined;
  const attached = (error as { event?: unknown }).event;
  const delivery = typeof attached === 'object' && attached !== null ? (attached as Delivery) : {};
  return { delivery, message: error.message.slice(0, 300) };
}
