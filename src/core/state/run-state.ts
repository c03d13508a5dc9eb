import { z } from 'zod';
import { checkStates } from '../ci/check-runs.js';
import { taskPlanSchema } from '../tasks/task-schema.js';
import { stepRecordSchema } from './step-record.js';

const blockedSchema = z.object({
  kind: z.enum(['path-escape', 'protected-path', 'command-not-allowed', 'command-timeout', 'other']),
  what: z.string(),
});

/** What happened to one task (the seed's step record: findings, quality score, hints). */
export const taskResultSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'done', 'failed', 'skipped', 'blocked']),
  attempts: z.number().int().default(0),
  summary: z.string().default(''),
  qualityScore: z.number().optional(),
  hints: z.string().default(''),
  /** The checkpoint commit that holds this task's work; absent for tasks that changed nothing. */
  checkpoint: z.object({ n: z.number().int(), sha: z.string() }).optional(),
  blocked: z.array(blockedSchema).default([]),
  error: z.string().optional(),
});
export type TaskResult = z.infer<typeof taskResultSchema>;

export const recoveryCountsSchema = z.object({
  retry: z.number().int().default(0),
  'alternative-approach': z.number().int().default(0),
  'conflict-rerun': z.number().int().default(0),
  rollback: z.number().int().default(0),
  'asked-human': z.number().int().default(0),
});
export type RecoveryCounts = z.infer<typeof recoveryCountsSchema>;

export const stopSchema = z.object({
  reason: z.enum([
    'budget',
    'wall-clock',
    'iterations',
    'files-changed',
    'cancelled',
    'security',
    'needs-human',
    /** A chain step could not do what the chain promises (a red baseline for refactor, …). */
    'step-failed',
    /** Task generation dropped work the approved plan had: re-approve before anything runs. */
    'plan-changed',
    /** Origin did not take a push of the checkpoints (the branch moved, a rule or hook declined it). */
    'push-rejected',
    'error',
  ]),
  detail: z.string(),
  /** What to do before resuming, when it is more than fixing the cause (e.g. merge a rescue branch). */
  next: z.string().optional(),
});
export type RunStop = z.infer<typeof stopSchema>;

/**
 * The execution state of a session, rewritten after every checkpoint (`run-state.json`). The
 * branch's commit trailers are the source of truth for which tasks are done; this file adds what
 * git cannot hold (summaries, hints, attempts, recoveries), so `maestro resume` can continue.
 */
export const runStateSchema = z.object({
  session: z.string(),
  branch: z.string(),
  /** The commit the run branch started from. */
  baseSha: z.string(),
  phase: z.enum(['task-generation', 'implementation', 'validation', 'handoff', 'done']),
  iteration: z.number().int().default(0),
  tasks: taskPlanSchema.optional(),
  results: z.record(z.string(), taskResultSchema).default({}),
  /** After the PR opened: CI fix iterations used, and the checks on the PR head as last seen. */
  ci: z
    .object({
      iterations: z.number().int().nonnegative().default(0),
      headSha: z.string().optional(),
      checks: z
        .array(
          z.object({
            id: z.number().int(),
            name: z.string(),
            state: z.enum(checkStates),
            url: z.string().optional(),
          }),
        )
        .default([]),
    })
    .optional(),
  /** The chain's steps in order, with what each did; filled in as they run. */
  steps: z.array(stepRecordSchema).default([]),
  checkpoints: z.number().int().default(0),
  /** How the generated tasks differ from the approved preview (a `PlanDrift`; opaque here). */
  planDrift: z.unknown().optional(),
  /** Gate results before any change (opaque here; the engine owns their shape). */
  baseline: z.unknown().optional(),
  recoveries: recoveryCountsSchema.prefault({}),
  /** Usage calls recorded so far, to rebuild the ledger on resume. */
  usage: z.array(z.record(z.string(), z.unknown())).default([]),
  stop: stopSchema.optional(),
  startedAt: z.string(),
  /** Wall-clock time spent running in earlier processes (a resumed run counts only time it ran). */
  elapsedMs: z.number().nonnegative().default(0),
});
export type RunState = z.infer<typeof runStateSchema>;
