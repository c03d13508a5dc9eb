import * as core from '@actions/core';
import type { Logger } from '../ports/logger-port.js';

/**
 * The engine's `Logger` as workflow commands: `debug` lines show only with step debug logging on,
 * `warn` and `error` become annotations on the run. Values registered with `core.setSecret` are
 * masked by the runner in all of them.
 */
export const actionsLogger: Logger = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
  error: (message) => core.error(message),
};
