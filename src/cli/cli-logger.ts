import type { Logger } from '../ports/logger-port.js';
import type { CliIo } from './io.js';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** Diagnostics to stderr at or above the configured level, so stdout stays the plan and progress. */
export function cliLogger(io: CliIo, level: (typeof LEVELS)[number]): Logger {
  const min = LEVELS.indexOf(level);
  const at = (l: (typeof LEVELS)[number]) => (message: string) => {
    if (LEVELS.indexOf(l) >= min) io.stderr(`[Maestro] ${l}: ${message}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
