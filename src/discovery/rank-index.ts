import { isChangelog, isDocPath, isTestPath, isUnder, vendoredRoots } from './file-roles.js';
import { ImportResolver } from './import-graph.js';
import { buildImportGraph } from './import-neighbours.js';
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

export function buildRankIndex(sources: readonly IndexSource[], goModule?: string): RankIndex {
  const files = [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const paths = files.map((f) => f.path);
  const content = new PostingsBuilder();
  const pathTermsOf = new PostingsBuilder();
  const symbols = new PostingsBuilder();
  const lower = new PostingsBuilder();
  const literals = new Map<string, number[]>();
  files.forEach((f, doc) => {
    f.eachTerm((term, count) => content.add(term, doc, count));
    for (const t of pathTerms(f.path)) pathTermsOf.add(t, doc, 0);
    for (const s of f.symbols) {
      symbols.add(s, doc, 0);
      lower.add(s.toLowerCase(), doc, s !== s.toUpperCase() ? 1 : 0);
    }
    for (const l of f.literals ?? []) {
      const list = literals.get(l);
      if (list) list.push(doc);
      else literals.set(l, [doc]);
    }
  });
  const graph = buildImportGraph(files, new ImportResolver(paths, goModule));
  const number = new Map(paths.map((p, i) => [p, i]));
  const adjacency = (map: ReadonlyMap<string, readonly string[]>) =>
    csr(paths.map((p) => (map.get(p) ?? []).map((t) => number.get(t)!).sort((a, b) => a - b)));
  const literalRuns = csr([...literals.values()]);
  return {
    paths,
    lengths: Uint32Array.from(files, (f) => f.length),
    content: content.build(),
    pathTerms: pathTermsOf.build(),
    symbols: symbols.build(),
    lowerSymbols: lower.build(),
    imports: adjacency(graph.imports),
    importedBy: adjacency(graph.importedBy),
    literals: { values: [...literals.keys()], start: literalRuns.start, docs: literalRuns.targets },
    roles: roles(paths),
  };
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

/**
 * Accumulates (key, document, value) with documents added in ascending order. Keys are interned to
 * numbers and pairs kept in growable typed arrays: at 100k files there are millions of pairs, and an
 * array per key was most of building the index (and of its garbage collection).
 */
class PostingsBuilder {
  readonly #ids = new Map<string, number>();
  readonly #keys: string[] = [];
  #lastDoc = new Int32Array(1024);
  #lastAt = new Uint32Array(1024);
  #keyOf = new Uint32Array(4096);
  #docs = new Uint32Array(4096);
  #values = new Uint32Array(4096);
  #size = 0;

  /** A key seen again in the same document keeps one entry, its values OR-ed (flags). */
  add(key: string, doc: number, value: number): void {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#keys.push(key) - 1;
      this.#ids.set(key, id);
      if (id >= this.#lastDoc.length) {
        this.#lastDoc = grow(this.#lastDoc, id + 1);
        this.#lastAt = grow(this.#lastAt, id + 1);
      }
      this.#lastDoc[id] = -1;
    }
    if (this.#lastDoc[id] === doc) {
      const at = this.#lastAt[id]!;
      this.#values[at] = this.#values[at]! | value;
      return;
    }
    if (this.#size === this.#docs.length) {
      this.#keyOf = grow(this.#keyOf, this.#size + 1);
      this.#docs = grow(this.#docs, this.#size + 1);
      this.#values = grow(this.#values, this.#size + 1);
    }
    this.#keyOf[this.#size] = id;
    this.#docs[this.#size] = doc;
    this.#values[this.#size] = value;
    this.#lastDoc[id] = doc;
    this.#lastAt[id] = this.#size++;
  }

  build(): Postings {
    const keys = buildStringTable(this.#keys);
    // Counting sort by key number; pairs keep their order (ascending documents) within a key.
    const n = this.#keys.length;
    const start = new Uint32Array(n + 1);
    for (let i = 0; i < this.#size; i++) start[this.#keyOf[i]! + 1]!++;
    for (let i = 0; i < n; i++) start[i + 1] = start[i + 1]! + start[i]!;
    const next = start.slice(0, n);
    const docs = new Uint32Array(this.#size);
    const values = new Uint32Array(this.#size);
    let hasValues = false;
    for (let i = 0; i < this.#size; i++) {
      const at = next[this.#keyOf[i]!]!++;
      docs[at] = this.#docs[i]!;
      values[at] = this.#values[i]!;
      if (values[at]) hasValues = true;
    }
    return { keys, start, docs, values: hasValues ? values : new Uint32Array(0) };
  }
}

function grow<T extends Uint32Array | Int32Array>(array: T, atLeast: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}

function csr(runs: readonly (readonly number[])[]): Adjacency {
  const start = new Uint32Array(runs.length + 1);
  let total = 0;
  runs.forEach((run, i) => {
    start[i] = total;
    total += run.length;
  });
  start[runs.length] = total;
  const targets = new Uint32Array(total);
  runs.forEach((run, i) => {
    targets.set(run, start[i]!);
  });
  return { start, targets };
}
