import { describe, expect, it } from 'vitest';
import { countTokens } from '../../../src/discovery/count-tokens.js';
import { TokenCountMemo } from '../../../src/discovery/token-count-memo.js';
import { memoryCacheStore } from '../../../src/ports/cache-port.js';

const TEXTS = ['def integrate(f, x):\n    return f', '<|endoftext|> is text here', '日本語 😀', 'x = 1\n'];

describe('TokenCountMemo', () => {
  it('counts exactly, and a later run answers from the saved counts without counting', async () => {
    const store = memoryCacheStore();
    const cold = await TokenCountMemo.open(store);
    for (const text of TEXTS) expect(await cold.count(text)).toBe(await countTokens(text));
    expect(cold).toMatchObject({ hits: 0, misses: TEXTS.length });
    await cold.save();

    const warm = await TokenCountMemo.open(store);
    for (const text of TEXTS) expect(await warm.count(text)).toBe(await countTokens(text));
    expect(warm).toMatchObject({ hits: TEXTS.length, misses: 0 });
    // A text it has not seen is counted, not guessed from a similar one.
    expect(await warm.count('x = 2\n')).toBe(await countTokens('x = 2\n'));
    expect(warm.misses).toBe(1);
  });

  it('counts the empty text as 0 without remembering it', async () => {
    const memo = TokenCountMemo.inMemory();
    expect(await memo.count('')).toBe(0);
    expect(memo).toMatchObject({ hits: 0, misses: 0 });
  });

  it.each([
    ['not JSON', '{oops'],
    ['a wrong shape', JSON.stringify({ a: 1 })],
    ['a forged entry among good ones', JSON.stringify([['short', 1]])],
    ['a negative count', JSON.stringify([['A'.repeat(43), -5]])],
  ])('ignores a saved document with %s and counts afresh', async (_, raw) => {
    const store = memoryCacheStore();
    store.entries.set('token-counts-v1', new TextEncoder().encode(raw));
    const memo = await TokenCountMemo.open(store);
    expect(await memo.count(TEXTS[0]!)).toBe(await countTokens(TEXTS[0]!));
    expect(memo.misses).toBe(1);
  });
});
