import { z } from 'zod';
import { taskCategorySchema } from '../tasks/task-schema.js';
import { decisionSchema } from './decision.js';

/** One numbered requirement of the PRD with the criteria that decide whether it is met. */
export const requirementSchema = z.object({
  /** `R1`, `R2`, … — stable across revisions so approvals, tasks and the report can cite them. */
  id: z.string().regex(/^R\d+$/, 'requirement ids look like R1, R2, …'),
  /** One line naming what must be true. */
  title: z.string().min(1),
  /** Detail a reviewer needs; may be empty. */
  description: z.string().default(''),
  /** Observable criteria, each checkable against the diff and the gate results. */
  acceptance: z.array(z.string().min(1)).min(1),
  /** MoSCoW priority. */
  priority: z.enum(['must', 'should', 'could']).default('must'),
});
export type Requirement = z.infer<typeof requirementSchema>;

/** A clarifying question, with the answer Maestro assumes if nobody replies. */
export const questionSchema = z.object({
  /** `Q1`, `Q2`, … */
  id: z.string().regex(/^Q\d+$/, 'question ids look like Q1, Q2, …'),
  question: z.string().min(1),
  /** The assumed answer. Empty only for a blocking question that has no safe default. */
  default: z.string().default(''),
  /** Why the answer matters to the plan. */
  why: z.string().default(''),
  /** True when the plan cannot be approved until a human answers (no safe default exists). */
  blocking: z.boolean().default(false),
});
export type Question = z.infer<typeof questionSchema>;

/** The product requirements document Maestro proposes for an issue. */
export const prdSchema = z.object({
  title: z.string().min(1),
  /** The outcome, in one or two sentences. */
  goal: z.string().min(1),
  requirements: z.array(requirementSchema),
  nonGoals: z.array(z.string()).default([]),
  /** Areas and files the change is expected to touch, from discovery. */
  affectedAreas: z.array(z.object({ path: z.string().min(1), why: z.string().default('') })).default([]),
  risks: z.array(z.object({ risk: z.string().min(1), mitigation: z.string().default('') })).default([]),
});
export type Prd = z.infer<typeof prdSchema>;

/** A task as previewed during planning (phase 2 expands it into full sub-tasks). */
export const previewTaskSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]+$/, 'task ids use letters, digits, dot, dash, underscore'),
  title: z.string().min(1),
  dependsOn: z.array(z.string()).default([]),
  category: taskCategorySchema.default('general'),
  /** Requirement ids this task serves. */
  requirements: z.array(z.string()).default([]),
});
export const taskPreviewSchema = z.object({
  epics: z.array(
    z.object({
      id: z.string().regex(/^[A-Za-z0-9._-]+$/),
      title: z.string().min(1),
      tasks: z.array(previewTaskSchema).min(1),
    }),
  ),
});
export type TaskPreview = z.infer<typeof taskPreviewSchema>;

/** What the planner model returns for one planning round (schema-validated structured output). */
export const planDraftSchema = z.object({
  /** What Maestro understood the issue to ask, in the planner's words. */
  understanding: z.string().min(1),
  prd: prdSchema,
  questions: z.array(questionSchema).default([]),
  /** The planner's own decisions; repository-derived decisions are added by the decision engine. */
  decisions: z.array(decisionSchema).default([]),
  taskPreview: taskPreviewSchema,
  /** Rough size of the work, used for the budget estimate. */
  complexity: z.enum(['small', 'medium', 'large']).default('medium'),
});
export type PlanDraft = z.infer<typeof planDraftSchema>;
