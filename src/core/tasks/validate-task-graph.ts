import { PlanError } from '../errors.js';
import { type GraphTask, stableTopologicalOrder, type TaskGraph } from './task-graph.js';
import type { Task } from './task-schema.js';

/** One thing wrong with a task plan; `describeProblems` turns them into sentences. */
export type TaskGraphProblem =
  | { kind: 'duplicate-id'; of: 'task' | 'epic'; id: string; count: number }
  | { kind: 'unknown-dependency'; task: string; missing: string }
  | { kind: 'self-dependency'; task: string }
  /** `path[i]` depends on `path[i + 1]`; the last entry repeats the first. */
  | { kind: 'cycle'; path: string[] }
  | { kind: 'uncovered-requirement'; requirement: string }
  | { kind: 'unknown-requirement'; task: string; requirement: string };

export type TaskGraphValidation<T extends GraphTask = Task> =
  | { kind: 'valid'; graph: TaskGraph<T> }
  | { kind: 'invalid'; problems: TaskGraphProblem[] };

/** The shape both the planning preview and the full task plan have. */
export interface PlanLike<T extends GraphTask> {
  readonly epics: readonly { readonly id: string; readonly tasks: readonly T[] }[];
}

export interface ValidateTaskGraphOptions {
  /** The PRD's requirement ids; when given, every one must be served and no other may be cited. */
  requirementIds?: readonly string[];
}

/**
 * Check a plan is a DAG the executor can run and build its graph. Every problem is reported at
 * once (not just the first) so one repair turn of the model can fix them all.
 */
export function validateTaskGraph<T extends GraphTask>(
  plan: PlanLike<T>,
  opts: ValidateTaskGraphOptions = {},
): TaskGraphValidation<T> {
  const tasks = plan.epics.flatMap((epic) => epic.tasks);
  const byId = new Map<string, T>();
  const epicOf = new Map<string, string>();
  for (const epic of plan.epics) {
    for (const task of epic.tasks) {
      if (byId.has(task.id)) continue;
      byId.set(task.id, task);
      epicOf.set(task.id, epic.id);
    }
  }
  const problems: TaskGraphProblem[] = [
    ...duplicates(
      plan.epics.map((epic) => epic.id),
      'epic',
    ),
    ...duplicates(
      tasks.map((task) => task.id),
      'task',
    ),
  ];

  // Only edges between known, distinct tasks go into the graph; the rest are problems already.
  const dependencies = new Map<string, string[]>();
  for (const task of byId.values()) {
    const deps: string[] = [];
    for (const dep of new Set(task.dependsOn)) {
      if (dep === task.id) problems.push({ kind: 'self-dependency', task: task.id });
      else if (!byId.has(dep)) problems.push({ kind: 'unknown-dependency', task: task.id, missing: dep });
      else deps.push(dep);
    }
    dependencies.set(task.id, deps);
  }
  if (opts.requirementIds) problems.push(...requirementProblems([...byId.values()], opts.requirementIds));

  const ids = [...byId.keys()];
  const { order, blocked } = stableTopologicalOrder(ids, dependencies);
  const indexOf = new Map(ids.map((id, index) => [id, index]));
  for (const path of findCycles(blocked, dependencies, indexOf)) problems.push({ kind: 'cycle', path });
  if (problems.length > 0) return { kind: 'invalid', problems };

  const dependents = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const id of ids) for (const dep of dependencies.get(id)!) dependents.get(dep)!.push(id);
  return {
    kind: 'valid',
    graph: { tasks: [...byId.values()], byId, indexOf, epicOf, dependencies, dependents, order },
  };
}

/** `validateTaskGraph` for callers that cannot go on without a graph: throws a `PlanError`. */
export function buildTaskGraph<T extends GraphTask>(
  plan: PlanLike<T>,
  opts: ValidateTaskGraphOptions = {},
): TaskGraph<T> {
  const result = validateTaskGraph(plan, opts);
  if (result.kind === 'valid') return result.graph;
  throw new PlanError(
    `The task plan is not a valid dependency graph:\n${describeProblems(result.problems)}`,
    {
      code: 'plan.invalid-task-graph',
    },
  );
}

/** One sentence per problem, as a Markdown list: fed back to the model for repair and shown to people. */
export function describeProblems(problems: readonly TaskGraphProblem[]): string {
  return problems.map((problem) => `- ${describeProblem(problem)}`).join('\n');
}

function describeProblem(problem: TaskGraphProblem): string {
  switch (problem.kind) {
    case 'duplicate-id':
      return `The ${problem.of} id "${problem.id}" is used ${problem.count} times; give each ${problem.of} a unique id.`;
    case 'unknown-dependency':
      return `Task "${problem.task}" depends on "${problem.missing}", which is not a task in the plan; use an existing task id or drop the dependency.`;
    case 'self-dependency':
      return `Task "${problem.task}" depends on itself; remove "${problem.task}" from its own dependsOn.`;
    case 'cycle':
      return `Tasks depend on each other in a cycle: ${problem.path.join(' → ')} (each depends on the next); remove one of these dependencies.`;
    case 'uncovered-requirement':
      return `Requirement ${problem.requirement} is not served by any task; add it to the requirements of the task that delivers it.`;
    case 'unknown-requirement':
      return `Task "${problem.task}" cites requirement "${problem.requirement}", which is not in the PRD; cite an existing requirement id.`;
  }
}

function duplicates(ids: readonly string[], of: 'task' | 'epic'): TaskGraphProblem[] {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts]
    .filter(([, count]) => count > 1)
    .map(([id, count]) => ({ kind: 'duplicate-id', of, id, count }));
}

function requirementProblems(
  tasks: readonly GraphTask[],
  requirementIds: readonly string[],
): TaskGraphProblem[] {
  const known = new Set(requirementIds);
  const served = new Set(tasks.flatMap((task) => task.requirements ?? []));
  const problems: TaskGraphProblem[] = [];
  for (const task of tasks) {
    for (const requirement of new Set(task.requirements ?? [])) {
      if (!known.has(requirement)) problems.push({ kind: 'unknown-requirement', task: task.id, requirement });
    }
  }
  for (const requirement of new Set(requirementIds)) {
    if (!served.has(requirement)) problems.push({ kind: 'uncovered-requirement', requirement });
  }
  return problems;
}

/**
 * Real cycles among the tasks Kahn's algorithm could not place. Every blocked task has a blocked
 * dependency, so following dependencies from one must revisit a task; the loop is a cycle. Later
 * walks only step onto unseen tasks, so each reported cycle is new; the first walk always finds one.
 */
function findCycles(
  blocked: readonly string[],
  dependencies: ReadonlyMap<string, readonly string[]>,
  indexOf: ReadonlyMap<string, number>,
): string[][] {
  const isBlocked = new Set(blocked);
  const walked = new Set<string>();
  const cycles: string[][] = [];
  for (const start of blocked) {
    const path: string[] = [];
    const positionOnPath = new Map<string, number>();
    let current: string | undefined = start;
    while (current !== undefined && !walked.has(current) && !positionOnPath.has(current)) {
      positionOnPath.set(current, path.length);
      path.push(current);
      // Prefer a dependency no earlier walk has seen, so a second, separate cycle is found too.
      current = dependencies.get(current)?.find((dep) => isBlocked.has(dep) && !walked.has(dep));
    }
    const loopStart = current === undefined ? undefined : positionOnPath.get(current);
    if (loopStart !== undefined) cycles.push(closeLoop(path.slice(loopStart), indexOf));
    for (const id of path) walked.add(id);
  }
  return cycles;
}

/** Rotate the loop to start at its earliest task and repeat that task at the end. */
function closeLoop(loop: readonly string[], indexOf: ReadonlyMap<string, number>): string[] {
  let first = 0;
  loop.forEach((id, i) => {
    if (indexOf.get(id)! < indexOf.get(loop[first]!)!) first = i;
  });
  const rotated = [...loop.slice(first), ...loop.slice(0, first)];
  return [...rotated, rotated[0]!];
}
