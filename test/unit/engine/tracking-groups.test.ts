import { describe, expect, it } from 'vitest';
import { renderTrackingComment } from '../../../src/core/report/render-tracking.js';
import { runStateSchema } from '../../../src/core/state/run-state.js';
import { groupLabel, taskLevels } from '../../../src/core/tasks/task-levels.js';
import { buildTaskGraph } from '../../../src/core/tasks/validate-task-graph.js';
import { trackingTasks } from '../../../src/engine/github/run-view.js';

const task = (id: string, dependsOn: string[] = []) => ({
  id,
  title: `Task ${id}`,
  category: 'backend',
  description: 'd',
  dependsOn,
  acceptance: ['a'],
});

// The tracking comment numbers groups as the plan does: the plan's `[P:Group-1]` is "Group 1".
describe('task groups in the tracking comment', () => {
  const state = runStateSchema.parse({
    session: 's1',
    branch: 'maestro/issue-1-x',
    baseSha: 'a'.repeat(40),
    phase: 'implementation',
    tasks: { epics: [{ id: 'E1', title: 'E', tasks: [task('T1'), task('T2'), task('T3', ['T1', 'T2'])] }] },
    startedAt: '2026-01-01T00:00:00Z',
  });

  it('match the plan’s [P:Group-k] labels, starting at 1', () => {
    const tasks = trackingTasks(state);
    const levels = taskLevels(buildTaskGraph(state.tasks!));
    expect(groupLabel(0)).toBe('[P:Group-1]');
    expect(levels[0]).toEqual(['T1', 'T2']);
    expect(tasks.map((t) => [t.id, t.group])).toEqual([
      ['T1', 1],
      ['T2', 1],
      ['T3', 2],
    ]);
  });

  it('say Group 1 and Group 2, never Group 0, and name the issue as an issue', () => {
    const text = renderTrackingComment({
      issue: 42,
      status: 'running',
      phasesDone: [1, 2],
      phase: { number: 3, title: 'Implementation' },
      iteration: 0,
      maxIterations: 3,
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      tasks: trackingTasks(state),
      lastLines: [],
      startedAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:01:00Z',
    });
    expect(text).toContain('**Group 1**');
    expect(text).toContain('**Group 2**');
    expect(text).not.toContain('Group 0');
    expect(text.split('\n')[0]).toBe('## 🔄 Maestro: running · issue #42');
  });
});
