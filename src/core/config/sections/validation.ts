import { z } from 'zod';
import { argvSchema } from './argv.js';

/* `validation`: the checks a change must pass; the rules every field follows are in ../config-schema.ts. */

export const qualityGates = ['test', 'lint', 'typecheck', 'build', 'security'] as const;
export const qualityGateSchema = z.enum(qualityGates);
export type QualityGate = z.infer<typeof qualityGateSchema>;

// Characters that only mean something to a shell; in a command string they would reach the program literally.
const shellSyntax = /[|&;<>()$`"'\\\n]/;

/**
 * A gate command: an argv array, or a string split on whitespace (no shell, so no quoting, pipes,
 * `&&`, redirects or `$VARS`). Either way the parsed value is an argv array.
 */
export const gateCommandSchema = z
  .union([
    argvSchema,
    z
      .string()
      .trim()
      .min(1)
      .refine((text) => !shellSyntax.test(text), {
        message:
          'is split on whitespace and run without a shell, so quotes, pipes, `&&`, `;`, redirects and `$VARS` do not work: give an argv array (e.g. ["npm", "test"]) or put the pipeline in a script',
      })
      .transform((text) => text.split(/\s+/)),
  ])
  .describe(
    'An argv array (["npm", "run", "lint"]) or a single string split on whitespace ("npm run lint"). Nothing runs through a shell: no quoting, pipes, `&&`, redirects or `$VARS`.',
  );

export const validationSchema = z
  .object({
    /** Run the repository's tests after each task. */
    run_tests: z.boolean().default(true).describe("Run the repository's tests after each task."),
    /** Check the finished work against the plan's requirements (PRD). */
    validate_prd: z
      .boolean()
      .default(true)
      .describe("Check the finished work against the plan's requirements (PRD)."),
    /** The gates that must pass before the pull request is marked ready. */
    quality_gates: z
      .array(qualityGateSchema)
      .default(['test', 'lint', 'typecheck'])
      .describe('The gates that must pass before the pull request is marked ready.'),
    /** The command per gate; a gate not listed is detected from the repository (package.json scripts, …). */
    commands: z
      .partialRecord(qualityGateSchema, gateCommandSchema)
      .prefault({})
      .describe(
        'The command for each gate, as an argv array or a string split on whitespace (no shell syntax). A gate not listed here is detected from the repository (package.json scripts, Makefile, …).',
      ),
    /** A failing gate fails the run (otherwise it is only reported). */
    fail_on_gate_violation: z
      .boolean()
      .default(true)
      .describe('A failing gate fails the run; when false it is only reported.'),
    /** Seconds one gate command may run before it is stopped and counted as failed. */
    gate_timeout_seconds: z
      .number()
      .int()
      .min(1)
      .default(600)
      .describe('Seconds one gate command may run before it is stopped and counted as failed.'),
  })
  .strict()
  .describe('The checks a change must pass.');
export type ValidationConfig = z.infer<typeof validationSchema>;
