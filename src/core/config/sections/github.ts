import { z } from 'zod';

/* `github`: how the App hands work to the Action; the rules every field follows are in ../config-schema.ts. */

export const githubSchema = z
  .object({
    /** The workflow the App dispatches to plan (with `planning.runs_in: action`) and to execute. */
    workflow: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+\.ya?ml$/, 'a workflow file name in .github/workflows, e.g. maestro.yml')
      .default('maestro.yml')
      .describe(
        'The workflow file in .github/workflows the App dispatches to plan (with `planning.runs_in: action`) and to execute.',
      ),
  })
  .strict()
  .describe('How the App hands work to the Action.');
export type GitHubConfig = z.infer<typeof githubSchema>;
