import type { CacheStore } from '../ports/cache-port.js';
import type { AnalysisJob, FileAnalyser } from '../ports/file-analyser-port.js';

export type { StackInfo } from './detect-stack.js';
export type { InstructionFile } from './instructions.js';

import { sanitizeInbound } from '../core/policy/sanitize-inbound.js';
import type { RepoFile, RepositoryReader } from '../ports/repository-port.js';
import { type FileAnalysis, inProcessAnalyser } from './analyse-file.js';
import { detectStack, type StackInfo } from './detect-stack.js';
import { type CacheEntry, DiscoveryCache } from './discovery-cache.js';
import { findInstructions, type InstructionFile } from './instructions.js';
import { type DropReason, inventory } from './inventory.js';
import { packContext } from './pack-context.js';
import { rankFiles } from './rank-files.js';
import { RankIndexBuilder } from './rank-index.js';
import { loadRankIndex, readRankIndex, saveRankIndex, treeKey } from './rank-index-codec.js';
import { TokenCountMemo } from './token-count-memo.js';
import { tokenize } from './tokenize.js';

export interface DiscoverInput {
  repo: RepositoryReader;
  cache: CacheStore;
  issue: { title: string; body: string };
  /** Tokens (o200k_base) the packed file context may use. */
  budgetTokens: number;
  /** How many ranked files to return (all are considered for packing); default 200. */
  topN?: number;
  /** `bm25` runs the plain baseline (benchmarks only); default `fusion`. */
  ranking?: 'fusion' | 'bm25';
  /** Analyses the files the cache lacks (a host may supply worker threads); default in-process. */
  analyser?: FileAnalyser<FileAnalysis>;
}

export interface RankedFile {
  path: string;
  /** 0..1, the top file is 1. */
  score: number;
  /** Tokens of the whole file. */
  tokens: number;
  /** In the packed context (whole, or as an excerpt). */
  included: boolean;
  excerpt: boolean;
  reasons: string[];
}

/** Hidden content removed from one repository file before it was packed (counts per pass, never the text). */
export interface HiddenContent {
  path: string;
  removed: Record<string, number>;
}

export interface DiscoveryResult {
  stack: StackInfo;
  instructions: InstructionFile[];
  /** Files that lost hidden content (HTML comments, invisible Unicode, …) on the way to the model. */
  hidden: HiddenContent[];
  inventory: { total: number; kept: number; dropped: Record<DropReason, number> };
  ranked: RankedFile[];
  context: { text: string; tokens: number; budget: number };
  timings: {
    listMs: number;
    analyseMs: number;
    rankMs: number;
    packMs: number;
    cacheHits: number;
    cacheMisses: number;
  };
}

const READ_BATCH = 64;
/** Batches read ahead of the one being stored: enough to keep every analysis thread busy. */
const IN_FLIGHT = 8;

/**
 * Codebase → ranked, budgeted context for one issue; used by planning and `maestro context`.
 * 1. list files (blob ids) and drop vendored, lock, binary, generated and huge ones by path;
 * 2. analyse each remaining blob (cache first), dropping binary/generated ones by content;
 * 3. detect the stack and read instruction files;
 * 4. rank (BM25 ⊕ mentions ⊕ symbols ⊕ import neighbours);
 * 5. pack the ranking into the token budget.
 * Every file text that can reach a prompt (instructions, packed files) passes the inbound sanitiser
 * first, like issue text (security.md rule 5): a merged README can carry an HTML comment or Tag
 * characters no reviewer saw. Token counts and excerpts are taken on the sanitised text.
 */
export async function discover(input: DiscoverInput): Promise<DiscoveryResult> {
  const { repo } = input;
  const t0 = performance.now();
  // Read while git lists the files (at 100k files the index is large); whether it is this tree's is
  // known once they are listed.
  let storedIndex: Promise<Uint8Array | undefined> | undefined = readRankIndex(input.cache);
  const listed = await repo.listFiles();
  const { kept, summary } = inventory(listed);
  const t1 = performance.now();

  const readText = async (path: string) => (await repo.readFile(path)).toString('utf8');
  const readMaybe = (path: string) => readText(path).catch(() => undefined);
  // Before indexing: the Go module is part of what the rank index is built from (import resolution).
  const stack = await detectStack(listed, kept, readMaybe);
  const analyser = input.analyser ?? inProcessAnalyser;
  const key = treeKey(kept, stack.goModule);
  const cached = await cachedIndex(input.cache, key, kept.length, storedIndex);
  storedIndex = undefined; // another tree's bytes are garbage while this one's index is built
  const { record, cacheHits, cacheMisses } =
    cached ?? (await indexAll(kept, repo, input.cache, analyser, key, stack.goModule));
  for (const [reason, n] of Object.entries(record.dropped)) summary.dropped[reason as DropReason] += n;
  summary.kept = record.index.paths.length;
  const t2 = performance.now();

  const hidden = new Map<string, Record<string, number>>();
  const readClean = async (path: string) => {
    const result = sanitizeInbound(await readText(path));
    const removed = hiddenRemovals(result.removed);
    if (Object.keys(removed).length > 0) hidden.set(path, removed);
    return result.text;
  };
  // Exact counts, remembered by content across runs: a warm run that packs what it packed before
  // never loads the tokenizer.
  const counts = await TokenCountMemo.open(input.cache);
  const instructions = await findInstructions(
    listed.map((f) => f.path),
    (path) => readClean(path).catch(() => undefined),
    Math.min(4000, Math.ceil(input.budgetTokens * 0.15)),
    counts.count,
  );
  const ranking = rankFiles({ index: record.index, issue: input.issue, mode: input.ranking ?? 'fusion' });
  const t3 = performance.now();

  const tokensOf = new Map(record.index.paths.map((path, doc) => [path, record.tokens[doc]!]));
  const packed = await packContext({
    ranked: ranking.map((r) => ({ path: r.path, tokens: tokensOf.get(r.path) ?? 0, anchors: r.anchors })),
    read: readClean,
    budget: input.budgetTokens,
    focus: new Set(tokenize(`${input.issue.title}\n${input.issue.body}`)),
    count: counts.count,
  });
  await counts.save();
  const t4 = performance.now();

  const ranked = ranking.slice(0, input.topN ?? 200).map((r): RankedFile => {
    const p = packed.files.get(r.path);
    return {
      ...r,
      tokens: tokensOf.get(r.path) ?? 0,
      included: p?.included ?? false,
      excerpt: p?.excerpt ?? false,
      // What an excerpt shows and why the file is not whole, for the packed-context report.
      reasons: p?.why ? [p.why, ...r.reasons] : r.reasons,
    };
  });
  return {
    stack,
    instructions,
    hidden: [...hidden].map(([path, removed]) => ({ path, removed })),
    inventory: summary,
    ranked,
    context: { text: packed.text, tokens: packed.tokens, budget: input.budgetTokens },
    timings: {
      listMs: ms(t1 - t0),
      analyseMs: ms(t2 - t1),
      rankMs: ms(t3 - t2),
      packMs: ms(t4 - t3),
      cacheHits,
      cacheMisses,
    },
  };
}

/** The rank index cached for this tree (the same files and contents as the last run), if any. */
async function cachedIndex(
  store: CacheStore,
  key: string,
  kept: number,
  stored: Promise<Uint8Array | undefined>,
) {
  const record = await loadRankIndex(store, key, stored);
  return record ? { record, cacheHits: kept, cacheMisses: 0 } : undefined;
}

/**
 * Every kept file analysed (cache first) and built into this tree's rank index, which is saved for
 * the next run. Files go into the index one at a time, in path order, as their analyses arrive:
 * holding every file's analysis until all were done was most of a cold run's memory at 100k files.
 */
async function indexAll(
  kept: readonly RepoFile[],
  repo: RepositoryReader,
  store: CacheStore,
  analyser: FileAnalyser<FileAnalysis>,
  key: string,
  goModule: string | undefined,
) {
  const { index, tokens, dropped, cacheHits, cacheMisses } = await analyseInto(
    byPath(kept),
    repo,
    store,
    analyser,
    goModule,
  );
  const record = { key, index, tokens: Uint32Array.from(tokens), dropped };
  await saveRankIndex(store, record);
  return { record, cacheHits, cacheMisses };
}

/**
 * Each file's analysis (cached, else fresh) added to a rank index builder in path order, the index
 * built (its content postings read from the cache's term counts) and the per-blob cache saved. Its
 * own function so that the cache (the loaded document, every entry's term counts) is garbage once
 * this returns, before the index is saved.
 */
async function analyseInto(
  files: readonly RepoFile[],
  repo: RepositoryReader,
  store: CacheStore,
  analyser: FileAnalyser<FileAnalysis>,
  goModule: string | undefined,
) {
  const cache = await DiscoveryCache.open(store);
  const builder = new RankIndexBuilder<CacheEntry>({
    term: (id) => cache.term(id),
    eachTerm: (entry, each) => cache.eachTermId(entry, each),
  });
  const tokens: number[] = [];
  const dropped: Partial<Record<DropReason, number>> = {};
  await analyseAll(files, repo, cache, analyser, (file, entry, a) => {
    if (a.drop) {
      dropped[a.drop] = (dropped[a.drop] ?? 0) + 1;
      return;
    }
    builder.add(
      { path: file.path, length: a.length, symbols: a.symbols, imports: a.imports, literals: a.literals },
      entry,
    );
    tokens.push(a.tokens);
  });
  cache.doneAdding();
  const index = builder.build(goModule);
  await cache.save();
  cache.close();
  return { index, tokens, dropped, cacheHits: cache.hits, cacheMisses: cache.misses };
}

/**
 * Every file's cache entry, in the order given: the misses are read and analysed in batches, and
 * while the analyser works on some batches (on other threads when the host gave a pool), the next
 * ones are read. Entries are handed to `add` in order, so the outcome does not depend on which
 * thread finished first.
 */
async function analyseAll(
  files: readonly RepoFile[],
  repo: RepositoryReader,
  cache: DiscoveryCache,
  analyser: FileAnalyser<FileAnalysis>,
  add: (file: RepoFile, entry: CacheEntry, fields: Omit<FileAnalysis, 'tf'>) => void,
) {
  const hits = files.map((file) => cache.entry(file.blob, file.path));
  const total = hits.reduce((n, hit) => n + (hit ? 0 : 1), 0);
  const inFlight: Promise<() => void>[] = [];
  for (let i = 0; i < files.length; i += READ_BATCH) {
    const batch = files.slice(i, i + READ_BATCH);
    const cached = hits.slice(i, i + READ_BATCH);
    const misses = batch.filter((_, j) => !cached[j]);
    const fresh = new Map<RepoFile, FileAnalysis>();
    const pending = analyseBatch(misses, repo, analyser, total).then(({ read, results }) => () => {
      read.forEach((file, j) => {
        fresh.set(file, results[j]!);
      });
      batch.forEach((file, j) => {
        const hit = cached[j];
        const result = hit ? undefined : fresh.get(file);
        if (hit) add(file, hit, cache.fields(hit));
        else if (result) add(file, cache.store(file.blob, file.path, result), result);
      });
    });
    pending.catch(() => {}); // awaited below, in order; this only keeps a failure from going unhandled meanwhile
    inFlight.push(pending);
    if (inFlight.length >= IN_FLIGHT) (await inFlight.shift()!)();
  }
  while (inFlight.length > 0) (await inFlight.shift()!)();
  analyser.release?.();
}

/** The files that could be read (one may vanish between listing and reading) and their analyses. */
async function analyseBatch(
  files: readonly RepoFile[],
  repo: RepositoryReader,
  analyser: FileAnalyser<FileAnalysis>,
  total: number,
): Promise<{ read: RepoFile[]; results: FileAnalysis[] }> {
  if (files.length === 0) return { read: [], results: [] };
  const contents = await Promise.all(files.map((f) => repo.readFile(f.path).catch(() => undefined)));
  const read: RepoFile[] = [];
  const jobs: AnalysisJob[] = [];
  files.forEach((file, j) => {
    const content = contents[j];
    if (!content) return;
    read.push(file);
    jobs.push({ path: file.path, content });
  });
  return { read, results: await analyser.analyse(jobs, total) };
}

/** The files in path order (`<`, the rank index's document order); a listing usually already is. */
function byPath(files: readonly RepoFile[]): readonly RepoFile[] {
  const sorted = files.every((f, i) => i === 0 || files[i - 1]!.path < f.path);
  return sorted ? files : [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The passes that removed something hidden; whitespace tidying is not hidden content. */
function hiddenRemovals(removed: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(removed).filter(([pass, n]) => n > 0 && pass !== 'whitespace'));
}

function ms(value: number): number {
  return Math.round(value * 10) / 10;
}
