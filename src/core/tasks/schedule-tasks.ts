import { PlanError } from '../errors.js';
import { dependenciesOf, dependentsOf, type GraphTask, type TaskGraph } from './task-graph.js';
import { taskLevels } from './task-levels.js';
import {
  checkedDuration,
  comparePriority,
  lowerBound,
  priorityOf,
  type TaskDuration,
  type TaskPriority,
} from './task-priority.js';

export interface ScheduleOptions<T> {
  /** How many tasks may run at once (`orchestrator.max_parallel`). */
  maxParallel: number;
  duration: TaskDuration<T>;
}

/** One task placed on one worker. */
export interface ScheduleSlot {
  taskId: string;
  /** 0-based worker number. */
  worker: number;
  start: number;
  end: number;
}

export interface Schedule {
  /** Sorted by start, then worker. */
  slots: ScheduleSlot[];
  /** When the last task ends. */
  makespan: number;
  /** Task ids in the order they were dispatched. */
  order: string[];
  /** `max(critical path, total work / workers)`: no schedule can beat it. */
  lowerBound: number;
}

/**
 * Critical-path-first list scheduling (architecture decision 4), simulated: whenever a worker is
 * free, it takes the ready task with the longest remaining path. This is the plan's estimate; the
 * live executor makes the same choice with `nextReady` as real tasks finish.
 */
export function scheduleTasks<T extends GraphTask>(graph: TaskGraph<T>, opts: ScheduleOptions<T>): Schedule {
  checkWorkers(opts.maxParallel);
  const priorities = priorityOf(graph, opts.duration);
  const run = simulate(graph, graph.order, opts, priorities, 0);
  return finish(run, graph, opts);
}

/**
 * The seed's execution model, kept for comparison: each `[P:Group-k]` level starts only when the
 * whole previous level is done; tasks within a level are list-scheduled the same way.
 */
export function scheduleWithBarriers<T extends GraphTask>(
  graph: TaskGraph<T>,
  opts: ScheduleOptions<T>,
): Schedule {
  checkWorkers(opts.maxParallel);
  const priorities = priorityOf(graph, opts.duration);
  const slots: ScheduleSlot[] = [];
  let levelStart = 0;
  for (const level of taskLevels(graph)) {
    const run = simulate(graph, level, opts, priorities, levelStart);
    slots.push(...run);
    levelStart = Math.max(levelStart, ...run.map((slot) => slot.end));
  }
  return finish(slots, graph, opts);
}

/**
 * Event-driven list scheduling of `ids` from time `startAt`. Dependencies outside `ids` count as
 * already done (the barrier variant schedules one level at a time). Returns slots in dispatch order.
 */
function simulate<T extends GraphTask>(
  graph: TaskGraph<T>,
  ids: readonly string[],
  opts: ScheduleOptions<T>,
  priorities: ReadonlyMap<string, TaskPriority>,
  startAt: number,
): ScheduleSlot[] {
  const included = new Set(ids);
  const waitingOn = new Map(
    ids.map((id) => [id, dependenciesOf(graph, id).filter((d) => included.has(d)).length]),
  );
  const byPriority = (a: string, b: string) => comparePriority(priorities.get(a)!, priorities.get(b)!);
  const ready = ids.filter((id) => waitingOn.get(id) === 0).sort(byPriority);
  const freeWorkers = Array.from({ length: opts.maxParallel }, (_, worker) => worker);
  const running: ScheduleSlot[] = [];
  const dispatched: ScheduleSlot[] = [];
  let now = startAt;

  while (dispatched.length < ids.length || running.length > 0) {
    // 1. Fill every free worker (lowest number first) with the best ready task.
    while (freeWorkers.length > 0 && ready.length > 0) {
      const taskId = ready.shift()!;
      const worker = freeWorkers.shift()!;
      const slot = { taskId, worker, start: now, end: now + checkedDuration(graph, taskId, opts.duration) };
      dispatched.push(slot);
      running.push(slot);
    }
    // 2. Jump to the next completion; everything ending then frees its worker and its dependents.
    if (running.length === 0) break; // only reachable with a cycle, which a TaskGraph cannot hold
    now = Math.min(...running.map((slot) => slot.end));
    for (const slot of running.filter((s) => s.end === now)) {
      running.splice(running.indexOf(slot), 1);
      insertSorted(freeWorkers, slot.worker, (a, b) => a - b);
      for (const next of dependentsOf(graph, slot.taskId)) {
        if (!included.has(next)) continue;
        const left = waitingOn.get(next)! - 1;
        waitingOn.set(next, left);
        if (left === 0) insertSorted(ready, next, byPriority);
      }
    }
  }
  return dispatched;
}

function finish<T extends GraphTask>(
  dispatched: readonly ScheduleSlot[],
  graph: TaskGraph<T>,
  opts: ScheduleOptions<T>,
): Schedule {
  return {
    slots: [...dispatched].sort((a, b) => a.start - b.start || a.worker - b.worker),
    makespan: Math.max(0, ...dispatched.map((slot) => slot.end)),
    order: dispatched.map((slot) => slot.taskId),
    lowerBound: lowerBound(graph, opts.duration, opts.maxParallel),
  };
}

function checkWorkers(maxParallel: number): void {
  if (!Number.isInteger(maxParallel) || maxParallel < 1) {
    throw new PlanError(`maxParallel must be a whole number of at least 1, got ${maxParallel}.`, {
      code: 'plan.invalid-parallelism',
    });
  }
}

function insertSorted<V>(values: V[], value: V, compare: (a: V, b: V) => number): void {
  const at = values.findIndex((existing) => compare(value, existing) < 0);
  values.splice(at === -1 ? values.length : at, 0, value);
}
