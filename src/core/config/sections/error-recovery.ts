import { z } from 'zod';

/*
 * `error_recovery`: what happens when a task fails; the rules every field follows are in
 * ../config-schema.ts.
 */

export const errorRecoverySchema = z
  .object({
    /** How many times a failed task is retried. */
    max_retry_attempts: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(3)
      .describe('How many times a failed task is retried.'),
    /** Each retry waits this many times longer than the one before. */
    backoff_multiplier: z
      .number()
      .min(1)
      .max(10)
      .default(2)
      .describe('Each retry waits this many times longer than the one before.'),
    /** Roll back to the last checkpoint when a task cannot be repaired. */
    enable_rollback: z
      .boolean()
      .default(true)
      .describe('Roll back to the last checkpoint when a task cannot be repaired.'),
    /** Stop and ask on the issue when requirements are ambiguous, instead of deciding and recording why. */
    request_human_on_ambiguous: z
      .boolean()
      .default(false)
      .describe(
        'Stop and ask on the issue when requirements are ambiguous, instead of deciding and recording why.',
      ),
  })
  .strict()
  .describe('What happens when a task fails.');
export type ErrorRecoveryConfig = z.infer<typeof errorRecoverySchema>;
