import { z } from 'zod';

/*
 * `decision_engine`: how technical decisions are made; the rules every field follows are in
 * ../config-schema.ts.
 */

export const decisionEngineSchema = z
  .object({
    /** Prefer libraries and patterns already in the repository over new ones. */
    prefer_existing: z
      .boolean()
      .default(true)
      .describe('Prefer libraries and patterns already in the repository over new ones.'),
    /** 0..1; a dependency scoring below this is not proposed. */
    maturity_threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.7)
      .describe('A new dependency scoring below this maturity (0..1) is not proposed.'),
    /** 0..1; below this the plan asks a question instead of assuming. */
    confidence_threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.6)
      .describe(
        'A decision with lower confidence (0..1) becomes a question in the plan instead of an assumption.',
      ),
  })
  .strict()
  .describe('How technical decisions are made.');
export type DecisionEngineConfig = z.infer<typeof decisionEngineSchema>;
