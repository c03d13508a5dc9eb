import { describe, expect, it } from 'vitest';
import {
  type BranchCheckpoint,
  resumeFromCheckpoints,
} from '../../../src/core/state/resume-from-checkpoints.js';
import type { RunState, TaskResult } from '../../../src/core/state/run-state.js';

function state(results: Record<string, Partial<TaskResult>>, extra: Partial<RunState> = {}): RunState {
  return {
    session: 'mae-20261207-100000-abcd',
    branch: 'maestro/issue-1-x',
    baseSha: 'base',
    phase: 'implementation',
    iteration: 0,
    results: Object.fromEntries(
      Object.entries(results).map(([id, r]) => [
        id,
        { id, status: 'done', attempts: 1, summary: '', hints: '', blocked: [], ...r },
      ]),
    ),
    steps: [],
    checkpoints: 0,
    recoveries: { retry: 0, 'alternative-approach': 0, 'conflict-rerun': 0, rollback: 0, 'asked-human': 0 },
    usage: [],
    startedAt: '2026-12-07T10:00:00.000Z',
    elapsedMs: 0,
    ...extra,
  };
}

const commit = (task: string, checkpoint: number, sha = `sha-${task}-${checkpoint}`): BranchCheckpoint => ({
  task,
  checkpoint,
  sha,
  subject: `checkpoint ${checkpoint}: ${task}`,
});

describe('resumeFromCheckpoints', () => {
  it('marks tasks done that the branch holds but the saved state does not know (its writes failed)', () => {
    const saved = state(
      { T1: { checkpoint: { n: 1, sha: 'sha-T1-1' }, summary: 'kept summary' } },
      { checkpoints: 1 },
    );
    const point = resumeFromCheckpoints(saved, [commit('T1', 1), commit('T2', 2), commit('T3', 3)]);
    expect(Object.keys(point.state.results).sort()).toEqual(['T1', 'T2', 'T3']);
    expect(point.state.results.T1?.summary).toBe('kept summary');
    expect(point.state.results.T3).toMatchObject({ status: 'done', checkpoint: { n: 3, sha: 'sha-T3-3' } });
    expect(point.found.map((c) => c.task)).toEqual(['T2', 'T3']);
    expect(point.state.checkpoints).toBe(3);
  });

  it('runs again a task the saved state calls done whose checkpoint never reached the branch', () => {
    const saved = state(
      { T1: { checkpoint: { n: 1, sha: 'sha-T1-1' } }, T2: { checkpoint: { n: 2, sha: 'unpushed' } } },
      { checkpoints: 2 },
    );
    const point = resumeFromCheckpoints(saved, [commit('T1', 1)]);
    expect(Object.keys(point.state.results)).toEqual(['T1']);
    expect(point.lost).toEqual(['T2']);
    // Checkpoint numbers keep going up: the next one is not a number the lost commit had.
    expect(point.state.checkpoints).toBe(2);
  });

  it('keeps done tasks that changed nothing (no checkpoint), drops failed and pending ones', () => {
    const saved = state({ T1: {}, T2: { status: 'failed', error: 'x' }, T3: { status: 'pending' } });
    const point = resumeFromCheckpoints(saved, []);
    expect(Object.keys(point.state.results)).toEqual(['T1']);
  });

  it('ignores WIP and rollback checkpoints, and takes a task’s newest checkpoint', () => {
    const point = resumeFromCheckpoints(state({}), [
      commit('T1', 1),
      commit('wip', 2),
      commit('T1', 3),
      commit('rollback', 4),
    ]);
    expect(Object.keys(point.state.results)).toEqual(['T1']);
    expect(point.state.results.T1?.checkpoint).toEqual({ n: 3, sha: 'sha-T1-3' });
    expect(point.state.checkpoints).toBe(4);
  });

  it('clears the stop and validates again before a hand-off', () => {
    const saved = state({}, { phase: 'handoff', stop: { reason: 'error', detail: 'HTTP 401' } });
    const point = resumeFromCheckpoints(saved, []);
    expect(point.state.stop).toBeUndefined();
    expect(point.state.phase).toBe('validation');
    expect(saved.stop).toBeDefined();
  });
});
