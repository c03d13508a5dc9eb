import { z } from 'zod';

/* `logging`: what is logged; the rules every field follows are in ../config-schema.ts. */

export const loggingSchema = z
  .object({
    /** The least severe level that is logged. */
    level: z
      .enum(['debug', 'info', 'warn', 'error'])
      .default('info')
      .describe('The least severe level that is logged.'),
    /** Log why each decision was made. */
    include_rationale: z.boolean().default(true).describe('Log why each decision was made.'),
    /** Also write the log to a file in the run's state directory. */
    log_to_file: z
      .boolean()
      .default(true)
      .describe("Also write the log to a file in the run's state directory."),
  })
  .strict()
  .describe('What is logged.');
export type LoggingConfig = z.infer<typeof loggingSchema>;
