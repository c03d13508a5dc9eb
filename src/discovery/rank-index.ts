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

/** Accumulates (key, document, value); documents must be added in ascending order. */
class PostingsBuilder {
  readonly #runs = new Map<string, number[]>();

  /** A key seen again in the same document keeps one entry, its values OR-ed (flags) or summed (counts). */
  add(key: string, doc: number, value: number): void {
    const run = this.#runs.get(key);
    if (!run) this.#runs.set(key, [doc, value]);
    else if (run[run.length - 2] === doc) run[run.length - 1] = run[run.length - 1]! | value;
    else run.push(doc, value);
  }

  build(): Postings {
    const { table, sorted } = buildStringTable(this.#runs.keys());
    const start = new Uint32Array(sorted.length + 1);
    let total = 0;
    sorted.forEach((key, i) => {
      start[i] = total;
      total += this.#runs.get(key)!.length / 2;
    });
    start[sorted.length] = total;
    const docs = new Uint32Array(total);
    const values = new Uint32Array(total);
    let hasValues = false;
    sorted.forEach((key, i) => {
      const run = this.#runs.get(key)!;
      for (let j = 0, at = start[i]!; j < run.length; j += 2, at++) {
        docs[at] = run[j]!;
        values[at] = run[j + 1]!;
        if (run[j + 1]) hasValues = true;
      }
    });
    return { keys: table, start, docs, values: hasValues ? values : new Uint32Array(0) };
  }
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
