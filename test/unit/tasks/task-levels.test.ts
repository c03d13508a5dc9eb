import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupLabel, taskLevelMap, taskLevels } from '../../../src/core/tasks/task-levels.js';
import { buildTaskGraph } from '../../../src/core/tasks/validate-task-graph.js';
import { planOf, randomDag, task } from './task-plan-builders.js';

describe('taskLevels', () => {
  it('puts each task at the length of its longest dependency chain', () => {
    const graph = buildTaskGraph(
      planOf(task('D', ['A', 'C']), task('A'), task('B'), task('C', ['B']), task('E', ['A'])),
    );
    expect(taskLevels(graph)).toEqual([['A', 'B'], ['C', 'E'], ['D']]);
  });

  it('places every task exactly once, each above all of its dependencies', () => {
    fc.assert(
      fc.property(randomDag(), ({ plan }) => {
        const graph = buildTaskGraph(plan);
        const levels = taskLevels(graph);
        const levelOf = taskLevelMap(graph);
        expect(levels.flat().sort()).toEqual(graph.tasks.map((t) => t.id).sort());
        for (const t of graph.tasks) {
          for (const dep of t.dependsOn) expect(levelOf.get(dep)!).toBeLessThan(levelOf.get(t.id)!);
          // Longest chain, not any chain: a task above level 0 has a dependency one level down.
          const level = levelOf.get(t.id)!;
          if (level > 0) expect(t.dependsOn.some((dep) => levelOf.get(dep) === level - 1)).toBe(true);
        }
        expect(levels.every((level) => level.length > 0)).toBe(true);
      }),
    );
  });
});

describe('groupLabel', () => {
  it.each([
    [0, '[P:Group-1]'],
    [3, '[P:Group-4]'],
  ])('labels level %i as %s', (k, label) => {
    expect(groupLabel(k)).toBe(label);
  });
});
