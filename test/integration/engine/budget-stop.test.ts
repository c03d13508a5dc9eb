import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkEntry,
  checkpointCommits,
  finish,
  NO_GATES,
  planEntry,
  type RunFixture,
  readJson,
  runFixture,
  sessionFile,
  sessionIds,
  tasksEntry,
  turn,
  usage,
} from './run-kit.js';

/**
 * The run's caps (budget.max_tokens, budget.max_wall_minutes) are checked before every dispatch:
 * near a cap the run stops dispatching, keeps its checkpoints, still writes the final report with
 * the reason, and exits 1 with `Run stopped (<reason>)`.
 */
let fx: RunFixture | undefined;
afterEach(() => {
  vi.useRealTimers();
  fx?.dispose();
  fx = undefined;
});

const twoTasks = [
  { id: 'T1', title: 'Write one', files: ['src/one.ts'] },
  { id: 'T2', title: 'Write two', files: ['src/two.ts'], dependsOn: ['T1'] },
];

function implementBoth(t1Usage = usage()) {
  return [
    turn(
      'T1',
      [['write_file', { path: 'src/one.ts', content: 'export const one = 1;\n' }], finish('one')],
      t1Usage,
    ),
    turn('T2', [['write_file', { path: 'src/two.ts', content: 'export const two = 2;\n' }], finish('two')]),
  ];
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe('budget stop', () => {
  it('stops dispatching after the task that crossed budget.max_tokens; later tasks get no checkpoint', async () => {
    fx = runFixture(['orchestrator: { max_parallel: 1 }', 'budget: { max_tokens: 10000 }', NO_GATES]);
    // plan 110 + generate-tasks 110 + implement:T1 9000 = 9220 tokens ≥ 90 % of 10,000.
    const replay = fx.replay([
      planEntry(),
      tasksEntry(twoTasks),
      ...implementBoth(usage(8000, 1000)),
      checkEntry(),
    ]);

    const run = await fx.maestro(['run', 'Write two files', '-y', '--replay', replay]);

    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('Checkpoint 1: T1 Write one');
    expect(run.stdout).toContain('Run stopped (budget): used 9220 of 10000 tokens (budget.max_tokens)');
    expect(run.stdout).not.toContain('Task T2:');
    expect(run.stdout).not.toContain('Phase 4: Validation');

    // Commits: T1's checkpoint only.
    const commits = checkpointCommits(fx.root);
    expect(commits.map((c) => [c.task, c.checkpoint])).toEqual([['T1', '1']]);
    expect(existsSync(`${fx.root}/src/one.ts`)).toBe(true);
    expect(existsSync(`${fx.root}/src/two.ts`)).toBe(false);

    // The session: final report with the reason, state and metadata agree.
    const id = only(sessionIds(fx.root));
    const report = readFileSync(sessionFile(fx.root, id, 'final-report.md'), 'utf8');
    expect(report).toContain(
      '⏹️ Stopped: the budget cap was reached (used 9220 of 10000 tokens (budget.max_tokens))',
    );
    expect(report).toContain(`maestro resume ${id}`);
    expect(report).toContain('**Tasks completed:** 1/2 (1 not run)');
    expect(report).toContain('**Checkpoints:** 1');
    const state = readJson<{
      stop?: { reason: string };
      results: Record<string, { status: string; checkpoint?: { n: number } }>;
      checkpoints: number;
    }>(sessionFile(fx.root, id, 'run-state.json'));
    expect(state.stop?.reason).toBe('budget');
    expect(state.checkpoints).toBe(1);
    expect(state.results.T1).toMatchObject({ status: 'done', checkpoint: { n: 1 } });
    expect(state.results.T2).toBeUndefined();
    const saved = readJson<{ task: string }[]>(sessionFile(fx.root, id, 'checkpoints.json'));
    expect(saved.map((c) => c.task)).toEqual(['T1']);
    expect(readJson(sessionFile(fx.root, id, 'metadata.json'))).toMatchObject({
      status: 'failed',
      statistics: { tasks_completed: 1, tasks_remaining: 1, checkpoints_created: 1 },
    });
  });

  it('stops before the first task when planning and task generation already used the token cap', async () => {
    fx = runFixture(['orchestrator: { max_parallel: 1 }', 'budget: { max_tokens: 500 }', NO_GATES]);
    const replay = fx.replay([
      planEntry(usage(300, 20)),
      tasksEntry(twoTasks, usage(300, 20)),
      ...implementBoth(),
      checkEntry(),
    ]);

    const run = await fx.maestro(['run', 'Write two files', '-y', '--replay', replay]);

    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('Run stopped (budget): used 640 of 500 tokens (budget.max_tokens)');
    expect(run.stdout).not.toMatch(/Task T\d:/);
    expect(checkpointCommits(fx.root)).toEqual([]);
    const id = only(sessionIds(fx.root));
    const report = readFileSync(sessionFile(fx.root, id, 'final-report.md'), 'utf8');
    expect(report).toContain('⏹️ Stopped: the budget cap was reached');
    expect(report).toContain('_No checkpoint commits were made._');
    expect(report).toContain('**Tasks completed:** 0/2 (2 not run)');
  });

  it('stops at budget.max_wall_minutes, measured on the clock, after the running task checkpoints', async () => {
    fx = runFixture(['orchestrator: { max_parallel: 1 }', 'budget: { max_wall_minutes: 1 }', NO_GATES]);
    const replay = fx.replay([planEntry(), tasksEntry(twoTasks), ...implementBoth(), checkEntry()]);
    // Only Date is faked (timers, git and the file system stay real). The moment T1's checkpoint
    // is printed, the clock jumps five minutes: the check before the next dispatch sees it.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-20T10:00:00Z') });
    let jumped = false;

    const run = await fx.maestro(['run', 'Write two files', '-y', '--replay', replay], {
      onStdout: (text) => {
        if (!jumped && text.includes('Checkpoint 1:')) {
          jumped = true;
          vi.setSystemTime(new Date('2026-11-20T10:05:00Z'));
        }
      },
    });

    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('Run stopped (wall-clock): ran 5.0 of 1 minutes (budget.max_wall_minutes)');
    expect(run.stdout).not.toContain('Task T2:');
    expect(checkpointCommits(fx.root).map((c) => c.task)).toEqual(['T1']);
    const id = only(sessionIds(fx.root));
    const report = readFileSync(sessionFile(fx.root, id, 'final-report.md'), 'utf8');
    expect(report).toContain('⏹️ Stopped: the wall-clock limit was reached (ran 5.0 of 1 minutes');
    expect(report).toContain('**Duration:** 5 minutes');
    expect(readJson(sessionFile(fx.root, id, 'run-state.json'))).toMatchObject({
      stop: { reason: 'wall-clock' },
      checkpoints: 1,
    });
  });
});

describe('resume after a stop', () => {
  it('counts only the time the session ran: resuming hours later does not stop on the wall clock', async () => {
    fx = runFixture([
      'orchestrator: { max_parallel: 1 }',
      'budget: { max_tokens: 10000, max_wall_minutes: 60 }',
      NO_GATES,
    ]);
    const replay = fx.replay([
      planEntry(),
      tasksEntry(twoTasks),
      ...implementBoth(usage(8000, 1000)),
      checkEntry(),
    ]);
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-20T10:00:00Z') });
    const first = await fx.maestro(['run', 'Write two files', '-y', '--replay', replay]);
    expect(first.stdout).toContain('Run stopped (budget)');

    // Two hours later, with a larger token budget (given outside the repository, which must stay clean).
    vi.setSystemTime(new Date('2026-11-20T12:00:00Z'));
    const config = join(fx.tmp, 'maestro.yml');
    writeFileSync(
      config,
      `orchestrator: { max_parallel: 1 }\nbudget: { max_tokens: 100000, max_wall_minutes: 60 }\n${NO_GATES}\n`,
    );
    const id = only(sessionIds(fx.root));
    const resumed = await fx.maestro(['resume', id, '--config', config, '--replay', replay]);

    expect(resumed.stdout).not.toContain('wall-clock');
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(checkpointCommits(fx.root).map((c) => c.task)).toEqual(['T1', 'T2']);
  });
});
