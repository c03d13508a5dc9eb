import type { MaestroConfig } from '../../core/config/config-schema.js';
import { approveRevision } from '../../core/plan/approval.js';
import type { GitHubDeps } from './github-deps.js';
import type { Handled, IssueEvent } from './issue-events.js';
import { snapshotHashOf, trustedSnapshot } from './issue-snapshot.js';
import { type StoredPlan, updateRecord } from './plan-record.js';

type CommentEvent = Extract<IssueEvent, { kind: 'comment' }>;

/**
 * `/maestro approve [hash]` from someone already checked to hold the approver permission: binds
 * the approver, the comment, the revision hash and the issue snapshot hash (security.md rule 2),
 * records it in the planning comment and asks the front door to start the run. A second approval
 * of the same revision (two people at once, a redelivery) finds it recorded and starts nothing.
 */
export async function approvePlan(
  event: CommentEvent,
  plan: StoredPlan,
  requestedHash: string | undefined,
  config: MaestroConfig,
  deps: GitHubDeps,
): Promise<Handled> {
  const { host } = deps;
  const { comment } = event;
  const replyKey = `reply:${comment.id}`;
  const { record } = plan;
  if (record.status === 'cancelled') {
    await host.reply(
      event.issue,
      replyKey,
      `This plan was cancelled; add the \`${config.trigger.label}\` label again to re-plan.`,
    );
    return { kind: 'replied', reason: 'plan cancelled' };
  }
  if (record.approval?.revisionHash === record.revision.hash) {
    await host.reply(
      event.issue,
      replyKey,
      `Revision ${record.revision.number} (\`${record.revision.hash}\`) is already approved by @${record.approval.approver}; the run was started then. Use \`/maestro resume\` if it stopped.`,
    );
    return { kind: 'replied', reason: 'already approved' };
  }

  const [issue, comments] = await Promise.all([host.getIssue(event.issue), host.listComments(event.issue)]);
  const current = snapshotHashOf(await trustedSnapshot(host, issue, comments, record.triggeredAt));
  if (current !== record.revision.issueSnapshotHash) {
    await host.reply(
      event.issue,
      replyKey,
      'The issue changed after this revision was written, so it cannot be approved as it is. Comment `/maestro revise` to re-plan with the current text, then approve the new revision.',
    );
    return { kind: 'replied', reason: 'issue changed since the revision' };
  }

  const outcome = approveRevision({
    revision: record.revision,
    approver: comment.author.login,
    approverId: comment.author.id,
    commentId: comment.id,
    requestedHash,
    at: new Date(comment.createdAt),
  });
  if (outcome.kind === 'refused') {
    const why = outcome.reason === 'not-ready' ? 'The plan is not ready for approval:' : 'Not approved:';
    await host.reply(event.issue, replyKey, [why, ...outcome.details.map((d) => `- ${d}`)].join('\n'));
    return { kind: 'replied', reason: `approval refused (${outcome.reason})` };
  }

  await updateRecord(
    host,
    event.issue,
    plan,
    {
      status: 'approved',
      approval: outcome.approval,
      dispatchedAt: deps.clock.now().toISOString(),
      lastCommentId: Math.max(record.lastCommentId, comment.id),
    },
    {
      kind: 'approved',
      by: comment.author.login,
      revision: record.revision.number,
      at: outcome.approval.at,
    },
  );
  await host.setStatus(event.issue, 'maestro:approved');
  await host.react({ commentId: comment.id }, 'rocket');
  await host.reply(
    event.issue,
    replyKey,
    `✅ Revision ${record.revision.number} (\`${record.revision.hash}\`) approved by @${comment.author.login}. The run starts now; its tracking comment will follow progress here.`,
  );
  return {
    kind: 'execute',
    request: {
      issue: event.issue,
      approvalCommentId: comment.id,
      prdHash: record.revision.hash,
      reason: 'approve',
    },
  };
}
