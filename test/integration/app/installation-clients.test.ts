import { describe, expect, it } from 'vitest';
import type { InstallationClient } from '../../../src/app/github-deps.js';
import { reusedInstallationClients } from '../../../src/app/installation-clients.js';

/** A stand-in for Probot's `auth(id)`: counts the clients it builds, fails while `failing` holds. */
function countingAuth() {
  const built: number[] = [];
  let failing = false;
  const auth = async (installationId: number): Promise<InstallationClient> => {
    built.push(installationId);
    if (failing) throw new Error(`installation ${installationId}: GitHub answered 500`);
    return { installationId } as unknown as InstallationClient;
  };
  return { auth, built, fail: (on: boolean) => (failing = on) };
}

describe('reusedInstallationClients', () => {
  it('builds one client per installation and hands the same one to every job', async () => {
    const { auth, built } = countingAuth();
    const clients = reusedInstallationClients(auth);
    const [a, b, c] = await Promise.all([clients(1), clients(1), clients(2)]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(await clients(1)).toBe(a);
    expect(built).toEqual([1, 2]);
  });

  it('does not keep a failed authentication: the next job asks again', async () => {
    const { auth, built, fail } = countingAuth();
    const clients = reusedInstallationClients(auth);
    fail(true);
    await expect(clients(7)).rejects.toThrow('GitHub answered 500');
    fail(false);
    await expect(clients(7)).resolves.toBeDefined();
    expect(built).toEqual([7, 7]);
  });

  it('keeps only the most recently used installations', async () => {
    const { auth, built } = countingAuth();
    const clients = reusedInstallationClients(auth, 2);
    await clients(1);
    await clients(2);
    await clients(1); // 1 is now the most recent: 2 goes when 3 arrives
    await clients(3);
    await clients(1);
    await clients(2);
    expect(built).toEqual([1, 2, 3, 2]);
  });
});
