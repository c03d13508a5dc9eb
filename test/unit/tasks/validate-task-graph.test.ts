import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanError } from '../../../src/core/errors.js';
import type { Task, TaskPlan } from '../../../src/core/tasks/task-schema.js';
import {
  buildTaskGraph,
  describeProblems,
  type TaskGraphProblem,
  validateTaskGraph,
} from '../../../src/core/tasks/validate-task-graph.js';
import { planOf, randomDag, task } from './task-plan-builders.js';

function problemsOf(plan: TaskPlan, requirementIds?: string[]): TaskGraphProblem[] {
  const result = validateTaskGraph(plan, { requirementIds });
  return result.kind === 'invalid' ? result.problems : [];
}

describe('validateTaskGraph', () => {
  it.each<[string, TaskPlan, TaskGraphProblem[]]>([
    [
      'a task id used twice',
      planOf(task('T1'), task('T2'), task('T1')),
      [{ kind: 'duplicate-id', of: 'task', id: 'T1', count: 2 }],
    ],
    [
      'an epic id used twice',
      {
        epics: [
          { id: 'E1', title: 'A', tasks: [task('T1')] },
          { id: 'E1', title: 'B', tasks: [task('T2')] },
        ],
      },
      [{ kind: 'duplicate-id', of: 'epic', id: 'E1', count: 2 }],
    ],
    [
      'a dependency on a task that does not exist',
      planOf(task('T1'), task('T2', ['T9'])),
      [{ kind: 'unknown-dependency', task: 'T2', missing: 'T9' }],
    ],
    ['a task depending on itself', planOf(task('T1', ['T1'])), [{ kind: 'self-dependency', task: 'T1' }]],
    [
      'a cycle through three tasks',
      planOf(task('T1', ['T3']), task('T2', ['T1']), task('T3', ['T2'])),
      [{ kind: 'cycle', path: ['T1', 'T3', 'T2', 'T1'] }],
    ],
    [
      'two separate cycles',
      planOf(task('A', ['B']), task('B', ['A']), task('C', ['A', 'D']), task('D', ['C'])),
      [
        { kind: 'cycle', path: ['A', 'B', 'A'] },
        { kind: 'cycle', path: ['C', 'D', 'C'] },
      ],
    ],
  ])('reports %s', (_, plan, expected) => {
    expect(problemsOf(plan)).toEqual(expected);
  });

  it('reports a requirement no task serves and a requirement the PRD does not have', () => {
    const plan = planOf(task('T1', [], { requirements: ['R1', 'R7'] }), task('T2'));
    expect(problemsOf(plan, ['R1', 'R2'])).toEqual([
      { kind: 'unknown-requirement', task: 'T1', requirement: 'R7' },
      { kind: 'uncovered-requirement', requirement: 'R2' },
    ]);
  });

  it('leaves requirements alone when no requirement ids are given', () => {
    expect(validateTaskGraph(planOf(task('T1', [], { requirements: ['R7'] }))).kind).toBe('valid');
  });

  it('reports every problem at once so one repair turn can fix them all', () => {
    const plan = planOf(task('T1', ['T1', 'T5']), task('T2', ['T3']), task('T3', ['T2']), task('T2'));
    expect(problemsOf(plan).map((problem) => problem.kind)).toEqual([
      'duplicate-id',
      'self-dependency',
      'unknown-dependency',
      'cycle',
    ]);
  });

  it('reports a cycle, not the tasks that merely wait behind it', () => {
    const plan = planOf(task('T0', ['T1']), task('T1', ['T2']), task('T2', ['T3']), task('T3', ['T2']));
    expect(problemsOf(plan)).toEqual([{ kind: 'cycle', path: ['T2', 'T3', 'T2'] }]);
  });

  it('builds a graph whose topological order follows the input among independent tasks', () => {
    const result = validateTaskGraph(planOf(task('C', ['A']), task('B'), task('A'), task('D', ['C', 'B'])));
    if (result.kind !== 'valid') throw new Error('expected a valid graph');
    expect(result.graph.order).toEqual(['B', 'A', 'C', 'D']);
    expect(result.graph.dependents.get('A')).toEqual(['C']);
    expect(result.graph.dependents.get('B')).toEqual(['D']);
    expect(result.graph.epicOf.get('D')).toBe('E1');
  });

  it('ignores a dependency listed twice', () => {
    const result = validateTaskGraph(planOf(task('A'), task('B', ['A', 'A'])));
    expect(result.kind === 'valid' && result.graph.dependencies.get('B')).toEqual(['A']);
  });

  it('accepts every random DAG and orders each task after its dependencies', () => {
    fc.assert(
      fc.property(randomDag(), ({ plan }) => {
        const result = validateTaskGraph(plan);
        if (result.kind !== 'valid') return false;
        const position = new Map(result.graph.order.map((id, i) => [id, i]));
        return plan.epics
          .flatMap((epic) => epic.tasks)
          .every((t: Task) => t.dependsOn.every((dep) => position.get(dep)! < position.get(t.id)!));
      }),
    );
  });

  it('reports only real cycles when random back edges are added', () => {
    fc.assert(
      fc.property(
        randomDag(15),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
        ({ plan }, extraEdges) => {
          const tasks = plan.epics.flatMap((epic) => epic.tasks);
          for (const [from, to] of extraEdges) {
            const source = tasks[from % tasks.length]!;
            const target = tasks[to % tasks.length]!;
            if (source !== target) source.dependsOn = [...source.dependsOn, target.id];
          }
          const depsOf = new Map(tasks.map((t) => [t.id, new Set(t.dependsOn)]));
          for (const problem of problemsOf(plan)) {
            if (problem.kind !== 'cycle') return false;
            const { path } = problem;
            if (path[0] !== path.at(-1) || new Set(path).size !== path.length - 1) return false;
            if (!path.slice(0, -1).every((id, i) => depsOf.get(id)!.has(path[i + 1]!))) return false;
          }
          return true;
        },
      ),
    );
  });
});

describe('describeProblems', () => {
  it('renders each problem as a sentence that says how to fix it', () => {
    const text = describeProblems([
      { kind: 'duplicate-id', of: 'task', id: 'T1', count: 2 },
      { kind: 'unknown-dependency', task: 'T2', missing: 'T9' },
      { kind: 'self-dependency', task: 'T3' },
      { kind: 'cycle', path: ['T1', 'T3', 'T2', 'T1'] },
      { kind: 'uncovered-requirement', requirement: 'R2' },
      { kind: 'unknown-requirement', task: 'T1', requirement: 'R7' },
    ]);
    expect(text).toMatchInlineSnapshot(`
      "- The task id "T1" is used 2 times; give each task a unique id.
      - Task "T2" depends on "T9", which is not a task in the plan; use an existing task id or drop the dependency.
      - Task "T3" depends on itself; remove "T3" from its own dependsOn.
      - Tasks depend on each other in a cycle: T1 → T3 → T2 → T1 (each depends on the next); remove one of these dependencies.
      - Requirement R2 is not served by any task; add it to the requirements of the task that delivers it.
      - Task "T1" cites requirement "R7", which is not in the PRD; cite an existing requirement id."
    `);
  });
});

describe('buildTaskGraph', () => {
  it('throws a PlanError listing the problems', () => {
    expect(() => buildTaskGraph(planOf(task('T1', ['T2'])))).toThrow(PlanError);
    expect(() => buildTaskGraph(planOf(task('T1', ['T2'])))).toThrow(/"T1" depends on "T2"/);
  });
});
