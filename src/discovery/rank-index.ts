import { isChangelog, isDocPath, isTestPath, isUnder, vendoredRoots } from './file-roles.js';
import { ImportResolver } from './import-graph.js';
import { csr, PostingsBuilder } from './postings-builder.js';
import { buildStringTable, findString, type StringTable } from './string-table.js';
import { pathTerms } from './tokenize.js';

/**
 * Everything ranking needs that depends only on the files, not on the issue: per-term postings of
 * content and path terms with document lengths (BM25), defined symbols, resolved import edges,
 * string literals and vendored roots. Built once per tree and cached as typed arrays
 * (rank-index-codec.ts), so a warm run reads one file and looks up only the terms and names,
 * instead of rebuilding path terms, the symbol index and import resolution of every file per run.
 * Documents are numbered in path order (`<` on strings), so ascending numbers are sorted paths.
 */
export interface RankIndex {
  paths: readonly string[];
  /** BM25 document length (content terms in total) per document. */
  lengths: Uint32Array;
  /** Content term → documents and counts. */
  content: Postings;
  /** Path term → documents (each counted once). */
  pathTerms: Postings;
  /** Defined name → documents defining it. */
  symbols: Postings;
  /** Lowercased defined name → documents; value 1 when one of its names there is not all upper case. */
  lowerSymbols: Postings;
  imports: Adjacency;
  importedBy: Adjacency;
  /** Distinct literals in order of first appearance (document order, then order in the file). */
  literals: { values: readonly string[]; start: Uint32Array; docs: Uint32Array };
  /** Each document's roles (`ROLE` bits), which ranking demotes unless the issue is about them. */
  roles: Uint8Array;
}

/** Role bits: a vendored copy (see `vendoredRoots`), a changelog, documentation (changelogs too), a test. */
export const ROLE = { vendored: 1, changelog: 2, doc: 4, test: 8 } as const;

/** A string table's entries, each with a run of ascending document numbers and optional values. */
export interface Postings {
  keys: StringTable;
  /** Entry i's run is `docs[start[i]..start[i + 1]]`. */
  start: Uint32Array;
  docs: Uint32Array;
  /** Parallel to `docs` (counts, flags), or empty. */
  values: Uint32Array;
}

/** Targets of document i: `targets[start[i]..start[i + 1]]`, ascending. */
export interface Adjacency {
  start: Uint32Array;
  targets: Uint32Array;
}

/** One file as the index is built from it (a fresh analysis, a cache entry, a test's fixture). */
export interface IndexSource {
  path: string;
  length: number;
  symbols: readonly string[];
  imports: readonly string[];
  literals?: readonly string[];
  /** Calls `each` once per distinct content term with its count. */
  eachTerm(each: (term: string, count: number) => void): void;
}

/**
 * The index of `sources` (any order). Content terms are numbered in order of first appearance
 * (documents in path order, each document's terms in the order it gives them), as the builder does.
 */
export function buildRankIndex(sources: readonly IndexSource[], goModule?: string): RankIndex {
  const files = [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const builder = new RankIndexBuilder<[number[], number[]]>({
    term: (id) => terms[id]!,
    eachTerm: ([termIds, counts], each) => {
      for (let i = 0; i < termIds.length; i++) each(termIds[i]!, counts[i]!);
    },
  });
  for (const f of files) {
    const numbered: [number[], number[]] = [[], []];
    f.eachTerm((term, count) => {
      let id = ids.get(term);
      if (id === undefined) {
        id = terms.push(term) - 1;
        ids.set(term, id);
      }
      numbered[0].push(id);
      numbered[1].push(count);
    });
    builder.add(f, numbered);
  }
  return builder.build(goModule);
}

/** One document as the builder takes it: what `IndexSource` has, its content terms given apart. */
export type IndexedDoc = Omit<IndexSource, 'eachTerm'>;

/**
 * Where a builder reads each document's content terms (`E`, one per document): as the caller's
 * term numbers with counts, each term once per document, and the term a number stands for.
 */
export interface TermSource<E> {
  term(id: number): string;
  eachTerm(terms: E, each: (id: number, count: number) => void): void;
}

/**
 * Builds the index one document at a time, in ascending path order, so a cold run never holds every
 * file's analysis at once: symbols, path terms and literals go straight into postings (typed
 * arrays), only imports wait for the end (resolving them needs every path), and content terms stay
 * where the caller keeps them (the per-blob cache's arena) and are read twice when built, to count
 * then to place each posting: at 100k files a copy of them was ~50 MB.
 */
export class RankIndexBuilder<E> {
  /** Dropped once built: the caller's store (a whole cache) must not live as long as the index. */
  #source: TermSource<E> | undefined;
  #terms: E[] = [];
  readonly #pathTerms = new PostingsBuilder();
  readonly #symbols = new PostingsBuilder();
  readonly #lower = new PostingsBuilder();
  readonly #literals = new Map<string, number[]>();
  readonly #paths: string[] = [];
  readonly #lengths: number[] = [];
  readonly #imports: (readonly string[])[] = [];

  constructor(source: TermSource<E>) {
    this.#source = source;
  }

  /** Adds the next document (its path after the previous one's) and returns its number. */
  add(file: IndexedDoc, terms: E): number {
    const doc = this.#paths.length;
    const last = this.#paths[doc - 1];
    if (last !== undefined && !(last < file.path)) {
      throw new Error(`rank index: ${file.path} added after ${last} (documents must come in path order)`);
    }
    this.#paths.push(file.path);
    this.#lengths.push(file.length);
    this.#imports.push(file.imports);
    this.#terms.push(terms);
    for (const t of pathTerms(file.path)) this.#pathTerms.add(t, doc, 0);
    for (const s of file.symbols) {
      this.#symbols.add(s, doc, 0);
      this.#lower.add(s.toLowerCase(), doc, s !== s.toUpperCase() ? 1 : 0);
    }
    for (const l of file.literals ?? []) {
      const list = this.#literals.get(l);
      if (list) list.push(doc);
      else this.#literals.set(l, [doc]);
    }
    return doc;
  }

  build(goModule?: string): RankIndex {
    const content = this.#content();
    const paths = this.#paths;
    const imports = this.#importEdges(new ImportResolver(paths, goModule));
    this.#imports.length = 0;
    const literalRuns = csr([...this.#literals.values()]);
    return {
      paths,
      lengths: Uint32Array.from(this.#lengths),
      content,
      pathTerms: this.#pathTerms.build(),
      symbols: this.#symbols.build(),
      lowerSymbols: this.#lower.build(),
      imports,
      importedBy: reverse(imports),
      literals: { values: [...this.#literals.keys()], start: literalRuns.start, docs: literalRuns.targets },
      roles: roles(paths),
    };
  }

  /**
   * Each document's resolved imports as ascending document numbers (itself left out), straight into
   * one array: at 100k files, maps of path lists both ways were ~40 MB of garbage just before
   * ranking.
   */
  #importEdges(resolver: ImportResolver): Adjacency {
    const paths = this.#paths;
    const start = new Uint32Array(paths.length + 1);
    const targets: number[] = [];
    const seen = new Set<number>();
    paths.forEach((path, doc) => {
      seen.clear();
      for (const spec of this.#imports[doc]!) {
        for (const target of resolver.resolve(path, spec)) {
          const t = docOf(paths, target);
          if (t !== doc && t >= 0) seen.add(t);
        }
      }
      targets.push(...[...seen].sort((a, b) => a - b));
      start[doc + 1] = targets.length;
    });
    return { start, targets: Uint32Array.from(targets) };
  }

  /**
   * Content postings by counting sort over the documents' terms: a first pass numbers the keys in
   * order of first appearance and counts each one's documents, a second places each (document,
   * count) in its key's run (ascending documents, as they are visited in order).
   */
  #content(): Postings {
    const source = this.#source;
    if (!source) throw new Error('rank index: already built');
    const docsTerms = this.#terms;
    this.#source = undefined;
    this.#terms = [];
    let keyOf = new Uint32Array(1024); // the caller's term number → key + 1 (0: not seen yet)
    let perKey = new Uint32Array(1024);
    const keys: string[] = [];
    let pairs = 0;
    for (const terms of docsTerms) {
      source.eachTerm(terms, (id) => {
        if (id >= keyOf.length) keyOf = grow(keyOf, id + 1);
        let key = keyOf[id]! - 1;
        if (key < 0) {
          key = keys.push(source.term(id)) - 1;
          keyOf[id] = key + 1;
          if (key >= perKey.length) perKey = grow(perKey, key + 1);
        }
        perKey[key]!++;
        pairs++;
      });
    }
    const start = new Uint32Array(keys.length + 1);
    for (let k = 0; k < keys.length; k++) start[k + 1] = start[k]! + perKey[k]!;
    const next = start.slice(0, keys.length);
    const docs = new Uint32Array(pairs);
    const values = new Uint32Array(pairs);
    let hasValues = false;
    docsTerms.forEach((terms, doc) => {
      source.eachTerm(terms, (id, count) => {
        const at = next[keyOf[id]! - 1]!++;
        docs[at] = doc;
        values[at] = count;
        if (count) hasValues = true;
      });
    });
    return { keys: buildStringTable(keys), start, docs, values: hasValues ? values : new Uint32Array(0) };
  }
}

/** The edges the other way: for each document, the documents that import it (ascending). */
function reverse(a: Adjacency): Adjacency {
  const n = a.start.length - 1;
  const start = new Uint32Array(n + 1);
  for (const t of a.targets) start[t + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1] = start[i + 1]! + start[i]!;
  const next = start.slice(0, n);
  const targets = new Uint32Array(a.targets.length);
  for (let doc = 0; doc < n; doc++) {
    for (let at = a.start[doc]!; at < a.start[doc + 1]!; at++) targets[next[a.targets[at]!]!++] = doc;
  }
  return { start, targets };
}

function grow(array: Uint32Array<ArrayBuffer>, atLeast: number): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}

function roles(paths: readonly string[]): Uint8Array {
  const vendored = vendoredRoots(paths);
  return Uint8Array.from(
    paths,
    (p) =>
      (isUnder(p, vendored) ? ROLE.vendored : 0) |
      (isChangelog(p) ? ROLE.changelog : 0) |
      (isDocPath(p) ? ROLE.doc : 0) |
      (isTestPath(p) ? ROLE.test : 0),
  );
}

/** A path's document number (binary search of the sorted paths); -1 when absent. */
export function docOf(paths: readonly string[], path: string): number {
  let lo = 0;
  let hi = paths.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = paths[mid]!;
    if (at === path) return mid;
    if (at < path) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The documents (and values) of `key`, or undefined when no document has it. */
export function postingsOf(p: Postings, key: string): { docs: Uint32Array; values: Uint32Array } | undefined {
  const i = findString(p.keys, key);
  if (i < 0) return undefined;
  const from = p.start[i]!;
  const to = p.start[i + 1]!;
  return {
    docs: p.docs.subarray(from, to),
    values: p.values.length ? p.values.subarray(from, to) : p.values,
  };
}

export function neighboursOf(a: Adjacency, doc: number): Uint32Array {
  return a.targets.subarray(a.start[doc]!, a.start[doc + 1]!);
}
