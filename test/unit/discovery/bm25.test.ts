import { describe, expect, it } from 'vitest';
import { type Bm25Document, bm25Rank, weightQuery } from '../../../src/discovery/bm25.js';

const doc = (id: string, tf: Record<string, number>, pathTerms: string[] = []): Bm25Document => ({
  id,
  tf,
  length: Object.values(tf).reduce((a, b) => a + b, 0),
  pathTerms,
});

describe('bm25Rank', () => {
  it('ranks the document with more of the rare query terms first', () => {
    const docs = [
      doc('a', { cart: 1, total: 5 }),
      doc('b', { discount: 3, cart: 1 }),
      doc('c', { total: 1, misc: 9 }),
    ];
    const hits = bm25Rank(docs, weightQuery(['discount'], ['cart']));
    expect(hits.map((h) => h.id)).toEqual(['b', 'a']);
  });

  it('rewards a rare term more than a common one', () => {
    const docs = [
      doc('rare', { rare: 1, x: 10 }),
      doc('common', { common: 1, x: 10 }),
      doc('o1', { common: 1 }),
      doc('o2', { common: 1 }),
    ];
    const [first] = bm25Rank(docs, weightQuery([], ['rare', 'common']));
    expect(first?.id).toBe('rare');
  });

  it('scores path terms even when the content does not mention them', () => {
    const docs = [
      doc('src/tax.ts', { amount: 2 }, ['src', 'tax']),
      doc('src/other.ts', { amount: 2 }, ['src', 'other']),
    ];
    expect(bm25Rank(docs, weightQuery(['tax'], []))[0]?.id).toBe('src/tax.ts');
  });

  it('leaves out documents with no query term', () => {
    expect(bm25Rank([doc('a', { x: 1 })], weightQuery(['y'], []))).toEqual([]);
  });

  it('weights title terms above body terms', () => {
    const q = weightQuery(['title'], ['body']);
    expect(q.get('title')!).toBeGreaterThan(q.get('body')!);
  });
});
