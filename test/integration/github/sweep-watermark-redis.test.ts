import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SweepWatermarks, type WatermarkStore } from '../../../src/app/reconcile-schedule.js';
import type { GitHubDeps } from '../../../src/engine/github/github-deps.js';
import type { SweepWindow } from '../../../src/engine/github/reconcile.js';
import { type Logger, silentLogger } from '../../../src/ports/logger-port.js';
import { startTestRedis, type TestRedis } from '../../support/redis-server.js';

/*
 * With REDIS_URL, each repository's last sweep time lives in Redis: another replica, or the App
 * after a restart, goes on from it instead of looking a week back. A real redis-server.
 */

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis.close();
});

function deps(now: string, logger: Logger = silentLogger): GitHubDeps {
  return { clock: { now: () => new Date(now) }, logger } as unknown as GitHubDeps;
}

describe('the sweep watermark in Redis', () => {
  it('is shared by a second process: its first sweep starts where the first process stopped', async () => {
    const repo = { owner: 'octo', repo: `alpha-${redis.prefix().slice(3, 11)}` };
    const windows: SweepWindow[] = [];
    const find = async (_: GitHubDeps, window: SweepWindow) => {
      windows.push(window);
      return { missed: [], next: `2026-12-07T10:0${windows.length}:00.000Z`, complete: true };
    };
    await new SweepWatermarks(redis.client()).missed(repo, deps('2026-12-07T10:00:00Z'), find);
    // "Another replica", or the same App after a restart: a new instance, a new connection.
    await new SweepWatermarks(redis.client()).missed(repo, deps('2026-12-07T10:15:00Z'), find);
    expect(windows).toEqual([{}, { since: '2026-12-07T10:01:00.000Z' }]);
    expect(await redis.client().get(`maestro:sweep-watermark:${repo.owner}/${repo.repo}`)).toBe(
      '2026-12-07T10:02:00.000Z',
    );
  });

  it('falls back to memory, with a warning, when the store fails', async () => {
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (m) => void warnings.push(m) };
    const broken: WatermarkStore = {
      get: async () => {
        throw new Error('ECONNREFUSED');
      },
      set: async () => {
        throw new Error('ECONNREFUSED');
      },
    };
    const windows: SweepWindow[] = [];
    const find = async (_: GitHubDeps, window: SweepWindow) => {
      windows.push(window);
      return { missed: [], next: 'n1', complete: true };
    };
    const marks = new SweepWatermarks(broken);
    await marks.missed({ owner: 'o', repo: 'r' }, deps('2026-12-07T10:00:00Z', logger), find);
    await marks.missed({ owner: 'o', repo: 'r' }, deps('2026-12-07T10:15:00Z', logger), find);
    expect(windows).toEqual([{}, { since: 'n1' }]);
    expect(warnings.some((w) => w.includes('could not read the last sweep'))).toBe(true);
  });
});
