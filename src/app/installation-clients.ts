import type { InstallationClient } from './github-deps.js';

/** How many installations keep a client; the least recently used beyond this is dropped. */
export const INSTALLATION_CLIENTS_KEPT = 256;

/**
 * One installation client per installation, made once and reused by every job for it. Probot's
 * `auth(id)` builds a new Octokit each call: a thousand bound REST methods, a throttling Bottleneck
 * and the auth hooks, which under a flood was a large share of the job thread's CPU per job
 * (`--cpu-prof`). Reusing it is safe: the client asks @octokit/auth-app for the installation
 * token on every request (cached, renewed before it expires), and one throttle per installation is
 * what GitHub's limits are (they are per installation, not per job). A failed `auth` is not kept:
 * the next job asks again. Bounded, so an App on many installations keeps only the busy ones.
 */
export function reusedInstallationClients(
  auth: (installationId: number) => Promise<InstallationClient>,
  kept = INSTALLATION_CLIENTS_KEPT,
): (installationId: number) => Promise<InstallationClient> {
  const clients = new Map<number, Promise<InstallationClient>>();
  return (installationId) => {
    const known = clients.get(installationId);
    if (known) {
      // Map order is insertion order: moving the entry to the end makes the first the least recent.
      clients.delete(installationId);
      clients.set(installationId, known);
      return known;
    }
    const made = auth(installationId).catch((error: unknown) => {
      if (clients.get(installationId) === made) clients.delete(installationId);
      throw error;
    });
    clients.set(installationId, made);
    if (clients.size > kept) clients.delete(clients.keys().next().value!);
    return made;
  };
}
