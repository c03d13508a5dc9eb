import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { git } from '../../support/temp-repo.js';
import {
  checkEntry,
  checkpointCommits,
  finish,
  NO_GATES,
  planEntry,
  type RunFixture,
  runFixture,
  sessionIds,
  tasksEntry,
  turn,
} from '../engine/run-kit.js';

/**
 * `maestro rollback SESSION N` restores checkpoint N's tree as a NEW commit on the run branch:
 * history is kept, the commit carries `Maestro-Task: rollback`, and bad input says what is allowed.
 */
let fx: RunFixture;
let session: string;
let before: ReturnType<typeof checkpointCommits>;

beforeEach(async () => {
  fx = runFixture(['orchestrator: { max_parallel: 1 }', NO_GATES]);
  const replay = fx.replay([
    planEntry(),
    tasksEntry([
      { id: 'T1', title: 'Write one', files: ['src/one.ts'] },
      { id: 'T2', title: 'Write two', files: ['src/two.ts'], dependsOn: ['T1'] },
    ]),
    turn('T1', [['write_file', { path: 'src/one.ts', content: 'export const one = 1;\n' }], finish('one')]),
    turn('T2', [
      ['write_file', { path: 'src/two.ts', content: 'export const two = 2;\n' }],
      ['edit_file', { path: 'src/colour.ts', old_string: '"blue"', new_string: '"teal"' }],
      finish('two'),
    ]),
    checkEntry(),
  ]);
  const run = await fx.maestro(['run', 'Write two files', '-y', '--replay', replay]);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  [session] = sessionIds(fx.root) as [string];
  before = checkpointCommits(fx.root);
  expect(before.map((c) => [c.task, c.checkpoint])).toEqual([
    ['T1', '1'],
    ['T2', '2'],
  ]);
});
afterEach(() => fx.dispose());

describe('maestro rollback', () => {
  it('restores checkpoint 1 as a new commit, keeping every earlier commit', async () => {
    const head = git(fx.root, 'rev-parse', 'HEAD');
    const branch = git(fx.root, 'branch', '--show-current');

    const run = await fx.maestro(['rollback', session, '1']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const after = checkpointCommits(fx.root);
    expect(after).toHaveLength(3);
    // History is kept byte for byte; the new commit sits on top of the old head.
    expect(after.slice(0, 2)).toEqual(before);
    const restored = after[2]!;
    expect(git(fx.root, 'rev-parse', 'HEAD^')).toBe(head);
    expect(git(fx.root, 'branch', '--show-current')).toBe(branch);
    expect(git(fx.root, 'rev-parse', 'HEAD^{tree}')).toBe(
      git(fx.root, 'rev-parse', `${before[0]!.sha}^{tree}`),
    );
    expect(restored).toMatchObject({
      task: 'rollback',
      checkpoint: '3',
      subject: 'revert: restore checkpoint 1',
    });
    expect(git(fx.root, 'log', '-1', '--format=%(trailers:key=Maestro-Session,valueonly)')).toBe(session);
    expect(run.stdout).toContain(
      `[Maestro] ✓ Restored checkpoint 1 (${before[0]!.sha.slice(0, 7)}) as checkpoint 3 (${restored.sha.slice(0, 7)}) on ${branch}`,
    );
    // The working tree follows: T2's file is gone, T2's edit undone, T1's file kept, nothing dirty.
    expect(existsSync(join(fx.root, 'src', 'two.ts'))).toBe(false);
    expect(readFileSync(join(fx.root, 'src', 'colour.ts'), 'utf8')).toBe('export const colour = "blue";\n');
    expect(existsSync(join(fx.root, 'src', 'one.ts'))).toBe(true);
    expect(git(fx.root, 'status', '--porcelain')).toBe('');
  });

  it('restores the base commit with N = 0 and, without N, the checkpoint before the last', async () => {
    const base = git(fx.root, 'rev-parse', 'main^{tree}');
    expect((await fx.maestro(['rollback', session, '0'])).code).toBe(0);
    expect(git(fx.root, 'rev-parse', 'HEAD^{tree}')).toBe(base);

    // Checkpoints are now 1, 2 and 3 (the rollback); "the one before the last" is 2.
    const run = await fx.maestro(['rollback', session]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Restored checkpoint 2');
    expect(git(fx.root, 'rev-parse', 'HEAD^{tree}')).toBe(before[1]!.tree);
    expect(checkpointCommits(fx.root).map((c) => [c.task, c.checkpoint])).toEqual([
      ['T1', '1'],
      ['T2', '2'],
      ['rollback', '3'],
      ['rollback', '4'],
    ]);
  });

  it.each([
    ['99'],
    ['x'],
    ['-1'],
    ['1.5'],
  ])('refuses checkpoint %s and names the allowed range', async (n) => {
    const head = git(fx.root, 'rev-parse', 'HEAD');
    const run = await fx.maestro(['rollback', session, n]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`give a checkpoint number from 0 (the base commit) to 2; got "${n}"`);
    expect(git(fx.root, 'rev-parse', 'HEAD')).toBe(head);
  });

  it.each([
    ['an unknown session id', 'mae-20000101-000000-abcd', 'Session mae-20000101-000000-abcd was not found'],
    ['something that is not a session id', 'nope', '"nope" is not a session id'],
  ])('refuses %s and points at `maestro sessions`', async (_what, id, message) => {
    const head = git(fx.root, 'rev-parse', 'HEAD');
    const run = await fx.maestro(['rollback', id, '1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('maestro sessions');
    expect(git(fx.root, 'rev-parse', 'HEAD')).toBe(head);
  });
});
