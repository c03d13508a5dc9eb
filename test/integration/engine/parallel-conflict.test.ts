import { readFileSync } from 'node:fs';
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
 * Two independent tasks run at the same time (max_parallel 2) and both change the same line of
 * src/colour.ts from the same base. Whichever integrates first wins; the other conflicts and is
 * re-run once on the new head.
 *
 * Which of the two finishes first is up to the scheduler and git, so the recording is symmetric:
 * each task has a re-run turn whose edit applies to the OTHER task's content ("red" → "green" for
 * T2, "green" → "red" for T1). Whichever task conflicts, its re-run edits what is now on the branch;
 * the unused re-run entry of the winner is simply never asked for. The assertions read which task
 * conflicted from the output and check everything else exactly.
 */
let fx: RunFixture | undefined;
afterEach(() => {
  fx?.dispose();
  fx = undefined;
});

const colours = { T1: 'red', T2: 'green' } as const;
const other = { T1: 'T2', T2: 'T1' } as const;

function editColour(from: string, to: string): [string, unknown] {
  return ['edit_file', { path: 'src/colour.ts', old_string: `"${from}"`, new_string: `"${to}"` }];
}

describe('parallel tasks that conflict on integration', () => {
  it('integrates one, re-runs the other on the new head, and checkpoints each exactly once', async () => {
    fx = runFixture(['orchestrator: { parallel_execution: true, max_parallel: 2 }', NO_GATES]);
    const replay = fx.replay([
      planEntry(),
      tasksEntry([
        { id: 'T1', title: 'Make it red', files: ['src/colour.ts'] },
        { id: 'T2', title: 'Make it green', files: ['src/colour.ts'] },
      ]),
      // First attempts: both from "blue".
      turn('T1', [editColour('blue', 'red'), finish('red')]),
      turn('T2', [editColour('blue', 'green'), finish('green')]),
      // Re-runs on the new head, which holds the other task's colour.
      turn('T1', [editColour('green', 'red'), finish('red on top of green')]),
      turn('T2', [editColour('red', 'green'), finish('green on top of red')]),
      checkEntry(),
    ]);

    const run = await fx.maestro(['run', 'Recolour', '-y', '--replay', replay]);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    // Both were dispatched before either finished: they really ran side by side.
    const started = run.stdout.indexOf('Task T2: backend implementing');
    expect(run.stdout.indexOf('Task T1: backend implementing')).toBeGreaterThanOrEqual(0);
    expect(started).toBeGreaterThanOrEqual(0);
    expect(started).toBeLessThan(run.stdout.indexOf('Checkpoint 1:'));

    const reruns = [
      ...run.stdout.matchAll(
        /(T[12]): conflicts with work integrated meanwhile \(([^)]*)\); re-running on the new head/g,
      ),
    ];
    expect(reruns).toHaveLength(1);
    const [, loser, files] = reruns[0]! as unknown as [string, 'T1' | 'T2', string];
    const winner = other[loser];
    expect(files).toBe('src/colour.ts');
    expect(run.stdout).not.toContain('(alone)');

    // One checkpoint per task: the winner's first, the re-run loser's second.
    const commits = checkpointCommits(fx.root);
    expect(commits.map((c) => [c.task, c.checkpoint])).toEqual([
      [winner, '1'],
      [loser, '2'],
    ]);
    expect(run.stdout).toContain(`Checkpoint 1: ${winner}`);
    expect(run.stdout).toContain(`Checkpoint 2: ${loser}`);
    // The loser's re-run edited the winner's content, so its colour is the last word.
    expect(readFileSync(join(fx.root, 'src', 'colour.ts'), 'utf8')).toBe(
      `export const colour = "${colours[loser]}";\n`,
    );
    expect(git(fx.root, 'show', `${commits[0]!.sha}:src/colour.ts`)).toBe(
      `export const colour = "${colours[winner]}";`,
    );
    expect(git(fx.root, 'status', '--porcelain')).toBe('');
    expect(git(fx.root, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);

    const [id] = sessionIds(fx.root) as [string];
    const state = readJson<{
      recoveries: Record<string, number>;
      results: Record<string, { status: string; attempts: number; checkpoint?: { n: number } }>;
    }>(sessionFile(fx.root, id, 'run-state.json'));
    expect(state.recoveries['conflict-rerun']).toBe(1);
    // A conflict is not the task's failure: the loser still counts one attempt.
    expect(state.results[winner]).toMatchObject({ status: 'done', attempts: 1, checkpoint: { n: 1 } });
    expect(state.results[loser]).toMatchObject({ status: 'done', attempts: 1, checkpoint: { n: 2 } });
    expect(readJson(sessionFile(fx.root, id, 'metadata.json'))).toMatchObject({ status: 'completed' });
  });
});
