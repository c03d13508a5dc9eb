import { planStatusBlockOf } from '../../core/plan/plan-status.js';
import type { GitHubDeps, RunResult } from './github-deps.js';
import { type StatusEdit, type StoredPlan, showPlanStatus } from './plan-record.js';

/**
 * What the planning comment's status line says once a run ended: `before` is the planning comment
 * as the run found it, whose status comes back when the run had nothing to do (a CI fix whose
 * branch moved on). Undefined: the line stays as it is (a refusal of a stray request, a dry run).
 */
export function planStatusAfterRun(result: RunResult, before: StoredPlan): StatusEdit | undefined {
  switch (result.status) {
    case 'pr-open':
      return result.pr ? { kind: 'pr-opened', pr: result.pr.number } : undefined;
    case 'reviewed':
      return { kind: 'reviewed' };
    case 'failed':
      return { kind: 'failed', why: result.reasons[0] ?? 'see the tracking comment' };
    case 'cancelled':
      return { kind: 'cancelled' };
    case 'skipped': {
      const block = planStatusBlockOf(before.visible);
      return block ? { kind: 'as-before', block } : undefined;
    }
    case 'refused':
    case 'dry-run':
      return undefined;
  }
}

/** One edit of the planning comment; a failure is logged, never raised (the status line is for people). */
export async function notePlanStatus(deps: GitHubDeps, issue: number, edit: StatusEdit | undefined) {
  if (!edit) return;
  const shown = await showPlanStatus(deps.host, issue, edit);
  if (shown instanceof Error)
    deps.logger.warn(`Could not update the planning comment's status on #${issue}: ${shown.message}`);
}
