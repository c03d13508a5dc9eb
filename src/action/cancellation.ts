import { MaestroError } from '../core/errors.js';
import type { Logger } from '../ports/logger-port.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * The runner's cancellation as an AbortSignal. When a run is cancelled the runner sends SIGINT,
 * then SIGTERM about 7.5 s later, then kills the process; the engine checkpoints and pushes its
 * work in progress when the signal aborts. Handlers are installed only around an execution and
 * removed afterwards, so planning keeps Node's default (exit at once) and tests leave no listeners.
 */
export function runnerCancellation(logger: Logger): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handlers = SIGNALS.map((signal) => {
    const handler = () => {
      if (controller.signal.aborted) return;
      logger.warn(`${signal} received: the run checkpoints its work and stops.`);
      controller.abort(
        new MaestroError(`the workflow run was cancelled (${signal})`, { code: 'run.cancelled' }),
      );
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    },
  };
}
