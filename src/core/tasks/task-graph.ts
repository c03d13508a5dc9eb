import type { Task } from './task-schema.js';

/** What the graph needs of a task, so the planning preview and the full plan share one validator. */
export interface GraphTask {
  readonly id: string;
  readonly dependsOn: readonly string[];
  readonly requirements?: readonly string[];
}

/**
 * A validated task DAG: no duplicate ids, no unknown or self dependencies, no cycles. Built only by
 * `validateTaskGraph`, so everything that takes a `TaskGraph` may rely on those facts.
 */
export interface TaskGraph<T extends GraphTask = Task> {
  /** Tasks in input order. */
  readonly tasks: readonly T[];
  readonly byId: ReadonlyMap<string, T>;
  /** Input position of each task: the last tie-break of every ordering, so results are stable. */
  readonly indexOf: ReadonlyMap<string, number>;
  /** The epic each task belongs to. */
  readonly epicOf: ReadonlyMap<string, string>;
  /** Direct dependencies of each task, deduplicated, in declaration order. */
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  /** Tasks that depend directly on each task, in input order. */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  /** A topological order; among tasks ready at the same point the earlier input comes first. */
  readonly order: readonly string[];
}

/** Direct dependencies of `id` (empty for a task without any). */
export function dependenciesOf(graph: TaskGraph<GraphTask>, id: string): readonly string[] {
  return graph.dependencies.get(id) ?? [];
}

/** Tasks that wait directly on `id`. */
export function dependentsOf(graph: TaskGraph<GraphTask>, id: string): readonly string[] {
  return graph.dependents.get(id) ?? [];
}

/**
 * Kahn's algorithm, always taking the ready task that came first in the input. Tasks left in
 * `blocked` sit on or behind a cycle. `dependencies` must only name ids in `ids`.
 */
export function stableTopologicalOrder(
  ids: readonly string[],
  dependencies: ReadonlyMap<string, readonly string[]>,
): { order: string[]; blocked: string[] } {
  const indexOf = new Map(ids.map((id, index) => [id, index]));
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const id of ids) {
    const deps = dependencies.get(id) ?? [];
    waitingOn.set(id, deps.length);
    for (const dep of deps) dependents.set(dep, [...(dependents.get(dep) ?? []), id]);
  }
  // Ready indices kept sorted, so the earliest input is always at the front.
  const ready = ids.map((_, index) => index).filter((index) => waitingOn.get(ids[index]!) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ids[ready.shift()!]!;
    order.push(id);
    for (const next of dependents.get(id) ?? []) {
      const left = waitingOn.get(next)! - 1;
      waitingOn.set(next, left);
      if (left === 0) insertSorted(ready, indexOf.get(next)!);
    }
  }
  const placed = new Set(order);
  return { order, blocked: ids.filter((id) => !placed.has(id)) };
}

function insertSorted(values: number[], value: number): void {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid]! < value) low = mid + 1;
    else high = mid;
  }
  values.splice(low, 0, value);
}
