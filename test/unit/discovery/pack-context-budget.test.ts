import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countTokens } from '../../../src/discovery/count-tokens.js';
import { packContext } from '../../../src/discovery/pack-context.js';
import { TokenCountMemo } from '../../../src/discovery/token-count-memo.js';

// Packing decides on estimates (bytes ÷ 4, maybe far off) and remembered counts; whatever the
// files, estimates and budget, the packed text counted afresh must fit the budget and match the
// figure reported for it.
const line = fc.oneof(
  fc.string({ maxLength: 80, size: 'max' }),
  fc.constantFrom('def f(x):', '    return x + 1', '<|endoftext|>', '', '😀😀 日本語 ünïcödé', '\t}{)(;'),
);
const file = fc.array(line, { minLength: 5, maxLength: 150, size: 'max' }).map((lines) => lines.join('\n'));
const files = fc.uniqueArray(
  fc.tuple(fc.stringMatching(/^[a-z]{1,8}\.py$/), file, fc.double({ min: 0, max: 4, noNaN: true })),
  {
    minLength: 1,
    maxLength: 8,
    selector: ([path]) => path,
  },
);

describe('packContext under any budget', () => {
  it('never exceeds the budget, and reports the exact count of what it packed', async () => {
    const memo = TokenCountMemo.inMemory();
    // So that the property is not vacuous: many runs must pack whole files and excerpts.
    const seen = { whole: 0, excerpt: 0 };
    await fc.assert(
      fc.asyncProperty(
        files,
        fc.double({ min: 0, max: 1.5, noNaN: true }),
        fc.boolean(),
        async (picked, share, remembered) => {
          // Budgets around what the files hold, where whole files and excerpts compete for the last tokens.
          const total = picked.reduce((sum, [, text]) => sum + Buffer.byteLength(text), 0);
          const budget = Math.round((total / 3) * share);
          const content = new Map(picked.map(([path, text]) => [path, text]));
          const packed = await packContext({
            // The estimate is the file's bytes ÷ 4 scaled by anything from 0 to 4: wrong either way.
            ranked: picked.map(([path, text, skew]) => ({
              path,
              tokens: Math.round((Buffer.byteLength(text) / 4) * skew),
            })),
            read: async (path) => content.get(path)!,
            budget,
            focus: new Set(['return', 'def']),
            ...(remembered ? { count: memo.count } : {}),
          });
          for (const f of packed.files.values()) if (f.included) seen[f.excerpt ? 'excerpt' : 'whole']++;
          const exact = await countTokens(packed.text);
          expect(exact).toBeLessThanOrEqual(budget);
          expect(packed.tokens).toBe(exact);
        },
      ),
      { numRuns: 300, endOnFailure: true },
    );
    // Floors far below what any seed gives (soak saw 41 whole files at the lowest), so the check
    // guards against a vacuous property, not against an unlucky seed.
    expect(seen.whole).toBeGreaterThan(15);
    expect(seen.excerpt).toBeGreaterThan(10);
  }, 60_000);
});
