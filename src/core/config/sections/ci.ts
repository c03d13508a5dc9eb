import { z } from 'zod';

/* `ci`: what happens after the pull request opens; the rules every field follows are in ../config-schema.ts. */

export const ciSchema = z
  .object({
    /** Fix iterations Maestro runs on its PR when its checks fail (0 turns the loop off). */
    max_fix_iterations: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(2)
      .describe(
        "CI fix iterations per pull request: when the checks on Maestro's last checkpoint fail, Maestro runs one iteration with what failed (check names, annotations, the failed jobs' log excerpts) and pushes a new checkpoint, at most this many times; then it stops and says so. 0 turns the loop off.",
      ),
    /** Answer a writer's inline review comments in one iteration, with a reply in each thread. */
    review_threads: z
      .boolean()
      .default(true)
      .describe(
        "A writer's review with inline comments on Maestro's PR becomes one fix iteration addressing all of them, with a reply in each comment's thread (never resolving it).",
      ),
  })
  .strict()
  .describe('What Maestro does on its pull request after it opens: CI failures and review threads.');
export type CiConfig = z.infer<typeof ciSchema>;
