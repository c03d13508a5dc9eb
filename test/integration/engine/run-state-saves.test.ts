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
} from './run-kit.js';

/**
 * What the run's saves leave in the session after parallel tasks (saves are coalesced, and git is
 * read again only when the run branch moved): the time the session ran, the files changed and every
 * checkpoint, as the last state of the run.
 */
let fx: RunFixture | undefined;
afterEach(() => {
  vi.useRealTimers();
  fx?.dispose();
  fx = undefined;
});

const files = ['src/one.ts', 'src/two.ts', 'src/three.ts'];
const tasks = files.map((file, i) => ({ id: `T${i + 1}`, files: [file] }));

describe('run-state.json after a parallel run', () => {
  it('records the elapsed time, the files changed and every checkpoint', async () => {
    fx = runFixture(['orchestrator: { max_parallel: 3 }', NO_GATES]);
    const replay = fx.replay([
      planEntry(),
      tasksEntry(tasks),
      ...tasks.map((t, i) =>
        turn(t.id, [['write_file', { path: t.files[0], content: `export const n = ${i};\n` }], finish(t.id)]),
      ),
      checkEntry(),
    ]);
    // Only Date is faked: when the first checkpoint is printed, three minutes pass.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-07T10:00:00Z') });
    let jumped = false;

    const run = await fx.maestro(['run', 'Write three files', '-y', '--replay', replay], {
      onStdout: (text) => {
        if (!jumped && text.includes('Checkpoint 1:')) {
          jumped = true;
          vi.setSystemTime(new Date('2026-12-07T10:03:00Z'));
        }
      },
    });

    expect(run.code, run.stdout + run.stderr).toBe(0);
    const [id] = sessionIds(fx.root);
    const state = readJson<{ elapsedMs: number; filesChanged: number; checkpoints: number }>(
      sessionFile(fx.root, id!, 'run-state.json'),
    );
    expect(state.elapsedMs).toBeGreaterThanOrEqual(180_000);
    expect(state.filesChanged).toBe(3);
    expect(state.checkpoints).toBe(3);
    const commits = checkpointCommits(fx.root);
    const saved = readJson<{ sha: string }[]>(sessionFile(fx.root, id!, 'checkpoints.json'));
    expect(saved.map((c) => c.sha)).toEqual(commits.map((c) => c.sha));
    expect(commits.map((c) => c.task).sort()).toEqual(['T1', 'T2', 'T3']);
  });
});
