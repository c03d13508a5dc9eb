import { z } from 'zod';
import { approvalSchema } from '../../core/plan/approval.js';
import { contentHash } from '../../core/plan/canonical-hash.js';
import { planRevisionSchema } from '../../core/plan/plan-revision.js';
import {
  type PlanStatus,
  withoutPlanStatus,
  withPlanStatus,
  withPlanStatusBlock,
} from '../../core/plan/plan-status.js';
import { redactOutbound } from '../../core/policy/redact-outbound.js';
import type { IssueComment, IssueHost } from '../../ports/issue-host-port.js';
import { packState, unpackState } from './state-codec.js';

/**
 * Everything Maestro knows about one issue's plan, kept in the marker of its planning comment (the
 * App holds no state of its own). Trusted only because the adapter reads markers from comments
 * authored by Maestro's own account.
 */
export const planRecordSchema = z.object({
  revision: planRevisionSchema,
  /** Earlier revisions, oldest first (number and hash; the comment folds them). */
  history: z.array(z.object({ number: z.number().int(), hash: z.string() })).default([]),
  /** When the trigger label was added: comments after it never enter the issue snapshot. */
  triggeredAt: z.string(),
  trigger: z.object({ login: z.string(), id: z.number().int() }),
  /** Where the chain came from, as shown in the comment. */
  chainSource: z.string(),
  status: z.enum(['needs-answers', 'awaiting-approval', 'approved', 'cancelled']),
  approval: approvalSchema.optional(),
  /** Set when an execution was requested for the approval (so the sweep never starts it twice). */
  dispatchedAt: z.string().optional(),
  /** The newest comment Maestro has handled on this issue (the reconciliation sweep's watermark). */
  lastCommentId: z.number().int().default(0),
  /** Hash of the visible comment as Maestro wrote it: an edit by anyone else changes it. */
  visibleHash: z.string(),
  planningUsage: z.object({ tokens: z.number(), usd: z.number() }).default({ tokens: 0, usd: 0 }),
});
export type PlanRecord = z.infer<typeof planRecordSchema>;

export interface StoredPlan {
  comment: IssueComment;
  record: PlanRecord;
  /** The comment as people see it now (without the marker). */
  visible: string;
}

/** The planning comment and its record, or undefined when there is none (or it cannot be read). */
export async function readPlan(host: IssueHost, issue: number): Promise<StoredPlan | undefined> {
  const own = await host.findOwnComment(issue, { kind: 'plan' });
  if (!own) return undefined;
  const parsed = planRecordSchema.safeParse(unpackState(own.state.data?.record));
  if (!parsed.success) return undefined;
  return { comment: own.comment, record: parsed.data, visible: own.visible };
}

/**
 * Writes the planning comment with its record. `visibleHash` must describe the text as GitHub
 * holds it, after the adapter's redaction: the text is redacted here the same way first, and in
 * the rare case the adapter changed it further (a configured secret in the plan) it is written
 * once more with the hash of what was actually posted.
 */
export async function writePlan(
  host: IssueHost,
  issue: number,
  record: Omit<PlanRecord, 'visibleHash'>,
  visible: string,
): Promise<StoredPlan> {
  const expected = redactOutbound(visible, { issueNumber: issue }).text.trim();
  let full: PlanRecord = { ...record, visibleHash: visibleHashOf(expected) };
  let comment = await host.upsertOwnComment(issue, planState(issue, full), expected);
  const posted = visibleOf(comment.body);
  if (visibleHashOf(posted) !== full.visibleHash) {
    full = { ...full, visibleHash: visibleHashOf(posted) };
    comment = await host.upsertOwnComment(issue, planState(issue, full), posted);
  }
  return { comment, record: full, visible: posted };
}

function planState(issue: number, record: PlanRecord) {
  return {
    kind: 'plan' as const,
    issue,
    revision: record.revision.number,
    hash: record.revision.hash,
    status: record.status,
    data: { record: packState(record) },
  };
}

/**
 * The record changes (approval, watermark); the visible text is posted as GitHub holds it, with only
 * its status block rewritten when `status` is given — the same single edit. `visibleHash` stays: the
 * hash skips that block, and anyone else's edit of the rest stays visible to verify-approval.ts.
 */
export async function updateRecord(
  host: IssueHost,
  issue: number,
  stored: StoredPlan,
  patch: Partial<PlanRecord>,
  status?: PlanStatus,
): Promise<StoredPlan> {
  const record = { ...stored.record, ...patch };
  if (!status) {
    const comment = await host.upsertOwnComment(issue, planState(issue, record), stored.visible);
    return { comment, record, visible: stored.visible };
  }
  return postStatus(host, issue, { ...stored, record }, withPlanStatus(stored.visible, status));
}

/**
 * Posts `visible` (the comment with only its status block changed). Should the adapter's redaction
 * turn the status into something the hash does not skip, the comment would stop matching its hash
 * and refuse a legitimate run: then the text as it was is posted back (a rare second write).
 */
async function postStatus(
  host: IssueHost,
  issue: number,
  stored: StoredPlan,
  visible: string,
): Promise<StoredPlan> {
  const state = planState(issue, stored.record);
  const comment = await host.upsertOwnComment(issue, state, visible);
  const posted = visibleOf(comment.body);
  const matched = visibleHashOf(stored.visible) === stored.record.visibleHash;
  if (!matched || visibleHashOf(posted) === stored.record.visibleHash)
    return { ...stored, comment, visible: posted };
  const restored = await host.upsertOwnComment(issue, state, stored.visible);
  return { ...stored, comment: restored, visible: visibleOf(restored.body) };
}

/** A status to show, or a block put back verbatim (a run that turned out to have nothing to do). */
export type StatusEdit = PlanStatus | { kind: 'as-before'; block: string };

/**
 * Shows where a run stands in the planning comment (running, PR opened, failed, cancelled): read
 * fresh, because comments handled during the run move the record's watermark, and one edit. A
 * status line is for people; failing to write it never fails the run, so the error is returned.
 */
export async function showPlanStatus(
  host: IssueHost,
  issue: number,
  status: StatusEdit,
): Promise<StoredPlan | Error | undefined> {
  try {
    const stored = await readPlan(host, issue);
    if (!stored) return undefined;
    const visible =
      status.kind === 'as-before'
        ? withPlanStatusBlock(stored.visible, status.block)
        : withPlanStatus(stored.visible, status);
    if (visible === stored.visible) return stored;
    return await postStatus(host, issue, stored, visible);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

const TASK_ITEM = /^(\s*(?:[-*+]|\d+[.)])\s+)\[[xX ]\]/gm;

/**
 * The hash of the planning comment's visible text, task-list state and status line aside: GitHub
 * lets anyone with write access tick a `- [ ]` item, which rewrites the comment but not the plan, so
 * `[x]` reads as `[ ]` here (planning comments written before criteria became plain items still have
 * boxes); and Maestro rewrites its own status block as the plan moves on (plan-status.ts says what
 * that block may hold — never the plan).
 */
export function visibleHashOf(visible: string): string {
  return contentHash(withoutPlanStatus(visible.trim()).replace(TASK_ITEM, '$1[ ]')).slice(0, 16);
}

const MARKER = /<!-- maestro:state v1 [A-Za-z0-9_-]+ -->/g;
export function visibleOf(body: string): string {
  return body.replace(MARKER, '').trim();
}
