import { afterEach, describe, expect, it, vi } from 'vitest';
import { git } from '../../support/temp-repo.js';
import {
  checkEntry,
  finish,
  NO_GATES,
  planEntry,
  type RunFixture,
  runFixture,
  sessionIds,
  tasksEntry,
  turn,
} from '../engine/run-kit.js';

/** `maestro sessions`: every session of the repository, newest first, with status and branch. */
let fx: RunFixture | undefined;
afterEach(() => {
  vi.useRealTimers();
  fx?.dispose();
  fx = undefined;
});

function table(stdout: string): string[][] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => line.split(/ {2,}/));
}

describe('maestro sessions', () => {
  it('says how to start when the repository has no session yet', async () => {
    fx = runFixture([NO_GATES]);
    const run = await fx.maestro(['sessions']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      'No sessions yet. Start one with `maestro run "<request>"` or try `maestro demo`.\n',
    );
  });

  it('lists the sessions newest first with status, chain, tasks and branch', async () => {
    fx = runFixture(['orchestrator: { max_parallel: 1 }', NO_GATES]);
    // Session ids carry the start time to the second; Date is faked so the two runs are minutes apart.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-20T10:00:00Z') });
    const planned = await fx.maestro([
      'run',
      'Plan only, no execution',
      '-y',
      '--dry-run',
      '--replay',
      fx.replay([planEntry()]),
    ]);
    expect(planned.code, planned.stderr).toBe(0);

    vi.setSystemTime(new Date('2026-11-20T10:05:00Z'));
    const replay = fx.replay([
      planEntry(),
      tasksEntry([{ id: 'T1', title: 'Write one', files: ['src/one.ts'] }]),
      turn('T1', [['write_file', { path: 'src/one.ts', content: 'export const one = 1;\n' }], finish('one')]),
      checkEntry(),
    ]);
    const executed = await fx.maestro(['run', 'Write one file', '-y', '--replay', replay]);
    expect(executed.code, executed.stdout + executed.stderr).toBe(0);
    const branch = git(fx.root, 'branch', '--show-current');
    const [newest, oldest] = sessionIds(fx.root) as [string, string];
    expect(newest).toMatch(/^mae-20261120-100500-/);
    expect(oldest).toMatch(/^mae-20261120-100000-/);

    const run = await fx.maestro(['sessions']);

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(table(run.stdout)).toEqual([
      ['SESSION', 'STATUS', 'CHAIN', 'TASKS', 'BRANCH', 'REQUEST'],
      [newest, 'completed', 'feature', '1/1', branch, 'Write one file'],
      [oldest, 'dry-run', 'feature', '—', 'main', 'Plan only, no execution'],
    ]);
  });

  it('reads the repository given with --repo from anywhere', async () => {
    fx = runFixture([NO_GATES]);
    await fx.maestro(['run', 'Plan only', '-y', '--dry-run', '--replay', fx.replay([planEntry()])]);
    const [id] = sessionIds(fx.root) as [string];
    const elsewhere = runFixture([NO_GATES]);
    try {
      const run = await elsewhere.maestro(['sessions', '--repo', fx.root]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(id);
      expect(run.stdout).toContain('dry-run');
    } finally {
      elsewhere.dispose();
    }
  });
});
