import { PlanError } from '../errors.js';
import { dependenciesOf, dependentsOf, type GraphTask, type TaskGraph } from './task-graph.js';

/** How long a task takes, in any unit as long as it is the same for every task. */
export type TaskDuration<T> = (task: T) => number;

/** Why one ready task goes before another: compared field by field, in this order. */
export interface TaskPriority {
  /** Longest path from the start of this task to the end of the plan, its own duration included. */
  readonly bottomLevel: number;
  /** How many tasks wait directly on it: finishing it unblocks more work. */
  readonly dependents: number;
  /** Input position: the planner's order breaks the remaining ties, so schedules are stable. */
  readonly index: number;
}

/** What a live executor knows at a dispatch point. */
export interface TaskProgress {
  readonly done: ReadonlySet<string>;
  readonly running: ReadonlySet<string>;
  /** Failed (or skipped) tasks are never ready again and keep their dependents waiting. */
  readonly failed?: ReadonlySet<string>;
}

/**
 * The critical-path-first priority of every task. Computed once per plan; an executor that
 * learns better durations mid-run may recompute it and keep dispatching with `nextReady`.
 */
export function priorityOf<T extends GraphTask>(
  graph: TaskGraph<T>,
  duration: TaskDuration<T>,
): ReadonlyMap<string, TaskPriority> {
  const bottom = bottomLevels(graph, duration);
  return new Map(
    graph.tasks.map((task) => [
      task.id,
      {
        bottomLevel: bottom.get(task.id)!,
        dependents: dependentsOf(graph, task.id).length,
        index: graph.indexOf.get(task.id)!,
      },
    ]),
  );
}

/** Negative when `a` should be dispatched before `b`. */
export function comparePriority(a: TaskPriority, b: TaskPriority): number {
  return b.bottomLevel - a.bottomLevel || b.dependents - a.dependents || a.index - b.index;
}

/** Every task that could start now, best first. */
export function readyTasks(
  graph: TaskGraph<GraphTask>,
  progress: TaskProgress,
  priorities: ReadonlyMap<string, TaskPriority>,
): string[] {
  const isReady = (id: string) =>
    !progress.done.has(id) &&
    !progress.running.has(id) &&
    !progress.failed?.has(id) &&
    dependenciesOf(graph, id).every((dep) => progress.done.has(dep));
  return graph.tasks
    .map((task) => task.id)
    .filter(isReady)
    .sort((a, b) => comparePriority(priorities.get(a)!, priorities.get(b)!));
}

/**
 * The task a free worker should take now, or undefined when nothing is ready (all done, or the
 * rest wait on running or failed tasks). The live executor calls this whenever a worker frees up.
 */
export function nextReady(
  graph: TaskGraph<GraphTask>,
  progress: TaskProgress,
  priorities: ReadonlyMap<string, TaskPriority>,
): string | undefined {
  return readyTasks(graph, progress, priorities)[0];
}

/** Longest remaining path from each task, own duration included (the "bottom level"). */
export function bottomLevels<T extends GraphTask>(
  graph: TaskGraph<T>,
  duration: TaskDuration<T>,
): Map<string, number> {
  const bottom = new Map<string, number>();
  for (const id of [...graph.order].reverse()) {
    const after = dependentsOf(graph, id).map((next) => bottom.get(next)!);
    bottom.set(id, checkedDuration(graph, id, duration) + Math.max(0, ...after));
  }
  return bottom;
}

/** No schedule can finish sooner: the longest chain, or all the work spread evenly over the workers. */
export function lowerBound<T extends GraphTask>(
  graph: TaskGraph<T>,
  duration: TaskDuration<T>,
  workers: number,
): number {
  const criticalPath = Math.max(0, ...bottomLevels(graph, duration).values());
  const totalWork = graph.tasks.reduce((sum, task) => sum + checkedDuration(graph, task.id, duration), 0);
  return Math.max(criticalPath, totalWork / workers);
}

/** A task's duration, refusing values that would make the simulation meaningless. */
export function checkedDuration<T extends GraphTask>(
  graph: TaskGraph<T>,
  id: string,
  duration: TaskDuration<T>,
): number {
  const value = duration(graph.byId.get(id)!);
  if (!Number.isFinite(value) || value < 0) {
    throw new PlanError(`Task "${id}" has duration ${value}; durations must be finite and not negative.`, {
      code: 'plan.invalid-duration',
    });
  }
  return value;
}
