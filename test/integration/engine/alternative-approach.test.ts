import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git } from '../../support/temp-repo.js';
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
} from './run-kit.js';

/**
 * A task whose first attempt fails without being transient (the builtin agent uses its only turn,
 * `executor.max_turns: 1`, without calling finish) is tried again with an alternative approach in
 * a fresh worktree; the second attempt succeeds. One checkpoint, the failed attempt leaves nothing,
 * and the report counts 2 attempts and the recovery.
 */
let fx: RunFixture | undefined;
afterEach(() => {
  fx?.dispose();
  fx = undefined;
});

describe('alternative approach after a failed attempt', () => {
  it('retries a task that hit the turn limit and checkpoints only the successful attempt', async () => {
    fx = runFixture(['executor: { max_turns: 1 }', 'error_recovery: { max_retry_attempts: 2 }', NO_GATES]);
    const replay = fx.replay([
      planEntry(),
      tasksEntry([{ id: 'T1', title: 'Write one', files: ['src/one.ts'] }]),
      // Attempt 1: writes a file but never calls finish → "turn limit reached".
      turn('T1', [
        ['write_file', { path: 'src/one.ts', content: 'first attempt\n' }],
        ['write_file', { path: 'src/stray.ts', content: 'left behind?\n' }],
      ]),
      // Attempt 2: does the work and finishes.
      turn('T1', [['write_file', { path: 'src/one.ts', content: 'export const one = 1;\n' }], finish('one')]),
      checkEntry(),
    ]);

    const run = await fx.maestro(['run', 'Write one file', '-y', '--replay', replay]);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(
      'T1: turn limit reached: 1 turns without finish; trying an alternative approach (2/3)',
    );
    expect(run.stdout).toContain('Checkpoint 1: T1 Write one');
    expect(run.stdout).not.toContain('T1 failed after');

    // One checkpoint, holding only the second attempt's work.
    const commits = checkpointCommits(fx.root);
    expect(commits.map((c) => [c.task, c.checkpoint])).toEqual([['T1', '1']]);
    expect(git(fx.root, 'show', '--name-only', '--format=', commits[0]!.sha)).toBe('src/one.ts');
    expect(readFileSync(join(fx.root, 'src', 'one.ts'), 'utf8')).toBe('export const one = 1;\n');
    expect(existsSync(join(fx.root, 'src', 'stray.ts'))).toBe(false);
    expect(git(fx.root, 'status', '--porcelain')).toBe('');
    expect(git(fx.root, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);

    const [id] = sessionIds(fx.root) as [string];
    const report = readFileSync(sessionFile(fx.root, id, 'final-report.md'), 'utf8');
    expect(report).toContain('**Outcome:** ✅ Completed');
    expect(report).toMatch(/\| `T1` \| Write one \| `backend` \| [^|]+ \| 2 \|/);
    expect(report).toContain('- retried with an alternative approach: 1×');
    const state = readJson<{
      recoveries: Record<string, number>;
      results: Record<string, { status: string; attempts: number }>;
    }>(sessionFile(fx.root, id, 'run-state.json'));
    expect(state.recoveries).toMatchObject({ 'alternative-approach': 1, retry: 0, 'conflict-rerun': 0 });
    expect(state.results.T1).toMatchObject({ status: 'done', attempts: 2 });
    expect(readJson(sessionFile(fx.root, id, 'metadata.json'))).toMatchObject({
      status: 'completed',
      statistics: { tasks_completed: 1, checkpoints_created: 1, errors_recovered: 1 },
    });
  });

  it('gives up after 1 + max_retry_attempts failed attempts and reports the task as failed', async () => {
    fx = runFixture(['executor: { max_turns: 1 }', 'error_recovery: { max_retry_attempts: 1 }', NO_GATES]);
    const noFinish = () => turn('T1', [['write_file', { path: 'src/one.ts', content: 'never finished\n' }]]);
    const replay = fx.replay([
      planEntry(),
      tasksEntry([{ id: 'T1', title: 'Write one', files: ['src/one.ts'] }]),
      noFinish(),
      noFinish(),
      checkEntry(),
    ]);

    const run = await fx.maestro(['run', 'Write one file', '-y', '--replay', replay]);

    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('trying an alternative approach (2/2)');
    expect(run.stdout).toContain('T1 failed after 2 attempt(s): turn limit reached: 1 turns without finish');
    expect(checkpointCommits(fx.root)).toEqual([]);
    expect(existsSync(join(fx.root, 'src', 'one.ts'))).toBe(false);
    const [id] = sessionIds(fx.root) as [string];
    const report = readFileSync(sessionFile(fx.root, id, 'final-report.md'), 'utf8');
    expect(report).toContain('**Outcome:** ⚠️ Completed with failures');
    expect(report).toContain('- retried with an alternative approach: 1×');
    expect(report).toMatch(/Task `T1` failed after 2 attempt\(s\)/);
  });
});
