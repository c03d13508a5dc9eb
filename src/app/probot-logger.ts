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
