import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseFile, type FileAnalysis } from '../../../src/discovery/analyse-file.js';
import { type CachedAnalysis, DiscoveryCache } from '../../../src/discovery/discovery-cache.js';
import { memoryCacheStore } from '../../../src/ports/cache-port.js';

const term = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
const analysis = fc.record({
  tokens: fc.nat(100_000),
  lines: fc.nat(10_000),
  length: fc.nat(100_000),
  tf: fc
    .dictionary(term, fc.integer({ min: 1, max: 5000 }), { maxKeys: 40 })
    .map((counts) => new Map(Object.entries(counts))),
  symbols: fc.array(fc.string(), { maxLength: 5 }),
  imports: fc.array(fc.string(), { maxLength: 5 }),
  literals: fc.array(fc.string(), { maxLength: 3 }),
});

describe('DiscoveryCache', () => {
  it('reads back every analysis from its binary document, term counts looked up by term', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(analysis, { minLength: 1, maxLength: 12 }),
        fc.array(term, { maxLength: 8 }),
        async (analyses, extra) => {
          const store = memoryCacheStore();
          const first = await DiscoveryCache.open(store);
          for (const [i, a] of analyses.entries()) first.set(`blob${i}`, 'x.py', a);
          await first.save();
          const second = await DiscoveryCache.open(store);
          for (const [i, a] of analyses.entries()) {
            const hit = second.get(`blob${i}`, 'x.py')!;
            expect({ ...hit, termCounts: undefined, eachTerm: undefined }).toEqual({
              ...a,
              tf: undefined,
              termCounts: undefined,
              eachTerm: undefined,
            });
            const every: Record<string, number> = {};
            hit.eachTerm((t, count) => {
              every[t] = count;
            });
            expect(every).toEqual(Object.fromEntries(a.tf));
            const asked = [...a.tf.keys(), ...extra];
            const expected = Object.fromEntries(
              asked.filter((t) => a.tf.get(t)).map((t) => [t, a.tf.get(t)]),
            );
            expect(hit.termCounts(asked)).toEqual(expected);
          }
          expect(second.hits).toBe(analyses.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  // A run's new entries are kept as their saved JSON text and term counts in arenas, loaded ones as
  // parsed: a save interleaves both (and overwrites), over several generations of the document.
  it('saves loaded and new entries alike, in any mix, over several runs', async () => {
    const runs = fc.array(fc.array(fc.tuple(fc.nat(15), analysis), { maxLength: 10 }), {
      minLength: 1,
      maxLength: 4,
    });
    await fc.assert(
      fc.asyncProperty(runs, async (generations) => {
        const store = memoryCacheStore();
        const expected = new Map<string, FileAnalysis>();
        for (const writes of generations) {
          const cache = await DiscoveryCache.open(store);
          for (const [blob, a] of writes) {
            cache.set(`blob${blob}`, 'x.py', a);
            expected.set(`blob${blob}`, a);
            expect(strip(cache.get(`blob${blob}`, 'x.py')!)).toEqual({ ...a, tf: Object.fromEntries(a.tf) });
          }
          await cache.save();
        }
        const last = await DiscoveryCache.open(store);
        expect(last.size).toBe(expected.size);
        for (const [blob, a] of expected) {
          expect(strip(last.get(blob, 'x.py')!)).toEqual({ ...a, tf: Object.fromEntries(a.tf) });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keys by blob and extension, and keeps a dropped file as dropped', async () => {
    const store = memoryCacheStore();
    const cache = await DiscoveryCache.open(store);
    cache.set('b1', 'a.py', analyseFile('a.py', Buffer.from('def refund_invoice(): pass\n')));
    cache.set('b2', 'a.bin', analyseFile('a.bin', Buffer.from([1, 0, 2])));
    await cache.save();
    const reopened = await DiscoveryCache.open(store);
    expect(reopened.get('b1', 'b.ts')).toBeUndefined();
    expect(reopened.get('b1', 'b.py')?.termCounts(['refund', 'invoice', 'missing'])).toEqual({
      refund: 1,
      invoice: 1,
    });
    expect(reopened.get('b2', 'a.bin')?.drop).toBe('binary');
    expect(reopened.misses).toBe(1);
  });

  // A file read whole is used in place (no second cache-sized copy); a slice of a pooled buffer
  // can start at any byte and must still read back, copied to an aligned buffer.
  it('reads the document in place or from an unaligned slice alike', async () => {
    const store = memoryCacheStore();
    const first = await DiscoveryCache.open(store);
    first.set('b1', 'a.py', analyseFile('a.py', Buffer.from('def refund_invoice(): pass\n')));
    await first.save();
    const saved = (await store.load('analyses-v2'))!;
    for (const offset of [0, 1, 3, 4]) {
      const backing = new Uint8Array(saved.byteLength + offset);
      backing.set(saved, offset);
      const view = backing.subarray(offset);
      const cache = await DiscoveryCache.open({ load: async () => view, save: async () => {} });
      expect([offset, cache.get('b1', 'a.py')?.termCounts(['refund', 'invoice'])]).toEqual([
        offset,
        { refund: 1, invoice: 1 },
      ]);
    }
  });

  it('starts empty on a corrupt, truncated or foreign document, and writes nothing when unchanged', async () => {
    const store = memoryCacheStore();
    const cache = await DiscoveryCache.open(store);
    const a: FileAnalysis = {
      tokens: 1,
      lines: 1,
      length: 3,
      tf: new Map([['refund', 3]]),
      symbols: [],
      imports: [],
      literals: [],
    };
    cache.set('b', 'a.py', a);
    await cache.save();
    const good = store.entries.get('analyses-v2')!;
    for (const bad of [
      good.subarray(0, good.length - 4),
      new Uint8Array(16),
      new TextEncoder().encode('{}  '),
    ]) {
      store.entries.set('analyses-v2', bad);
      expect((await DiscoveryCache.open(store)).size).toBe(0);
    }
    store.entries.set('analyses-v2', good);
    const warm = await DiscoveryCache.open(store);
    expect(warm.get('b', 'a.py')?.termCounts(['refund'])).toEqual({ refund: 3 });
    store.entries.delete('analyses-v2');
    await warm.save();
    expect(store.entries.has('analyses-v2')).toBe(false);
  });
});

/** A cached analysis as plain data: its fields and every term with its count. */
function strip(hit: CachedAnalysis) {
  const tf: Record<string, number> = {};
  hit.eachTerm((term, count) => {
    tf[term] = count;
  });
  const { termCounts: _counts, eachTerm: _each, ...fields } = hit;
  return { ...fields, tf };
}
