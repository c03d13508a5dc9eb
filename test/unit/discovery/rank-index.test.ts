import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Bm25Document, bm25Rank, bm25RankIndex, weightQuery } from '../../../src/discovery/bm25.js';
import { ImportResolver } from '../../../src/discovery/import-graph.js';
import { type IndexedFile, rankFiles } from '../../../src/discovery/rank-files.js';
import {
  buildRankIndex,
  type IndexSource,
  neighboursOf,
  postingsOf,
} from '../../../src/discovery/rank-index.js';
import { loadRankIndex, saveRankIndex, treeKey } from '../../../src/discovery/rank-index-codec.js';
import { buildStringTable, findString, stringAt } from '../../../src/discovery/string-table.js';
import { IndexedSymbols, SymbolIndex } from '../../../src/discovery/symbol-index.js';
import { pathTerms } from '../../../src/discovery/tokenize.js';
import { memoryCacheStore } from '../../../src/ports/cache-port.js';

const term = fc.constantFrom(
  'cart',
  'total',
  'tax',
  'invoice',
  'rate',
  'order',
  'refund',
  'src',
  'billing',
  'x1',
  'constructor',
);
const file = fc.record({
  dir: fc.constantFrom('src', 'src/billing', 'docs', 'lib/tax', 'test'),
  name: fc.constantFrom('cart', 'tax_rate', 'invoice', 'order', 'README', 'refund'),
  ext: fc.constantFrom('.py', '.ts', '.md'),
  tf: fc.dictionary(term, fc.integer({ min: 1, max: 40 }), { maxKeys: 6 }),
});

/** Distinct paths: the index, like a listing, has each path once. */
const corpus = fc.uniqueArray(file, {
  minLength: 1,
  maxLength: 25,
  selector: (f) => `${f.dir}/${f.name}${f.ext}`,
});

function source(f: IndexedFile): IndexSource {
  return {
    ...f,
    eachTerm: (each) => {
      for (const [t, n] of Object.entries(f.tf)) each(t, n);
    },
  };
}

function asIndexed(
  files: { dir: string; name: string; ext: string; tf: Record<string, number> }[],
): IndexedFile[] {
  return files.map((f) => ({
    path: `${f.dir}/${f.name}${f.ext}`,
    tf: f.tf,
    length: Object.values(f.tf).reduce((a, b) => a + b, 0),
    symbols: [],
    imports: [],
  }));
}

describe('string table', () => {
  it('finds every entry by its string and nothing else, whatever the characters', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary' }), { maxLength: 40 }),
        fc.string(),
        (strings, other) => {
          const table = buildStringTable(strings);
          strings.forEach((s, i) => {
            expect(findString(table, s)).toBe(i);
            expect(stringAt(table, i)).toBe(s);
          });
          if (!strings.includes(other)) expect(findString(table, other)).toBe(-1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers "absent" from a damaged table without an empty slot, instead of probing forever', () => {
    const table = buildStringTable(['a', 'b']);
    expect(findString({ ...table, slots: table.slots.map(() => 1) }, 'zz')).toBe(-1);
  });
});

describe('buildRankIndex', () => {
  // Past the builder's first allocations (1,024 keys, 4,096 pairs), with a non-ASCII term or two.
  it('keeps every (term, document, count) of a large vocabulary, documents ascending', () => {
    const files = Array.from({ length: 60 }, (_, doc) => {
      const tf: Record<string, number> = {};
      for (let t = doc % 7; t < 3000; t += 7 + (doc % 5)) tf[`t${t}`] = 1 + ((t + doc) % 9);
      if (doc % 10 === 0) tf['größe'] = doc + 1;
      return { path: `src/f${String(doc).padStart(2, '0')}.py`, tf, length: 1, symbols: [], imports: [] };
    });
    const index = buildRankIndex([...files].reverse().map(source));
    expect(index.paths).toEqual(files.map((f) => f.path));
    const terms = new Set(files.flatMap((f) => Object.keys(f.tf)));
    expect(terms.size).toBeGreaterThan(1024);
    for (const t of terms) {
      const expected = files.flatMap((f, doc) => (f.tf[t] ? [[doc, f.tf[t]]] : []));
      const found = postingsOf(index.content, t)!;
      expect(Array.from(found.docs, (d, i) => [d, found.values[i]])).toEqual(expected);
    }
    expect(postingsOf(index.content, 'absent')).toBeUndefined();
  });

  // The index resolves imports straight into document numbers: the same edges both ways as the
  // import graph of path lists, self-imports, duplicates and unresolved names left out.
  it('has the import graph of the files, both ways, as document numbers', () => {
    const module = fc.constantFrom('pkg.a', 'pkg.b', 'pkg.sub.c', '.a', '.c', '..b', 'os', 'pkg', 'pkg.sub');
    const pyFile = fc.record({
      path: fc.constantFrom(
        'pkg/__init__.py',
        'pkg/a.py',
        'pkg/b.py',
        'pkg/sub/__init__.py',
        'pkg/sub/c.py',
        'x.py',
      ),
      imports: fc.array(module, { maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(pyFile, { selector: (f) => f.path, minLength: 1 }), (files) => {
        const index = buildRankIndex(
          files.map((f) => ({ ...f, length: 1, symbols: [], eachTerm: () => {} })),
        );
        const graph = importGraph(files, new ImportResolver(index.paths));
        const numbers = (paths: readonly string[] = []) =>
          paths.map((p) => index.paths.indexOf(p)).sort((a, b) => a - b);
        index.paths.forEach((path, doc) => {
          expect(Array.from(neighboursOf(index.imports, doc))).toEqual(numbers(graph.imports.get(path)));
          expect(Array.from(neighboursOf(index.importedBy, doc))).toEqual(
            numbers(graph.importedBy.get(path)),
          );
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('bm25RankIndex', () => {
  it('scores exactly as bm25Rank over the same files, with or without a subset', () => {
    fc.assert(
      fc.property(
        corpus,
        fc.array(term, { minLength: 1, maxLength: 5 }),
        fc.array(term),
        (files, title, body) => {
          const indexed = asIndexed(files);
          const index = buildRankIndex(indexed.map(source));
          const query = weightQuery(title, body);
          const docs = (list: IndexedFile[]): Bm25Document[] =>
            list.map((f) => ({ id: f.path, tf: f.tf, length: f.length, pathTerms: pathTerms(f.path) }));
          const named = (hits: { doc: number; score: number }[]) =>
            hits.map((h) => ({ id: index.paths[h.doc], score: h.score }));
          expect(named(bm25RankIndex(index, query))).toEqual(bm25Rank(docs(indexed), query));
          const notDocs = Uint8Array.from(index.paths, (p) => (p.endsWith('.md') ? 0 : 1));
          expect(named(bm25RankIndex(index, query, notDocs))).toEqual(
            bm25Rank(docs(indexed.filter((f) => !f.path.endsWith('.md'))), query),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  // A plain object's prototype answered `tf['constructor']` for every file: NaN scores, no hits.
  it('finds the files holding a term named like an Object property, and only those', () => {
    const index = buildRankIndex(
      asIndexed([
        { dir: 'src', name: 'cart', ext: '.ts', tf: { constructor: 2, cart: 1 } },
        { dir: 'src', name: 'order', ext: '.ts', tf: { order: 3 } },
      ]).map(source),
    );
    const hits = bm25RankIndex(index, weightQuery(['constructor'], []));
    expect(hits.map((h) => index.paths[h.doc])).toEqual(['src/cart.ts']);
    expect(hits[0]!.score).toBeGreaterThan(0);
  });
});

describe('IndexedSymbols', () => {
  const name = fc.constantFrom(
    'parse_url',
    'Parse_URL',
    'PARSE_URL',
    'Fetchy',
    'FETCHY',
    'fetchy',
    'Session',
    'ab',
    'run',
  );
  it('answers every lookup as SymbolIndex does', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            path: fc.constantFrom('a.py', 'b.py', 'c/d.py', 'e.ts'),
            symbols: fc.uniqueArray(name),
          }),
          {
            selector: (f) => f.path,
          },
        ),
        name,
        (files, asked) => {
          const memory = new SymbolIndex();
          for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1)))
            memory.add(f.path, f.symbols);
          const index = buildRankIndex(
            files.map((f) => ({
              path: f.path,
              length: 0,
              symbols: f.symbols,
              imports: [],
              eachTerm: () => {},
            })),
          );
          const cached = new IndexedSymbols(index);
          for (const n of [asked, asked.toLowerCase(), asked.toUpperCase()]) {
            expect(cached.lookup(n)).toEqual(memory.lookup(n));
            expect(cached.lookupExact(n)).toEqual(memory.lookupExact(n));
            expect(cached.has(n)).toBe(memory.has(n));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

const REPO: IndexedFile[] = [
  {
    path: 'pkg/session.py',
    tf: { session: 4, send: 2, retry: 1 },
    length: 7,
    symbols: ['Session', 'send'],
    imports: ['pkg.adapters', '.models'],
    literals: ['connection pool is full | discarding connection'],
  },
  {
    path: 'pkg/adapters.py',
    tf: { adapter: 3, pool: 2 },
    length: 5,
    symbols: ['HTTPAdapter'],
    imports: [],
    literals: ['max retries exceeded with url'],
  },
  { path: 'pkg/models.py', tf: { response: 3 }, length: 3, symbols: ['Response'], imports: ['pkg.session'] },
  { path: 'docs/session.md', tf: { session: 5 }, length: 5, symbols: [], imports: [] },
  {
    path: 'tests/test_session.py',
    tf: { session: 2, retry: 2 },
    length: 4,
    symbols: ['test_retry'],
    imports: ['pkg.session'],
  },
];
const ISSUE = {
  title: 'Session.send retries forever',
  body: '`Session.send` logs "connection pool is full, discarding connection" and never stops:\n\n```\nMaxRetryError: max retries exceeded with url\n```\nSee pkg/adapters.py',
};

describe('rank index cache', () => {
  it('ranks the same from the saved index as from the files, in both modes', async () => {
    const store = memoryCacheStore();
    const index = buildRankIndex(REPO.map(source));
    const key = treeKey([{ path: 'pkg/session.py', blob: 'b1' }], undefined);
    await saveRankIndex(store, {
      key,
      index,
      tokens: Uint32Array.from(index.paths, () => 10),
      dropped: { binary: 2 },
    });
    const loaded = await loadRankIndex(store, key);
    expect(loaded?.dropped).toEqual({ binary: 2 });
    expect(loaded?.index.paths).toEqual(index.paths);
    for (const mode of ['fusion', 'bm25'] as const) {
      const fromFiles = rankFiles({ files: REPO, issue: ISSUE, mode });
      expect(fromFiles.length).toBeGreaterThan(2);
      expect(rankFiles({ index: loaded!.index, issue: ISSUE, mode })).toEqual(fromFiles);
    }
    // Every signal took part: BM25, symbols, paths, messages and import neighbours.
    const reasons = rankFiles({ files: REPO, issue: ISSUE }).flatMap((r) => r.reasons);
    for (const kind of [
      'bm25 #',
      'defines Session',
      'mentions path',
      'holds the message',
      'imported by',
      'imports ',
    ])
      expect(reasons.some((r) => r.startsWith(kind))).toBe(true);
  });

  it('is not used for another tree, nor when damaged', async () => {
    const store = memoryCacheStore();
    const index = buildRankIndex(REPO.map(source));
    const key = treeKey([{ path: 'a.py', blob: 'b1' }], undefined);
    expect(treeKey([{ path: 'a.py', blob: 'b2' }], undefined)).not.toBe(key);
    expect(treeKey([{ path: 'a.py', blob: 'b1' }], 'example.com/m')).not.toBe(key);
    await saveRankIndex(store, { key, index, tokens: new Uint32Array(index.paths.length), dropped: {} });
    expect(await loadRankIndex(store, treeKey([{ path: 'a.py', blob: 'b2' }], undefined))).toBeUndefined();
    const saved = store.entries.get('rank-index-v1')!;
    store.entries.set('rank-index-v1', saved.slice(0, saved.length - 8));
    expect(await loadRankIndex(store, key)).toBeUndefined();
    store.entries.set(
      'rank-index-v1',
      Uint8Array.from(saved, (b, i) => (i === 0 ? b ^ 1 : b)),
    );
    expect(await loadRankIndex(store, key)).toBeUndefined();
  });
});

/** The import graph as path lists both ways, as the index was built before it numbered documents. */
function importGraph(
  files: readonly { path: string; imports: readonly string[] }[],
  resolver: ImportResolver,
) {
  const imports = new Map<string, string[]>();
  const importedBy = new Map<string, string[]>();
  for (const file of files) {
    const targets = new Set<string>();
    for (const spec of file.imports) {
      for (const target of resolver.resolve(file.path, spec)) if (target !== file.path) targets.add(target);
    }
    imports.set(file.path, [...targets]);
    for (const t of targets) importedBy.set(t, [...(importedBy.get(t) ?? []), file.path]);
  }
  return { imports, importedBy };
}
