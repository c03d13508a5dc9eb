import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  BudgetExceededError
} from "./chunk-2HGUGDQM.js";

// src/core/usage/usage-ledger.ts
var anthropic = (input, output) => ({
  inputPerMTok: input,
  outputPerMTok: output,
  // Anthropic bills cache reads at 10% and 5-minute cache writes at 125% of the input rate.
  cachedInputPerMTok: input * 0.1,
  cacheWritePerMTok: input * 1.25
});
var openai = (input, output, cached) => ({
  inputPerMTok: input,
  outputPerMTok: output,
  cachedInputPerMTok: cached
  // OpenAI caches prefixes automatically and does not charge extra for writing them.
});
var defaultPriceTable = {
  "claude-opus-4-5": anthropic(5, 25),
  "claude-opus-4-1": anthropic(15, 75),
  "claude-opus-4": anthropic(15, 75),
  "claude-sonnet-4-5": anthropic(3, 15),
  "claude-sonnet-4": anthropic(3, 15),
  "claude-3-7-sonnet": anthropic(3, 15),
  "claude-haiku-4-5": anthropic(1, 5),
  "claude-3-5-haiku": anthropic(0.8, 4),
  "gpt-5": openai(1.25, 10, 0.125),
  "gpt-5-mini": openai(0.25, 2, 0.025),
  "gpt-5-nano": openai(0.05, 0.4, 5e-3),
  "gpt-4.1": openai(2, 8, 0.5),
  "gpt-4.1-mini": openai(0.4, 1.6, 0.1),
  "gpt-4.1-nano": openai(0.1, 0.4, 0.025),
  "gpt-4o": openai(2.5, 10, 1.25),
  "gpt-4o-mini": openai(0.15, 0.6, 0.075),
  o3: openai(2, 8, 0.5),
  "o4-mini": openai(1.1, 4.4, 0.275)
};
function priceTable(overrides = {}, base = defaultPriceTable) {
  const merged = { ...base };
  for (const [model, price] of Object.entries(overrides)) {
    merged[model] = {
      inputPerMTok: price.input_per_mtok,
      outputPerMTok: price.output_per_mtok,
      ...price.cached_input_per_mtok === void 0 ? {} : { cachedInputPerMTok: price.cached_input_per_mtok },
      ...price.cache_write_per_mtok === void 0 ? {} : { cacheWritePerMTok: price.cache_write_per_mtok }
    };
  }
  return merged;
}
function findPrice(model, prices = defaultPriceTable) {
  const exact = prices[model];
  if (exact) return exact;
  let best;
  for (const key of Object.keys(prices)) {
    if (model.startsWith(`${key}-`) && (best === void 0 || key.length > best.length)) best = key;
  }
  return best === void 0 ? void 0 : prices[best];
}
function costOf(model, usage, prices = defaultPriceTable) {
  const price = findPrice(model, prices);
  if (!price) return { costUsd: 0, priced: false };
  const plainInput = Math.max(0, usage.inputTokens - usage.cachedInputTokens - usage.cacheWriteTokens);
  const micro = plainInput * price.inputPerMTok + usage.cachedInputTokens * (price.cachedInputPerMTok ?? price.inputPerMTok) + usage.cacheWriteTokens * (price.cacheWritePerMTok ?? price.inputPerMTok) + usage.outputTokens * price.outputPerMTok;
  return { costUsd: micro / 1e6, priced: true };
}
var emptyTotals = () => ({
  calls: 0,
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0,
  unpricedModels: []
});
function add(totals, call) {
  return {
    calls: totals.calls + 1,
    inputTokens: totals.inputTokens + call.inputTokens,
    outputTokens: totals.outputTokens + call.outputTokens,
    cachedInputTokens: totals.cachedInputTokens + call.cachedInputTokens,
    cacheWriteTokens: totals.cacheWriteTokens + call.cacheWriteTokens,
    costUsd: totals.costUsd + call.costUsd,
    unpricedModels: call.priced || totals.unpricedModels.includes(call.model) ? totals.unpricedModels : [...totals.unpricedModels, call.model]
  };
}
var UsageLedger = class {
  #prices;
  #calls = [];
  constructor(prices = defaultPriceTable) {
    this.#prices = prices;
  }
  /** Record one provider-reported call and return it with its cost. */
  record(call) {
    const { costUsd, priced } = costOf(call.model, call, this.#prices);
    const recorded = {
      phase: call.phase,
      model: call.model,
      inputTokens: call.inputTokens,
      outputTokens: call.outputTokens,
      cachedInputTokens: call.cachedInputTokens,
      cacheWriteTokens: call.cacheWriteTokens,
      costUsd,
      priced
    };
    this.#calls.push(recorded);
    const { priced: _priced, ...usage } = recorded;
    return usage;
  }
  /** Re-add calls saved by an earlier process (resume); costs are recomputed with today's table. */
  restore(calls) {
    for (const call of calls) this.record(call);
  }
  get calls() {
    return this.#calls;
  }
  total() {
    return this.#calls.reduce(add, emptyTotals());
  }
  byPhase() {
    const phases = {};
    for (const call of this.#calls) phases[call.phase] = add(phases[call.phase] ?? emptyTotals(), call);
    return phases;
  }
};
var isCap = (value) => Number.isFinite(value) && value > 0;
function checkBudget(ledger, budget, next = {}) {
  const spent = ledger.total();
  const cost = spent.costUsd + (next.costUsd ?? 0);
  if (isCap(budget.maxCostUsd) && (spent.costUsd >= budget.maxCostUsd || cost > budget.maxCostUsd)) {
    throw new BudgetExceededError(
      "cost",
      `The model budget of $${budget.maxCostUsd.toFixed(2)} is used up ($${spent.costUsd.toFixed(2)} spent); raise budget.max_cost_usd in .github/maestro.yml and run \`maestro resume\`.`
    );
  }
  const tokensSpent = spent.inputTokens + spent.outputTokens;
  const tokens = tokensSpent + (next.tokens ?? 0);
  if (isCap(budget.maxTokens) && (tokensSpent >= budget.maxTokens || tokens > budget.maxTokens)) {
    throw new BudgetExceededError(
      "tokens",
      `The token budget of ${budget.maxTokens} is used up (${tokensSpent} spent); raise the token budget in .github/maestro.yml and run \`maestro resume\`.`
    );
  }
}

export {
  priceTable,
  findPrice,
  UsageLedger,
  checkBudget
};
