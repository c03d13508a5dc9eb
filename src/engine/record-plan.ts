import type { Approval } from '../core/plan/approval.js';
import type { PlanRevision } from '../core/plan/plan-revision.js';
import type { SessionMetadata, SessionStatus } from '../core/state/session-metadata.js';
import type { SessionStore } from '../ports/session-store-port.js';
import type { PlannedIssue } from './plan-issue.js';

/**
 * Writes a planning round into the session (the seed's state files): the revision history in
 * plan.json, decisions.json with rationale, the rendered PRD, the discovery summary, and the
 * metadata's status. Written after every round so a crash loses at most the round in flight.
 */
export async function recordPlanRound(
  store: SessionStore,
  metadata: SessionMetadata,
  planned: PlannedIssue,
  history: PlanRevision[],
  markdown: string,
  status: SessionStatus,
  now: Date,
): Promise<SessionMetadata> {
  const id = metadata.session_id;
  const { revision } = planned;
  await store.writeJson(id, 'plan.json', { intent: planned.intent, revisions: history });
  await store.writeJson(
    id,
    'decisions.json',
    revision.decisions.map((d) => ({ timestamp: revision.createdAt, revision: revision.number, ...d })),
  );
  await store.writeText(id, 'prd.md', markdown);
  await store.writeJson(id, 'discovery.json', {
    stack: planned.discovery.stack,
    inventory: planned.discovery.inventory,
    context_tokens: planned.discovery.context.tokens,
    budget: planned.discovery.context.budget,
    files: planned.discovery.ranked
      .slice(0, 50)
      .map(({ path, score, tokens, included, reasons }) => ({ path, score, tokens, included, reasons })),
    sanitized: planned.sanitized,
  });
  const next: SessionMetadata = {
    ...metadata,
    status,
    chain: revision.chain,
    updated_time: now.toISOString(),
    plan: { revision: revision.number, hash: revision.hash, approved_hash: metadata.plan?.approved_hash },
  };
  await store.writeMetadata(next);
  return next;
}

export async function recordApproval(
  store: SessionStore,
  metadata: SessionMetadata,
  approval: Approval,
  now: Date,
): Promise<SessionMetadata> {
  await store.writeJson(metadata.session_id, 'approval.json', approval);
  const next: SessionMetadata = {
    ...metadata,
    status: 'approved',
    updated_time: now.toISOString(),
    plan: {
      revision: approval.revisionNumber,
      hash: approval.revisionHash,
      approved_hash: approval.revisionHash,
    },
  };
  await store.writeMetadata(next);
  return next;
}
