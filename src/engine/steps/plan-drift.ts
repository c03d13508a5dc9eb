import { comparePlanToPreview, type PlanDrift } from '../../core/plan/compare-task-preview.js';
import type { StepContext, StepOutcome } from './step-context.js';

/**
 * "The plan you approve is the plan that runs": the generated tasks are compared with the approved
 * preview and the difference kept for the report and the tracking comment. When a requirement the
 * preview served has no task any more, the tasks are discarded and the run stops before any of
 * them runs: the maintainer re-approves (a resume generates them again).
 */
export function planDriftOutcome(ctx: StepContext): StepOutcome | undefined {
  const { state, input } = ctx;
  if (!state.tasks) return undefined;
  const drift = comparePlanToPreview(
    input.revision.draft.taskPreview,
    state.tasks,
    input.revision.draft.prd.requirements,
  );
  state.planDrift = drift;
  if (drift.kind === 'refined')
    ctx.deps.progress.warn(`The tasks differ from the approved preview (${drift.changes.length} change(s))`);
  if (drift.kind !== 'needs-reapproval') return undefined;
  state.tasks = undefined;
  return {
    kind: 'stopped',
    stop: {
      reason: 'plan-changed',
      detail: `${drift.why} Re-approve the plan (or revise it) before anything runs.`,
    },
    record: { summary: drift.why },
  };
}

export function planDriftOf(value: unknown): PlanDrift | undefined {
  return value && typeof value === 'object' && 'kind' in value ? (value as PlanDrift) : undefined;
}
