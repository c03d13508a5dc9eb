import type { MaestroConfig } from '../core/config/config-schema.js';
import type { RunState, RunStop } from '../core/state/run-state.js';
import type { UsageLedger } from '../core/usage/usage-ledger.js';
import type { Clock } from '../ports/clock-port.js';

/** Share of a cap at which the run wraps up (checkpoint, report) instead of being cut off. */
const NEAR = 0.9;

/**
 * The run's caps (product.md §4 Budgets): USD, tokens, wall clock, files changed. Checked before
 * every dispatch; near a cap the run stops dispatching, keeps its checkpoints and writes the
 * report with the reason. Iterations are capped by the validation loop itself.
 */
export function budgetGuard(deps: {
  config: MaestroConfig;
  ledger: UsageLedger;
  clock: Clock;
  /** When this process started running the session; time in earlier processes is `state.elapsedMs`. */
  startedAt: Date;
  state: RunState & { filesChanged?: number };
  signal: AbortSignal;
}): () => RunStop | undefined {
  const { budget } = deps.config;
  return () => {
    if (deps.signal.aborted)
      return { reason: 'cancelled', detail: 'the run was cancelled; work so far is checkpointed' };
    const total = deps.ledger.total();
    if (budget.max_cost_usd > 0 && total.costUsd >= NEAR * budget.max_cost_usd) {
      return {
        reason: 'budget',
        detail: `spent $${total.costUsd.toFixed(2)} of the $${budget.max_cost_usd} cap (budget.max_cost_usd)`,
      };
    }
    const tokens = total.inputTokens + total.outputTokens;
    if (budget.max_tokens > 0 && tokens >= NEAR * budget.max_tokens) {
      return {
        reason: 'budget',
        detail: `used ${tokens} of ${budget.max_tokens} tokens (budget.max_tokens)`,
      };
    }
    const minutes = (deps.state.elapsedMs + deps.clock.now().getTime() - deps.startedAt.getTime()) / 60_000;
    if (minutes >= NEAR * budget.max_wall_minutes) {
      return {
        reason: 'wall-clock',
        detail: `ran ${minutes.toFixed(1)} of ${budget.max_wall_minutes} minutes (budget.max_wall_minutes)`,
      };
    }
    const files = deps.state.filesChanged ?? 0;
    if (files > budget.max_files_changed) {
      return {
        reason: 'files-changed',
        detail: `${files} files changed, more than budget.max_files_changed (${budget.max_files_changed})`,
      };
    }
    return undefined;
  };
}
