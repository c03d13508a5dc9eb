import type { Progress } from '../../ports/progress-port.js';

/**
 * The seed's console format: `[Maestro] Phase N: …`, `[Maestro]   → …`, `[Maestro] ✓ …`.
 * Every line also goes to `onLine` (the session's execution log) with a timestamp.
 */
export function consoleProgress(write: (text: string) => void, onLine?: (line: string) => void): Progress {
  const emit = (line: string) => {
    write(`${line}\n`);
    onLine?.(line);
  };
  return {
    phase: (n, title) => emit(`[Maestro] Phase ${n}: ${title}`),
    step: (text) => emit(`[Maestro]   → ${text}`),
    done: (text) => emit(`[Maestro] ✓ ${text}`),
    warn: (text) => emit(`[Maestro] ⚠ ${text}`),
  };
}
