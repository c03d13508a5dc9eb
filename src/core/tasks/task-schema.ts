import { z } from 'zod';

/** Task and epic ids: safe to put in branch trailers, file names and diagrams without quoting. */
const idSchema = z.string().regex(/^[A-Za-z0-9._-]+$/, 'ids use letters, digits, dot, dash, underscore');

/** The seed's subagent categories: each selects the specialist instructions and tool permissions. */
export const taskCategorySchema = z.enum([
  'frontend',
  'backend',
  'database',
  'testing',
  'security',
  'devops',
  'docs',
  'performance',
  'refactoring',
  'general',
]);
export type TaskCategory = z.infer<typeof taskCategorySchema>;

/** One unit of work for a coding agent; one checkpoint commit when done. */
export const taskSchema = z.object({
  /** `T1` or `E1.T2`; unique across the whole plan, cited by `dependsOn` and commit trailers. */
  id: idSchema,
  /** Short imperative summary, shown in the tracking comment and the graph. */
  title: z.string().min(1),
  /** What to do, in enough detail for an agent that has only this task and its context. */
  description: z.string().min(1),
  /** Which specialist runs it. */
  category: taskCategorySchema,
  /** Ids of tasks that must be done before this one starts. */
  dependsOn: z.array(z.string()).default([]),
  /** Repository paths the task expects to touch; used to spot conflicting parallel tasks. */
  files: z.array(z.string()).default([]),
  /** Checkable criteria that decide whether the task is done. */
  acceptance: z.array(z.string().min(1)),
  /** PRD requirement ids (`R1`, …) this task serves, for traceability in the report. */
  requirements: z.array(z.string()).default([]),
  /** Relative duration in minutes; the scheduler's weight. Absent means the executor's default. */
  estimate: z.number().positive().optional(),
});
export type Task = z.infer<typeof taskSchema>;

/** A group of related tasks; one subgraph in the diagram. */
export const epicSchema = z.object({
  /** `E1`, `E2`, … */
  id: idSchema,
  /** What the epic delivers. */
  title: z.string().min(1),
  /** Its tasks, in the order the planner listed them (the scheduler's last tie-break). */
  tasks: z.array(taskSchema).min(1),
});
export type Epic = z.infer<typeof epicSchema>;

/** Phase 2's output: the whole task DAG, grouped into epics. */
export const taskPlanSchema = z.object({
  /** Epics in planner order. */
  epics: z.array(epicSchema).min(1),
});
export type TaskPlan = z.infer<typeof taskPlanSchema>;

/** Every task of the plan in input order, epic by epic (the order every tie-break falls back on). */
export function flattenTasks<T>(plan: { epics: readonly { tasks: readonly T[] }[] }): T[] {
  return plan.epics.flatMap((epic) => epic.tasks);
}
