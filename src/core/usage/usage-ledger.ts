import type { CallUsage, ModelPhase, TokenUsage } from '../../ports/model-port.js';
import { BudgetExceededError } from '../errors.js';

/**
 * Token and cost accounting for every model call of a run (product.md §8, benchmarks.md §6). Each
 * call is recorded exactly once with the usage the provider reported; retries that returned no
 * usage record nothing, so the totals reproduce the provider's own numbers.
 */

/** USD per million tokens. A missing cached / cache-write rate means "billed as plain input". */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok?: number;
  cacheWritePerMTok?: number;
}

/** The config form (`model.prices` in .github/maestro.yml), keyed by model id. */
export type PriceOverrides = Record<
  string,
  {
    input_per_mtok: number;
    output_per_mtok: number;
    cached_input_per_mtok?: number;
    cache_write_per_mtok?: number;
  }
>;

export type PriceTable = Readonly<Record<string, ModelPrice>>;

const anthropic = (input: number, output: number): ModelPrice => ({
  inputPerMTok: input,
  outputPerMTok: output,
  // Anthropic bills cache reads at 10% and 5-minute cache writes at 125% of the input rate.
  cachedInputPerMTok: input * 0.1,
  cacheWritePerMTok: input * 1.25,
});

const openai = (input: number, output: number, cached: number): ModelPrice => ({
  inputPerMTok: input,
  outputPerMTok: output,
  cachedInputPerMTok: cached,
  // OpenAI caches prefixes automatically and does not charge extra for writing them.
});

/**
 * List prices (USD per million tokens) of the models Maestro is usually run with. Dated model ids
 * (`claude-sonnet-4-5-20250929`, `gpt-4o-2024-08-06`) match their family by prefix. Anything else
 * is reported as "unpriced" unless `model.prices` in the config names it.
 */
export const defaultPriceTable: PriceTable = {
  'claude-opus-4-5': anthropic(5, 25),
  'claude-opus-4-1': anthropic(15, 75),
  'claude-opus-4': anthropic(15, 75),
  'claude-sonnet-4-5': anthropic(3, 15),
  'claude-sonnet-4': anthropic(3, 15),
  'claude-3-7-sonnet': anthropic(3, 15),
  'claude-haiku-4-5': anthropic(1, 5),
  'claude-3-5-haiku': anthropic(0.8, 4),
  'gpt-5': openai(1.25, 10, 0.125),
  'gpt-5-mini': openai(0.25, 2, 0.025),
  'gpt-5-nano': openai(0.05, 0.4, 0.005),
  'gpt-4.1': openai(2, 8, 0.5),
  'gpt-4.1-mini': openai(0.4, 1.6, 0.1),
  'gpt-4.1-nano': openai(0.1, 0.4, 0.025),
  'gpt-4o': openai(2.5, 10, 1.25),
  'gpt-4o-mini': openai(0.15, 0.6, 0.075),
  o3: openai(2, 8, 0.5),
  'o4-mini': openai(1.1, 4.4, 0.275),
};

/** The default table with the config's overrides merged over it (an override replaces a whole entry). */
export function priceTable(overrides: PriceOverrides = {}, base: PriceTable = defaultPriceTable): PriceTable {
  const merged: Record<string, ModelPrice> = { ...base };
  for (const [model, price] of Object.entries(overrides)) {
    merged[model] = {
      inputPerMTok: price.input_per_mtok,
      outputPerMTok: price.output_per_mtok,
      ...(price.cached_input_per_mtok === undefined
        ? {}
        : { cachedInputPerMTok: price.cached_input_per_mtok }),
      ...(price.cache_write_per_mtok === undefined ? {} : { cacheWritePerMTok: price.cache_write_per_mtok }),
    };
  }
  return merged;
}

/** Exact id first, then the longest family prefix (`claude-sonnet-4-5` for `claude-sonnet-4-5-20250929`). */
export function findPrice(model: string, prices: PriceTable = defaultPriceTable): ModelPrice | undefined {
  const exact = prices[model];
  if (exact) return exact;
  let best: string | undefined;
  for (const key of Object.keys(prices)) {
    if (model.startsWith(`${key}-`) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : prices[best];
}

export interface Cost {
  costUsd: number;
  /** False when the model has no price: the cost is 0 and reports must say "unpriced". */
  priced: boolean;
}

/**
 * The USD cost of one call. `cachedInputTokens` and `cacheWriteTokens` are subsets of
 * `inputTokens`, so they are taken out of the plain-input count and priced at their own rate —
 * never billed twice.
 */
export function costOf(model: string, usage: TokenUsage, prices: PriceTable = defaultPriceTable): Cost {
  const price = findPrice(model, prices);
  if (!price) return { costUsd: 0, priced: false };
  const plainInput = Math.max(0, usage.inputTokens - usage.cachedInputTokens - usage.cacheWriteTokens);
  const micro =
    plainInput * price.inputPerMTok +
    usage.cachedInputTokens * (price.cachedInputPerMTok ?? price.inputPerMTok) +
    usage.cacheWriteTokens * (price.cacheWritePerMTok ?? price.inputPerMTok) +
    usage.outputTokens * price.outputPerMTok;
  return { costUsd: micro / 1_000_000, priced: true };
}

export interface UsageTotals extends TokenUsage {
  calls: number;
  costUsd: number;
  /** Models that had no price; their calls count as 0 USD. Empty when everything was priced. */
  unpricedModels: string[];
}

export interface RecordedCall extends CallUsage {
  priced: boolean;
}

export const emptyTotals = (): UsageTotals => ({
  calls: 0,
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0,
  unpricedModels: [],
});

function add(totals: UsageTotals, call: RecordedCall): UsageTotals {
  return {
    calls: totals.calls + 1,
    inputTokens: totals.inputTokens + call.inputTokens,
    outputTokens: totals.outputTokens + call.outputTokens,
    cachedInputTokens: totals.cachedInputTokens + call.cachedInputTokens,
    cacheWriteTokens: totals.cacheWriteTokens + call.cacheWriteTokens,
    costUsd: totals.costUsd + call.costUsd,
    unpricedModels:
      call.priced || totals.unpricedModels.includes(call.model)
        ? totals.unpricedModels
        : [...totals.unpricedModels, call.model],
  };
}

/** The run's record of model calls. No I/O: callers persist `calls` in checkpoints and rebuild with `restore`. */
export class UsageLedger {
  readonly #prices: PriceTable;
  readonly #calls: RecordedCall[] = [];

  constructor(prices: PriceTable = defaultPriceTable) {
    this.#prices = prices;
  }

  /** Record one provider-reported call and return it with its cost. */
  record(call: TokenUsage & { phase: ModelPhase; model: string }): CallUsage {
    const { costUsd, priced } = costOf(call.model, call, this.#prices);
    const recorded: RecordedCall = {
      phase: call.phase,
      model: call.model,
      inputTokens: call.inputTokens,
      outputTokens: call.outputTokens,
      cachedInputTokens: call.cachedInputTokens,
      cacheWriteTokens: call.cacheWriteTokens,
      costUsd,
      priced,
    };
    this.#calls.push(recorded);
    const { priced: _priced, ...usage } = recorded;
    return usage;
  }

  /** Re-add calls saved by an earlier process (resume); costs are recomputed with today's table. */
  restore(calls: readonly (TokenUsage & { phase: ModelPhase; model: string })[]): void {
    for (const call of calls) this.record(call);
  }

  get calls(): readonly RecordedCall[] {
    return this.#calls;
  }

  total(): UsageTotals {
    return this.#calls.reduce(add, emptyTotals());
  }

  byPhase(): Partial<Record<ModelPhase, UsageTotals>> {
    const phases: Partial<Record<ModelPhase, UsageTotals>> = {};
    for (const call of this.#calls) phases[call.phase] = add(phases[call.phase] ?? emptyTotals(), call);
    return phases;
  }
}

export interface UsageBudget {
  /** USD cap for the run; 0, a negative number or Infinity means no cap. */
  maxCostUsd: number;
  /** Cap on input + output tokens for the run; 0, a negative number or Infinity means no cap. */
  maxTokens: number;
}

const isCap = (value: number): boolean => Number.isFinite(value) && value > 0;

/**
 * Called before every model call. Deliberately simple: it refuses once what has been spent reaches
 * a cap (so a run can overshoot by at most one call). Pass `next` — an estimate of the coming call —
 * to refuse earlier when that call would cross the cap.
 */
export function checkBudget(
  ledger: UsageLedger,
  budget: UsageBudget,
  next: { costUsd?: number; tokens?: number } = {},
): void {
  const spent = ledger.total();
  const cost = spent.costUsd + (next.costUsd ?? 0);
  if (isCap(budget.maxCostUsd) && (spent.costUsd >= budget.maxCostUsd || cost > budget.maxCostUsd)) {
    throw new BudgetExceededError(
      'cost',
      `The model budget of $${budget.maxCostUsd.toFixed(2)} is used up ($${spent.costUsd.toFixed(2)} spent); raise budget.max_cost_usd in .github/maestro.yml and run \`maestro resume\`.`,
    );
  }
  const tokensSpent = spent.inputTokens + spent.outputTokens;
  const tokens = tokensSpent + (next.tokens ?? 0);
  if (isCap(budget.maxTokens) && (tokensSpent >= budget.maxTokens || tokens > budget.maxTokens)) {
    throw new BudgetExceededError(
      'tokens',
      `The token budget of ${budget.maxTokens} is used up (${tokensSpent} spent); raise the token budget in .github/maestro.yml and run \`maestro resume\`.`,
    );
  }
}
