import { describe, expect, it } from 'vitest';
import { BudgetExceededError } from '../../../src/core/errors.js';
import {
  checkBudget,
  costOf,
  defaultPriceTable,
  findPrice,
  priceTable,
  UsageLedger,
} from '../../../src/core/usage/usage-ledger.js';

const usage = (inputTokens: number, outputTokens: number, cachedInputTokens = 0, cacheWriteTokens = 0) => ({
  inputTokens,
  outputTokens,
  cachedInputTokens,
  cacheWriteTokens,
});

describe('costOf', () => {
  it('prices cached and cache-write tokens at their own rates and never bills them again as input', () => {
    // claude-sonnet-4-5: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million
    const { costUsd, priced } = costOf('claude-sonnet-4-5', usage(1_000_000, 100_000, 600_000, 300_000));
    expect(priced).toBe(true);
    expect(costUsd).toBeCloseTo(0.1 * 3 + 0.6 * 0.3 + 0.3 * 3.75 + 0.1 * 15, 10);
  });

  it('prices an OpenAI cached prefix at the cached rate', () => {
    expect(costOf('gpt-4o', usage(2_000_000, 0, 1_000_000)).costUsd).toBeCloseTo(2.5 + 1.25, 10);
  });

  it('matches dated model ids to their family by the longest prefix', () => {
    expect(findPrice('claude-sonnet-4-5-20250929')).toBe(defaultPriceTable['claude-sonnet-4-5']);
    expect(findPrice('gpt-4o-mini-2024-07-18')).toBe(defaultPriceTable['gpt-4o-mini']);
    expect(findPrice('gpt-4o-2024-08-06')).toBe(defaultPriceTable['gpt-4o']);
  });

  it('reports an unknown model as unpriced with cost 0', () => {
    expect(costOf('llama3.1:70b', usage(5000, 500))).toEqual({ costUsd: 0, priced: false });
  });

  it('merges config overrides over the defaults', () => {
    const prices = priceTable({
      'llama3.1:70b': { input_per_mtok: 0.5, output_per_mtok: 1 },
      'gpt-4o': { input_per_mtok: 1, output_per_mtok: 2, cached_input_per_mtok: 0.1 },
    });
    expect(costOf('llama3.1:70b', usage(1_000_000, 1_000_000, 500_000), prices)).toEqual({
      costUsd: 1.5,
      priced: true,
    });
    expect(costOf('gpt-4o', usage(1_000_000, 0, 1_000_000), prices).costUsd).toBeCloseTo(0.1, 10);
    expect(prices['claude-sonnet-4-5']).toEqual(defaultPriceTable['claude-sonnet-4-5']);
  });
});

describe('UsageLedger', () => {
  it('totals per phase and overall, reproducing the recorded usage exactly', () => {
    const ledger = new UsageLedger();
    ledger.record({ phase: 'planning', model: 'claude-sonnet-4-5', ...usage(2120, 40, 2000) });
    ledger.record({ phase: 'planning', model: 'claude-sonnet-4-5', ...usage(2100, 10, 0, 2000) });
    ledger.record({ phase: 'implementation', model: 'local-model', ...usage(500, 50) });

    expect(ledger.total()).toMatchObject({
      calls: 3,
      inputTokens: 4720,
      outputTokens: 100,
      cachedInputTokens: 2000,
      cacheWriteTokens: 2000,
      unpricedModels: ['local-model'],
    });
    expect(ledger.byPhase().planning).toMatchObject({ calls: 2, inputTokens: 4220, unpricedModels: [] });
    expect(ledger.byPhase().implementation).toMatchObject({ calls: 1, costUsd: 0 });
    expect(ledger.byPhase().validation).toBeUndefined();
    const planning = (120 * 3 + 2000 * 0.3 + 40 * 15 + 100 * 3 + 2000 * 3.75 + 10 * 15) / 1e6;
    expect(ledger.total().costUsd).toBeCloseTo(planning, 12);
  });

  it('restores saved calls for a resumed run', () => {
    const first = new UsageLedger();
    first.record({ phase: 'handoff', model: 'gpt-4o', ...usage(100, 10) });
    const resumed = new UsageLedger();
    resumed.restore(first.calls);
    expect(resumed.total()).toEqual(first.total());
  });
});

describe('checkBudget', () => {
  const spent = () => {
    const ledger = new UsageLedger();
    ledger.record({ phase: 'planning', model: 'claude-sonnet-4-5', ...usage(1_000_000, 0) }); // $3
    return ledger;
  };

  it('allows calls while under every cap', () => {
    expect(() => checkBudget(spent(), { maxCostUsd: 10, maxTokens: 2_000_000 })).not.toThrow();
  });

  it('refuses once the cost cap is reached', () => {
    const error = (() => {
      try {
        checkBudget(spent(), { maxCostUsd: 3, maxTokens: 0 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toMatchObject({
      limit: 'cost',
      message:
        'The model budget of $3.00 is used up ($3.00 spent); raise budget.max_cost_usd in .github/maestro.yml and run `maestro resume`.',
    });
  });

  it('refuses once the token cap is reached', () => {
    expect(() => checkBudget(spent(), { maxCostUsd: 0, maxTokens: 1_000_000 })).toThrow(BudgetExceededError);
  });

  it('refuses when the estimated next call would cross a cap', () => {
    expect(() => checkBudget(spent(), { maxCostUsd: 4, maxTokens: 0 }, { costUsd: 1.5 })).toThrow(/\$4\.00/);
  });

  it('treats 0 and Infinity as no cap', () => {
    expect(() => checkBudget(spent(), { maxCostUsd: 0, maxTokens: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});
