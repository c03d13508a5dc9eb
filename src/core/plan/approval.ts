import { z } from 'zod';
import { planReadiness } from './plan-readiness.js';
import type { PlanRevision } from './plan-revision.js';

/** An approval binds a person to one exact revision and the issue snapshot it was built from. */
export const approvalSchema = z.object({
  revisionNumber: z.number().int().min(1),
  revisionHash: z.string(),
  issueSnapshotHash: z.string(),
  /** GitHub login (with id in `approverId`) or `local user` in the CLI. */
  approver: z.string(),
  approverId: z.number().int().optional(),
  /** The approving comment, when there is one (GitHub). */
  commentId: z.number().int().optional(),
  at: z.string(),
});
export type Approval = z.infer<typeof approvalSchema>;

export type ApprovalOutcome =
  | { kind: 'approved'; approval: Approval }
  | { kind: 'refused'; reason: 'not-ready'; details: string[] }
  | { kind: 'refused'; reason: 'hash-mismatch'; details: string[] };

export interface ApproveInput {
  revision: PlanRevision;
  approver: string;
  approverId?: number;
  commentId?: number;
  /** The hash the approver named (`/maestro approve <hash>`); any prefix of ≥ 7 characters. */
  requestedHash?: string;
  at: Date;
}

/** Approves the current revision, or says why not (not ready, or the named hash is another revision). */
export function approveRevision(input: ApproveInput): ApprovalOutcome {
  const { revision } = input;
  if (input.requestedHash !== undefined) {
    const wanted = input.requestedHash.toLowerCase();
    if (wanted.length < 7 || !revision.hash.startsWith(wanted)) {
      return {
        kind: 'refused',
        reason: 'hash-mismatch',
        details: [
          `\`${input.requestedHash}\` is not the current revision; the current one is \`${revision.hash}\``,
        ],
      };
    }
  }
  const readiness = planReadiness(revision);
  if (readiness.kind === 'not-ready')
    return { kind: 'refused', reason: 'not-ready', details: readiness.reasons };
  return {
    kind: 'approved',
    approval: {
      revisionNumber: revision.number,
      revisionHash: revision.hash,
      issueSnapshotHash: revision.issueSnapshotHash,
      approver: input.approver,
      approverId: input.approverId,
      commentId: input.commentId,
      at: input.at.toISOString(),
    },
  };
}
