import { meetsApprover } from '../../core/commands/command-permissions.js';
import { parseCommand } from '../../core/commands/parse-command.js';
import type { MaestroConfig } from '../../core/config/config-schema.js';
import type { Approval } from '../../core/plan/approval.js';
import { type PlanRevision, verifyRevisionHash } from '../../core/plan/plan-revision.js';
import type { IssueHost } from '../../ports/issue-host-port.js';
import type { ExecuteRequest } from './issue-events.js';
import { snapshotHashOf, trustedSnapshot } from './issue-snapshot.js';
import { readPlan, type StoredPlan, visibleHashOf } from './plan-record.js';

export type ApprovalCheck =
  | { kind: 'verified'; plan: StoredPlan; revision: PlanRevision; approval: Approval }
  /**
   * `void`: the recorded approval itself no longer holds (the plan, the approval comment, the
   * approver's permission or the issue changed), so the issue is no longer approved. `claim`: only
   * this request is wrong (another hash, comment or a plan that is not approved) — a stray or
   * forged dispatch, which says nothing about the issue's approval and must not change its label.
   */
  | { kind: 'refused'; reasons: string[]; approval: 'void' | 'claim' };

/**
 * The executing run re-checks the approval against GitHub before any model call (security.md
 * rule 2), trusting nothing it was handed except as a claim to verify:
 * 1. the planning comment is Maestro's own (author id) and its record names an approval;
 * 2. the approved revision still hashes to its content, is the one approved, and — when given —
 *    is the PRD hash the dispatch carried;
 * 3. nobody edited the planning comment's visible text since Maestro wrote it (ticking a
 *    task-list box and the status line Maestro rewrites aside: they change no word of the plan);
 * 4. the approval comment exists, is by the approver, unedited, and still says `/maestro approve`;
 * 5. the approver still has the configured permission (permission API, failing closed);
 * 6. the issue (title, body, labels, trusted comments) still hashes to the approved snapshot.
 */
export async function verifyApproval(
  host: IssueHost,
  request: ExecuteRequest,
  config: MaestroConfig,
): Promise<ApprovalCheck> {
  const refuse = (...reasons: string[]): ApprovalCheck => ({ kind: 'refused', reasons, approval: 'void' });
  const refuseClaim = (...reasons: string[]): ApprovalCheck => ({
    kind: 'refused',
    reasons,
    approval: 'claim',
  });
  const plan = await readPlan(host, request.issue);
  if (!plan) return refuseClaim(`Issue #${request.issue} has no plan written by Maestro.`);
  const { record } = plan;
  const approval = record.approval;
  if (!approval || record.status !== 'approved')
    return refuseClaim(`The plan on #${request.issue} is not approved (status: ${record.status}).`);
  if (request.prdHash !== record.revision.hash)
    return refuseClaim(
      `The run was asked for PRD \`${request.prdHash}\`, the approved one is \`${record.revision.hash}\`.`,
    );
  if (approval.commentId !== request.approvalCommentId)
    return refuseClaim(`Comment ${request.approvalCommentId} is not the recorded approval.`);
  if (!verifyRevisionHash(record.revision))
    return refuse('The stored plan revision does not match its hash.');
  if (approval.revisionHash !== record.revision.hash)
    return refuse(
      `The approval names revision \`${approval.revisionHash}\`, the plan is \`${record.revision.hash}\`.`,
    );
  // Task-list ticks and Maestro's status line are not edits of the plan (visibleHashOf skips them); anything else is.
  if (visibleHashOf(plan.visible) !== record.visibleHash)
    return refuse('The planning comment was edited after Maestro wrote it; re-plan with `/maestro revise`.');

  const comment = await host.getComment(request.approvalCommentId);
  if (!comment) return refuse('The approval comment was deleted.');
  if (comment.author.id !== approval.approverId)
    return refuse('The approval comment is not by the approver.');
  if (comment.updatedAt !== comment.createdAt)
    return refuse('The approval comment was edited after it was posted.');
  if (parseCommand(comment.body).kind !== 'approve')
    return refuse('The approval comment no longer approves.');

  const level = await host.permission(approval.approver);
  if (!meetsApprover(level, config.trigger.approvers))
    return refuse(
      `@${approval.approver} no longer has ${config.trigger.approvers} permission (now: ${level}); a current approver must approve again.`,
    );

  const [issue, comments] = await Promise.all([
    host.getIssue(request.issue),
    host.listComments(request.issue),
  ]);
  const snapshot = await trustedSnapshot(host, issue, comments, record.triggeredAt);
  if (snapshotHashOf(snapshot) !== approval.issueSnapshotHash)
    return refuse(
      'The issue changed after approval; comment `/maestro revise` to re-plan, then approve again.',
    );
  return { kind: 'verified', plan, revision: record.revision, approval };
}
