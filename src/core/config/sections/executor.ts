import { z } from 'zod';
import { argvSchema } from './argv.js';

/* `executor`: what carries out each task; the rules every field follows are in ../config-schema.ts. */

export const executorKinds = ['builtin', 'command'] as const;

export const executorSchema = z
  .object({
    /** `builtin` uses Maestro's own agent loop; `command` runs any CLI agent per task. */
    kind: z
      .enum(executorKinds)
      .default('builtin')
      .describe("`builtin` uses Maestro's own agent loop; `command` runs any CLI agent for each task."),
    /** The agent's argv when `kind` is `command`; the task prompt is given on stdin. */
    command: argvSchema
      .optional()
      .describe(
        'The argv of the CLI agent, required when `kind` is `command` (e.g. ["claude", "-p"]); the task prompt is given on stdin. Runs without a shell.',
      ),
    /** The most model turns one task may take with the builtin executor. */
    max_turns: z
      .number()
      .int()
      .min(1)
      .max(500)
      .default(60)
      .describe('The most model turns one task may take with the builtin executor.'),
  })
  .strict()
  .superRefine((executor, ctx) => {
    if (executor.kind === 'command' && executor.command === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['command'],
        message:
          'is required when `executor.kind` is `command`: give the agent\'s argv, e.g. command: ["claude", "-p"]',
      });
    }
  })
  .describe('What carries out each task.');
export type ExecutorConfig = z.infer<typeof executorSchema>;
