import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { packContext } from '../../../src/discovery/pack-context.js';

const lines = (n: number, word: string) =>
  Array.from({ length: n }, (_, i) => `const ${word}${i} = compute(${i}); // line ${i}`).join('\n');
const CONTENT: Record<string, string> = {
  'a.ts': lines(20, 'alpha'),
  'b.ts': lines(30, 'beta'),
  'big.ts': `${lines(400, 'filler')}\nexport function targetWidget() { return 1; }\n${lines(400, 'more')}`,
  'c.ts': lines(10, 'gamma'),
};
const ranked = Object.keys(CONTENT).map((path) => ({ path, tokens: countTokens(CONTENT[path]!) }));
const read = async (path: string) => CONTENT[path]!;

describe('packContext', () => {
  it.each([300, 1000, 2500, 6000, 20000])('never exceeds a budget of %i tokens', async (budget) => {
    const packed = await packContext({ ranked, read, budget, focus: new Set(['targetwidget']) });
    expect(packed.tokens).toBeLessThanOrEqual(budget);
    expect(countTokens(packed.text)).toBe(packed.tokens);
  });

  it('includes whole files in rank order when they fit', async () => {
    const packed = await packContext({ ranked, read, budget: 100_000, focus: new Set() });
    expect([...packed.files].filter(([, f]) => f.included && !f.excerpt).map(([p]) => p)).toEqual([
      'a.ts',
      'b.ts',
      'big.ts',
      'c.ts',
    ]);
    const order = ['a.ts', 'b.ts', 'big.ts', 'c.ts'].map((p) => packed.text.indexOf(`==> ${p} <==`));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(packed.text).toContain(CONTENT['b.ts']);
  });

  it('excerpts a file too big for the remaining budget around the focus terms, with line numbers', async () => {
    const packed = await packContext({ ranked, read, budget: 3000, focus: new Set(['targetwidget']) });
    expect(packed.files.get('big.ts')).toMatchObject({ included: true, excerpt: true });
    expect(packed.text).toMatch(/401\| export function targetWidget/);
    expect(packed.files.get('a.ts')).toMatchObject({ included: true, excerpt: false });
  });
});
