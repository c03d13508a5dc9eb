import type { MaestroConfig } from '../../core/config/config-schema.js';
import { errorMessage } from '../../core/errors.js';
import { estimateBudget } from '../../core/plan/budget-estimate.js';
import { planReadiness } from '../../core/plan/plan-readiness.js';
import type { Answer } from '../../core/plan/plan-revision.js';
import { renderPlanningComment } from '../../core/plan/render-planning-comment.js';
import { findPrice, priceTable } from '../../core/usage/usage-ledger.js';
import type { Progress } from '../../ports/progress-port.js';
import { planIssue } from '../plan-issue.js';
import { checkEditsSinceTrigger } from './edits-since-trigger.js';
import type { GitHubDeps } from './github-deps.js';
import type { Handled } from './issue-events.js';
import { trustedSnapshot } from './issue-snapshot.js';
import { type PlanRecord, readPlan, type StoredPlan, writePlan } from './plan-record.js';

export interface PlanRequest {
  issue: number;
  /** Who asked (the labeller, or the author of the answering/revising comment). */
  by: { login: string; id: number };
  at: string;
  answers?: Record<string, Answer>;
  feedback?: string;
  chainOverride?: string;
  /** The comment that asked for this round (recorded as handled). */
  commentId?: number;
}

/**
 * Phase 1 on GitHub: the trusted issue snapshot (pinned to the trigger time: comments by their
 * timestamps, the title and body by their edit history, `checkEditsSinceTrigger`) → `planIssue` →
 * the planning comment (edited in place, older revisions folded) with its record → status label.
 * Called only after the requester's permission was checked; a model or discovery failure becomes
 * one comment saying what to do, and the label `maestro:failed`.
 */
export async function planOnGitHub(
  request: PlanRequest,
  config: MaestroConfig,
  deps: GitHubDeps,
): Promise<Handled> {
  const { host } = deps;
  const existing = await readPlan(host, request.issue);
  // A fresh plan (first label, or a re-label after cancel) starts the snapshot at this trigger.
  const fresh = !existing || (existing.record.status === 'cancelled' && request.commentId === undefined);
  const triggeredAt = fresh ? request.at : (existing?.record.triggeredAt ?? request.at);
  await host.setStatus(request.issue, 'maestro:planning');
  try {
    const [issue, comments] = await Promise.all([
      host.getIssue(request.issue),
      host.listComments(request.issue),
    ]);
    // The title and body are read before their edit history, so no edit lands unseen in between.
    const edits = await checkEditsSinceTrigger(host, request.issue, triggeredAt);
    if (edits.kind === 'refused') {
      deps.logger.warn(`Not planning #${request.issue}: ${edits.reason}`);
      await host.reply(request.issue, `plan-refused:${request.commentId ?? request.at}`, edits.comment);
      await host.setStatus(request.issue, existing ? statusOf(existing) : 'maestro:failed');
      return { kind: 'replied', reason: `issue ${edits.reason}` };
    }
    const snapshot = await trustedSnapshot(host, issue, comments, triggeredAt);
    const opened = await deps.openModel(config);
    const repo = await deps.checkout();
    const previous = fresh ? undefined : existing?.record;
    const planned = await planIssue(
      {
        snapshot,
        chainOverride: request.chainOverride ?? (previous ? previous.revision.chain : undefined),
        answers: { ...(previous?.revision.answers ?? {}), ...(request.answers ?? {}) },
        feedback: [...(previous?.revision.feedback ?? []), ...(request.feedback ? [request.feedback] : [])],
        previous: previous?.revision,
      },
      {
        model: opened.model,
        repo,
        cache: deps.cache,
        config,
        progress: logProgress(deps),
        clock: deps.clock,
      },
    );
    const { revision } = planned;
    const ready = planReadiness(revision).kind === 'ready';
    const totals = opened.ledger.total();
    const planningUsage = {
      tokens: (previous?.planningUsage.tokens ?? 0) + totals.inputTokens + totals.outputTokens,
      usd: (previous?.planningUsage.usd ?? 0) + totals.costUsd,
    };
    const chainSource = planned.intent.matched.length
      ? `${planned.intent.source}: ${planned.intent.matched.join(', ')}`
      : planned.intent.source;
    const history = previous
      ? [...previous.history, { number: previous.revision.number, hash: previous.revision.hash }]
      : [];
    const price = findPrice(config.model.executor, priceTable(config.model.prices));
    const visible = renderPlanningComment({
      revision,
      chainSource,
      estimate: estimateBudget(
        revision.draft,
        price ? { inputPerMtok: price.inputPerMTok, outputPerMtok: price.outputPerMTok } : undefined,
        config.budget.max_cost_usd,
      ),
      planningUsage,
      previous: [...history].reverse().map((h) => ({
        number: h.number,
        hash: h.hash,
        markdown: `Superseded by revision ${revision.number}.`,
      })),
      includeRationale: config.logging.include_rationale,
      respond: 'comment',
    });
    const record: Omit<PlanRecord, 'visibleHash'> = {
      revision,
      history,
      triggeredAt,
      trigger: fresh ? request.by : (existing?.record.trigger ?? request.by),
      chainSource,
      status: ready ? 'awaiting-approval' : 'needs-answers',
      lastCommentId: Math.max(existing?.record.lastCommentId ?? 0, request.commentId ?? 0),
      planningUsage,
    };
    await writePlan(host, request.issue, record, visible);
    await host.setStatus(request.issue, ready ? 'maestro:awaiting-approval' : 'maestro:needs-answers');
    return { kind: 'planned', revision: revision.number, hash: revision.hash, ready };
  } catch (error) {
    deps.logger.error(`Planning #${request.issue} failed: ${errorMessage(error)}`);
    await host.reply(
      request.issue,
      `plan-failed:${request.commentId ?? request.at}`,
      [
        '### ⚠️ Maestro could not write the plan',
        '',
        oneLineError(error),
        '',
        'Nothing was changed in the repository. Fix the cause, then remove and re-add the label, or comment `/maestro revise <feedback>` to try again.',
      ].join('\n'),
    );
    await host.setStatus(request.issue, existing ? statusOf(existing) : 'maestro:failed');
    return { kind: 'replied', reason: 'planning failed' };
  }
}

/** The status label a stored plan's record stands for. */
export function statusOf(stored: StoredPlan) {
  const s = stored.record.status;
  return s === 'approved'
    ? ('maestro:approved' as const)
    : s === 'cancelled'
      ? ('maestro:cancelled' as const)
      : s === 'needs-answers'
        ? ('maestro:needs-answers' as const)
        : ('maestro:awaiting-approval' as const);
}

function oneLineError(error: unknown): string {
  return errorMessage(error).split('\n').slice(0, 6).join('\n');
}

/** Planning progress goes to the log; people see the result in the planning comment. */
function logProgress(deps: GitHubDeps): Progress {
  return {
    phase: (n, title) => deps.logger.info(`Phase ${n}: ${title}`),
    step: (text) => deps.logger.info(`→ ${text}`),
    done: (text) => deps.logger.info(`✓ ${text}`),
    warn: (text) => deps.logger.warn(text),
  };
}
