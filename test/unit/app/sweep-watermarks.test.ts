import { describe, expect, it } from 'vitest';
import { SweepWatermarks } from '../../../src/app/reconcile-schedule.js';
import type { GitHubDeps } from '../../../src/engine/github/github-deps.js';
import type { SweepWindow } from '../../../src/engine/github/reconcile.js';
import { silentLogger } from '../../../src/ports/logger-port.js';

const repo = { owner: 'Octo', repo: 'Alpha' };
function deps(now: string): GitHubDeps {
  return { clock: { now: () => new Date(now) }, logger: silentLogger } as unknown as GitHubDeps;
}

describe('SweepWatermarks', () => {
  it('starts without a watermark, then asks from where the last sweep said to go on, per repository', async () => {
    const windows: SweepWindow[] = [];
    const marks = new SweepWatermarks();
    const find = async (_: GitHubDeps, window: SweepWindow) => {
      windows.push(window);
      return { missed: [], next: `next-after-${windows.length}`, complete: windows.length !== 2 };
    };
    await marks.missed(repo, deps('2026-12-07T10:00:00Z'), find);
    await marks.missed(repo, deps('2026-12-07T10:15:00Z'), find);
    await marks.missed({ owner: 'octo', repo: 'alpha' }, deps('2026-12-07T10:30:00Z'), find);
    await marks.missed({ owner: 'octo', repo: 'beta' }, deps('2026-12-07T10:30:00Z'), find);
    expect(windows).toEqual([{}, { since: 'next-after-1' }, { since: 'next-after-2' }, {}]);
  });

  it('takes a plain list from a custom finder as a complete sweep started now', async () => {
    const windows: SweepWindow[] = [];
    const marks = new SweepWatermarks();
    const find = async (_: GitHubDeps, window: SweepWindow) => {
      windows.push(window);
      return [];
    };
    await marks.missed(repo, deps('2026-12-07T10:00:00Z'), find);
    await marks.missed(repo, deps('2026-12-07T10:15:00Z'), find);
    expect(windows).toEqual([{}, { since: '2026-12-07T10:00:00.000Z' }]);
  });

  it('keeps the watermark when a sweep fails (a rate limit the client gave up on): the next one retries from it', async () => {
    const windows: SweepWindow[] = [];
    const marks = new SweepWatermarks();
    let fail = false;
    const find = async (_: GitHubDeps, window: SweepWindow) => {
      windows.push(window);
      if (fail) throw new Error('HTTP 403: API rate limit exceeded for search');
      return { missed: [], next: `next-${windows.length}`, complete: true };
    };
    await marks.missed(repo, deps('2026-12-07T10:00:00Z'), find);
    fail = true;
    await expect(marks.missed(repo, deps('2026-12-07T10:15:00Z'), find)).rejects.toThrow(/rate limit/);
    fail = false;
    await marks.missed(repo, deps('2026-12-07T10:30:00Z'), find);
    expect(windows).toEqual([{}, { since: 'next-1' }, { since: 'next-1' }]);
  });
});
