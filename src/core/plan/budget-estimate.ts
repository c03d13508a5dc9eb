import type { PlanDraft } from './plan-schema.js';

/**
 * A rough, labelled estimate of what executing the plan will cost, so a maintainer sees the order
 * of magnitude before approving. Per-task token figures are deliberately coarse: they come from the
 * size of the work the planner declared, not from a prediction of the model's behaviour.
 */
const PER_TASK: Record<PlanDraft['complexity'], { input: number; output: number }> = {
  small: { input: 40_000, output: 6_000 },
  medium: { input: 90_000, output: 14_000 },
  large: { input: 180_000, output: 30_000 },
};

export interface BudgetEstimate {
  tasks: number;
  /** Tokens for execution, low (no refinement) to high (every task redone once). */
  tokensLow: number;
  tokensHigh: number;
  usdLow: number;
  usdHigh: number;
  /** The configured cap the run stops at. */
  capUsd: number;
  /** False when the executor model has no known price (the USD figures are then 0). */
  priced: boolean;
}

export function estimateBudget(
  draft: PlanDraft,
  price: { inputPerMtok: number; outputPerMtok: number } | undefined,
  capUsd: number,
): BudgetEstimate {
  const tasks = draft.taskPreview.epics.reduce((n, e) => n + e.tasks.length, 0);
  const per = PER_TASK[draft.complexity];
  const input = tasks * per.input;
  const output = tasks * per.output;
  const usd = price ? (input * price.inputPerMtok + output * price.outputPerMtok) / 1_000_000 : 0;
  return {
    tasks,
    tokensLow: input + output,
    tokensHigh: 2 * (input + output),
    usdLow: usd,
    usdHigh: 2 * usd,
    capUsd,
    priced: price !== undefined,
  };
}
