import { z } from 'zod';

/* `planning`: how the plan is made; the rules every field follows are in ../config-schema.ts. */

export const planningSchema = z
  .object({
    /** Where the plan is written: in the GitHub App or in the Action's workflow run. */
    runs_in: z
      .enum(['app', 'action'])
      .default('app')
      .describe("Where the plan is written: in the GitHub App, or in the Action's workflow run."),
    /** Tokens of repository context given to the planner. */
    context_budget_tokens: z
      .number()
      .int()
      .min(2000)
      .max(200_000)
      .default(27_000)
      .describe('Tokens of repository context given to the planner.'),
  })
  .strict()
  .describe('How the plan is made.');
export type PlanningConfig = z.infer<typeof planningSchema>;
