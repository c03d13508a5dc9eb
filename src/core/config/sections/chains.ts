import { z } from 'zod';
import { globProblem } from '../../policy/glob-match.js';
import { argvSchema } from './argv.js';

/* `chains`: what the chains other than `feature` need to know; the rules every field follows are in ../config-schema.ts. */

const globSchema = z
  .string()
  .min(1)
  .superRefine((glob, ctx) => {
    const problem = globProblem(glob);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `\`${glob}\` ${problem}` });
  });

export const chainsSchema = z
  .object({
    /** The `test` chain. */
    test: z
      .object({
        /** Globs of the files the test chain (and the fix chain's reproducing test) may write. */
        paths: z
          .array(globSchema)
          .min(1)
          .optional()
          .describe(
            'Globs of the files the `test` chain and the `fix` chain\'s reproducing test may write (e.g. ["test/**", "**/*.test.ts"]). Absent: detected from the repository\'s test directories and file names.',
          ),
        /** The command that prints total coverage; absent: detected (a `coverage` script, …). */
        coverage: argvSchema
          .optional()
          .describe(
            'The command that prints the total coverage, as an argv array; run before and after the `test` chain. Absent: a package.json script `coverage`/`test:coverage`, a Makefile target `coverage`, or pytest-cov.',
          ),
      })
      .strict()
      .prefault({})
      .describe('The `test` chain: which files it may write and how coverage is measured.'),
  })
  .strict()
  .describe('What the chains other than `feature` need to know about the repository.');
export type ChainsConfig = z.infer<typeof chainsSchema>;
