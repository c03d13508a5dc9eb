import type { SessionStatus } from '../../core/state/session-metadata.js';
import type { Clock } from '../../ports/clock-port.js';
import type { SessionStore } from '../../ports/session-store-port.js';

/** Statuses of a session whose process has ended; nothing overwrites them. */
export const ENDED_STATUSES: ReadonlySet<SessionStatus> = new Set([
  'completed',
  'failed',
  'cancelled',
  'dry-run',
  'declined',
]);

/**
 * Ctrl-C (or SIGTERM) while planning or at a prompt: the session is marked `cancelled` (so
 * `maestro sessions` does not show it "planning" forever), then the signal is raised again with
 * its default action, so the process ends as a shell expects (exit 130 for Ctrl-C). Execution
 * installs its own handlers (it keeps work in progress), so these are removed before it starts.
 * Returns the function that removes them.
 */
export function cancelSessionOnSignal(store: SessionStore, id: string, clock: Clock): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    void store
      .readMetadata(id)
      .then(async (m) => {
        if (m && !ENDED_STATUSES.has(m.status))
          await store.writeMetadata({ ...m, status: 'cancelled', updated_time: clock.now().toISOString() });
      })
      .catch(() => undefined)
      .finally(() => process.kill(process.pid, signal));
  };
  const remove = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return remove;
}
