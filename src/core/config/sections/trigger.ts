import { z } from 'zod';

/*
 * `trigger`: what starts a run and who may approve its plan; the rules every field follows are in
 * ../config-schema.ts.
 */

/** The access levels that may approve a plan, lowest first. */
export const approverLevels = ['write', 'maintain', 'admin'] as const;

export const triggerSchema = z
  .object({
    /** The issue label that starts Maestro. */
    label: z.string().min(1).default('maestro').describe('The issue label that starts Maestro.'),
    /** The lowest repository permission whose `/maestro approve` counts; higher levels count too. */
    approvers: z
      .enum(approverLevels)
      .default('write')
      .describe('The lowest repository permission whose `/maestro approve` counts; higher levels count too.'),
  })
  .strict()
  .describe('What starts a run and who may approve its plan.');
export type TriggerConfig = z.infer<typeof triggerSchema>;
