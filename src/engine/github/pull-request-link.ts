import type { GitHubDeps } from './github-deps.js';
import type { Handled } from './issue-events.js';
import { readPlan } from './plan-record.js';

const RUN_BRANCH = /^maestro\/issue-(\d+)(?:-|$)/;

/** The issue a Maestro branch belongs to (`maestro/issue-12-add-login` → 12). */
export function issueOfBranch(branch: string): number | undefined {
  const match = RUN_BRANCH.exec(branch);
  const n = match?.[1] ? Number(match[1]) : Number.NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * One more iteration on a Maestro PR (`/maestro fix <what>`, or changes requested by a writer):
 * it runs under the issue's recorded approval — the plan is the same, only the fix is new — and
 * the run re-verifies that approval before doing anything.
 */
export async function fixRequest(
  input: {
    issue: number;
    pr: number;
    fix: string;
    replyTo: { issue: number; key: string; commentId?: number };
    /** `ci-fix` and `review` carry what the run fetches itself (the digest, the review's comments). */
    reason?: 'fix' | 'ci-fix' | 'review';
    headSha?: string;
    reviewId?: number;
  },
  deps: GitHubDeps,
): Promise<Handled> {
  const plan = await readPlan(deps.host, input.issue);
  const approval = plan?.record.approval;
  if (!plan || !approval?.commentId || plan.record.status !== 'approved') {
    await deps.host.reply(
      input.replyTo.issue,
      input.replyTo.key,
      `Issue #${input.issue} has no approved Maestro plan, so there is nothing to iterate on.`,
    );
    return { kind: 'replied', reason: 'no approved plan' };
  }
  if (input.replyTo.commentId) await deps.host.react({ commentId: input.replyTo.commentId }, 'rocket');
  return {
    kind: 'execute',
    request: {
      issue: input.issue,
      approvalCommentId: approval.commentId,
      prdHash: approval.revisionHash,
      reason: input.reason ?? 'fix',
      fix: input.fix,
      pr: input.pr,
      ...(input.headSha ? { headSha: input.headSha } : {}),
      ...(input.reviewId !== undefined ? { reviewId: input.reviewId } : {}),
    },
  };
}
