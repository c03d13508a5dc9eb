import { z } from 'zod';

/*
 * `pull_request`: how the pull request is opened; the rules every field follows are in
 * ../config-schema.ts.
 */

export const pullRequestSchema = z
  .object({
    /** `auto` opens a draft while gates fail and a ready PR when they pass. */
    draft: z
      .enum(['auto', 'always', 'never'])
      .default('auto')
      .describe('`auto` opens a draft pull request when a gate fails and a ready one when all pass.'),
    /** Request a review from whoever approved the plan. */
    request_review_from_approver: z
      .boolean()
      .default(true)
      .describe('Request a review from whoever approved the plan.'),
  })
  .strict()
  .describe('How the pull request is opened.');
export type PullRequestConfig = z.infer<typeof pullRequestSchema>;
