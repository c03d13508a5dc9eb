import { dependenciesOf, type GraphTask, type TaskGraph } from './task-graph.js';

/**
 * The DAG's levels: level k holds the tasks whose longest dependency chain has k edges. These are
 * the `[P:Group-k]` groups people see in comments; they are not barriers — the scheduler starts a
 * task as soon as its own dependencies are done (architecture decision 4).
 */
export function taskLevels(graph: TaskGraph<GraphTask>): string[][] {
  const levelOf = taskLevelMap(graph);
  const levels: string[][] = [];
  // Input order within a level keeps the groups readable next to the plan they came from.
  for (const task of graph.tasks) {
    const level = levelOf.get(task.id)!;
    while (levels.length <= level) levels.push([]);
    levels[level]!.push(task.id);
  }
  return levels;
}

/** The level of every task (see `taskLevels`). */
export function taskLevelMap(graph: TaskGraph<GraphTask>): Map<string, number> {
  const levelOf = new Map<string, number>();
  for (const id of graph.order) {
    const depLevels = dependenciesOf(graph, id).map((dep) => levelOf.get(dep)! + 1);
    levelOf.set(id, Math.max(0, ...depLevels));
  }
  return levelOf;
}

/** The seed's label for level `k` (0-based): `[P:Group-1]` for the first. */
export function groupLabel(k: number): string {
  return `[P:Group-${k + 1}]`;
}
