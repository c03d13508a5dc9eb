import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanError } from '../../../src/core/errors.js';
import { scheduleTasks, scheduleWithBarriers } from '../../../src/core/tasks/schedule-tasks.js';
import type { TaskGraph } from '../../../src/core/tasks/task-graph.js';
import { lowerBound, nextReady, priorityOf } from '../../../src/core/tasks/task-priority.js';
import type { Task } from '../../../src/core/tasks/task-schema.js';
import { buildTaskGraph } from '../../../src/core/tasks/validate-task-graph.js';
import { planOf, randomDag, task } from './task-plan-builders.js';

const byEstimate = (t: Task) => t.estimate ?? 1;
const timed = (id: string, estimate: number, dependsOn: string[] = []) => task(id, dependsOn, { estimate });

describe('scheduleTasks', () => {
  it('starts the head of the longest chain first, not the first task listed', () => {
    // A and B are short and independent; C → D → E is the critical path.
    const graph = buildTaskGraph(
      planOf(timed('A', 2), timed('B', 2), timed('C', 2), timed('D', 2, ['C']), timed('E', 2, ['D'])),
    );
    const schedule = scheduleTasks(graph, { maxParallel: 2, duration: byEstimate });
    expect(schedule.order.slice(0, 2)).toEqual(['C', 'A']);
    expect(schedule.makespan).toBe(6);
    expect(schedule.lowerBound).toBe(6);
  });

  it('breaks equal paths by the number of dependents, then by input order', () => {
    const graph = buildTaskGraph(planOf(timed('A', 1), timed('B', 1), timed('C', 1), timed('D', 1, ['C'])));
    // A, B and C are all ready; only C has a dependent.
    expect(scheduleTasks(graph, { maxParallel: 1, duration: byEstimate }).order).toEqual([
      'C',
      'A',
      'B',
      'D',
    ]);
  });

  it('lays out slots by start time on numbered workers', () => {
    const graph = buildTaskGraph(planOf(timed('A', 3), timed('B', 1), timed('C', 1, ['B'])));
    expect(scheduleTasks(graph, { maxParallel: 2, duration: byEstimate }).slots).toEqual([
      { taskId: 'A', worker: 0, start: 0, end: 3 },
      { taskId: 'B', worker: 1, start: 0, end: 1 },
      { taskId: 'C', worker: 1, start: 1, end: 2 },
    ]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s workers', (maxParallel) => {
    const graph = buildTaskGraph(planOf(task('A')));
    expect(() => scheduleTasks(graph, { maxParallel, duration: byEstimate })).toThrow(PlanError);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a duration of %s', (value) => {
    const graph = buildTaskGraph(planOf(task('A')));
    expect(() => scheduleTasks(graph, { maxParallel: 1, duration: () => value })).toThrow(
      /finite and not negative/,
    );
  });

  it('respects dependencies, parallelism and the lower bound on random DAGs', () => {
    fc.assert(
      fc.property(randomDag(), fc.integer({ min: 1, max: 8 }), ({ plan, durations }, maxParallel) => {
        const graph = buildTaskGraph(plan);
        const duration = (t: Task) => durations.get(t.id)!;
        const schedule = scheduleTasks(graph, { maxParallel, duration });
        expectFeasible(graph, schedule.slots, maxParallel, duration);
        expect(schedule.makespan).toBeGreaterThanOrEqual(schedule.lowerBound - 1e-9);
        expect(schedule.lowerBound).toBeCloseTo(lowerBound(graph, duration, maxParallel));
      }),
    );
  });

  it('takes exactly the sum of the durations on a chain, whatever the workers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 8 }),
        (estimates, maxParallel) => {
          const tasks = estimates.map((e, i) =>
            task(`T${i}`, i === 0 ? [] : [`T${i - 1}`], { estimate: e + 1 }),
          );
          const schedule = scheduleTasks(buildTaskGraph(planOf(...tasks)), {
            maxParallel,
            duration: byEstimate,
          });
          expect(schedule.makespan).toBe(estimates.reduce((sum, e) => sum + e + 1, 0));
          expect(schedule.makespan).toBe(schedule.lowerBound);
        },
      ),
    );
  });

  it('makes the same choices when a live executor dispatches with nextReady', () => {
    fc.assert(
      fc.property(randomDag(), fc.integer({ min: 1, max: 5 }), ({ plan, durations }, maxParallel) => {
        const graph = buildTaskGraph(plan);
        const duration = (t: Task) => durations.get(t.id)!;
        expect(liveDispatchOrder(graph, maxParallel, duration)).toEqual(
          scheduleTasks(graph, { maxParallel, duration }).order,
        );
      }),
    );
  });
});

describe('nextReady', () => {
  it('skips tasks that are done, running, failed or waiting', () => {
    const graph = buildTaskGraph(planOf(task('A'), task('B'), task('C', ['A']), task('D', ['B']), task('E')));
    const priorities = priorityOf(graph, byEstimate);
    const progress = { done: new Set(['A']), running: new Set(['B']), failed: new Set(['E']) };
    expect(nextReady(graph, progress, priorities)).toBe('C');
    expect(nextReady(graph, { ...progress, done: new Set(['A', 'C']) }, priorities)).toBeUndefined();
  });
});

describe('scheduleWithBarriers', () => {
  it('waits for the whole level before starting the next one', () => {
    // B could start at 1 after A, but the barrier holds it until the slow C finishes at 5.
    const graph = buildTaskGraph(planOf(timed('A', 1), timed('C', 5), timed('B', 1, ['A'])));
    const barrier = scheduleWithBarriers(graph, { maxParallel: 2, duration: byEstimate });
    expect(barrier.slots.find((slot) => slot.taskId === 'B')?.start).toBe(5);
    expect(barrier.makespan).toBe(6);
    expect(scheduleTasks(graph, { maxParallel: 2, duration: byEstimate }).makespan).toBe(5);
  });

  it('is feasible on random DAGs', () => {
    fc.assert(
      fc.property(randomDag(), fc.integer({ min: 1, max: 8 }), ({ plan, durations }, maxParallel) => {
        const graph = buildTaskGraph(plan);
        const duration = (t: Task) => durations.get(t.id)!;
        const schedule = scheduleWithBarriers(graph, { maxParallel, duration });
        expectFeasible(graph, schedule.slots, maxParallel, duration);
        expect(schedule.makespan).toBeGreaterThanOrEqual(schedule.lowerBound - 1e-9);
      }),
    );
  });
});

type Slot = { taskId: string; worker: number; start: number; end: number };

function expectFeasible(graph: TaskGraph, slots: Slot[], maxParallel: number, duration: (t: Task) => number) {
  const slotOf = new Map(slots.map((slot) => [slot.taskId, slot]));
  expect(slots.map((s) => s.taskId).sort()).toEqual(graph.tasks.map((t) => t.id).sort());
  for (const t of graph.tasks) {
    const slot = slotOf.get(t.id)!;
    expect(slot.end - slot.start).toBe(duration(t));
    for (const dep of t.dependsOn) expect(slot.start).toBeGreaterThanOrEqual(slotOf.get(dep)!.end);
  }
  for (const [i, a] of slots.entries()) {
    expect(a.worker).toBeLessThan(maxParallel);
    // Concurrency only rises when a task starts, so checking at every start checks everywhere.
    const runningThen = slots.filter((b) => b.start <= a.start && a.start < b.end);
    expect(runningThen.length).toBeLessThanOrEqual(maxParallel);
    for (const b of slots.slice(i + 1)) {
      if (a.worker === b.worker) expect(a.end <= b.start || b.end <= a.start).toBe(true);
    }
  }
}

/** A toy executor: real completions drive the clock, `nextReady` picks each task. */
function liveDispatchOrder(graph: TaskGraph, maxParallel: number, duration: (t: Task) => number): string[] {
  const priorities = priorityOf(graph, duration);
  const done = new Set<string>();
  const running = new Map<string, number>();
  const order: string[] = [];
  let now = 0;
  while (done.size < graph.tasks.length) {
    for (
      let id = nextReady(graph, { done, running: new Set(running.keys()) }, priorities);
      id !== undefined && running.size < maxParallel;
      id = nextReady(graph, { done, running: new Set(running.keys()) }, priorities)
    ) {
      order.push(id);
      running.set(id, now + duration(graph.byId.get(id)!));
    }
    now = Math.min(...running.values());
    for (const [id, end] of running) {
      if (end === now) {
        running.delete(id);
        done.add(id);
      }
    }
  }
  return order;
}
