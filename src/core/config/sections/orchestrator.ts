import { z } from 'zod';

/*
 * `orchestrator`: how a run is driven — iterations, checkpoints and parallelism; the rules every field
 * follows are in ../config-schema.ts.
 */

export const checkpointFrequencySchema = z.enum(['task', 'group', 'phase']);
export type CheckpointFrequency = z.infer<typeof checkpointFrequencySchema>;
/** Older spellings still accepted, mapped to their current value (the seed wrote `phase_complete`). */
export const checkpointFrequencyAliases: Readonly<Record<string, CheckpointFrequency>> = {
  phase_complete: 'phase',
};

export const orchestratorSchema = z
  .object({
    /** How many validate → fix rounds a run may take before it stops and reports. */
    max_iterations: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(3)
      .describe('How many validate → fix rounds a run may take before it stops and reports.'),
    /** Seconds one task may run before it is stopped. */
    max_task_duration: z
      .number()
      .int()
      .min(1)
      .default(1800)
      .describe('Seconds one task may run before it is stopped.'),
    /** When progress is committed as a checkpoint; `phase_complete` is accepted as an alias of `phase`. */
    checkpoint_frequency: z
      .preprocess(
        (value) => (typeof value === 'string' ? (checkpointFrequencyAliases[value] ?? value) : value),
        checkpointFrequencySchema,
      )
      .prefault('task')
      .describe(
        "When progress is committed as a checkpoint: after every task, every parallel group or every phase. `phase_complete` (the seed's spelling) is accepted as an alias of `phase`.",
      ),
    /** Whether independent tasks of a group run at the same time. */
    parallel_execution: z
      .boolean()
      .default(true)
      .describe('Whether independent tasks of a group run at the same time.'),
    /** The most tasks that run at the same time when `parallel_execution` is on. */
    max_parallel: z
      .number()
      .int()
      .min(1)
      .max(16)
      .default(3)
      .describe('The most tasks that run at the same time when `parallel_execution` is on.'),
    /** After this many tasks the executor's view of the repository is refreshed. */
    context_refresh_interval: z
      .number()
      .int()
      .min(1)
      .default(5)
      .describe("After this many tasks the executor's view of the repository is refreshed."),
  })
  .strict()
  .describe('How a run is driven: iterations, checkpoints and parallelism.');
export type OrchestratorConfig = z.infer<typeof orchestratorSchema>;
