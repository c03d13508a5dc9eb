import { z } from 'zod';

/* `budget`: caps per run; the rules every field follows are in ../config-schema.ts. */

export const budgetSchema = z
  .object({
    /** The most a run may spend on model calls, in USD. */
    max_cost_usd: z
      .number()
      .positive()
      .default(10)
      .describe('The most a run may spend on model calls, in USD.'),
    /** The most model tokens (input + output) a run may use. */
    max_tokens: z
      .number()
      .int()
      .positive()
      .default(2_000_000)
      .describe('The most model tokens (input + output) a run may use.'),
    /** The longest a run may take, in minutes. */
    max_wall_minutes: z
      .number()
      .int()
      .positive()
      .default(60)
      .describe('The longest a run may take, in minutes.'),
    /** The most files one pull request may change. */
    max_files_changed: z
      .number()
      .int()
      .positive()
      .default(50)
      .describe('The most files one pull request may change.'),
  })
  .strict()
  .describe('Caps per run; near a cap Maestro checkpoints and reports instead of being cut off.');
export type BudgetConfig = z.infer<typeof budgetSchema>;
