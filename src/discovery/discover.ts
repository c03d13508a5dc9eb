import type { CacheStore } from '../ports/cache-port.js';
import type { AnalysisJob, FileAnalyser } from '../ports/file-analyser-port.js';

export type { StackInfo } from './detect-stack.js';
export type { InstructionFile } from './instructions.js';

import { sanitizeInbound } from '../core/policy/sanitize-inbound.js';
import type { RepoFile, RepositoryReader } from '../ports/repository-port.js';
import { type FileAnalysis, inProcessAnalyser } from './analyse-file.js';
import { detectStack, type StackInfo } from './detect-stack.js';
import { type CachedAnalysis, DiscoveryCache } from './discovery-cache.js';
import { findInstructions, type InstructionFile } from './instructions.js';
import { type DropReason, inventory } from './inventory.js';
import { packContext } from './pack-context.js';
import { rankFiles } from './rank-files.js';
import { buildRankIndex, type IndexSource } from './rank-index.js';
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
 * the next run. Its own function so that the loaded per-blob cache (the whole document, every
 * entry's term counts) is garbage once this returns, not held through ranking and packing.
 */
async function indexAll(
  kept: readonly RepoFile[],
  repo: RepositoryReader,
  store: CacheStore,
  analyser: FileAnalyser<FileAnalysis>,
  key: string,
  goModule: string | undefined,
) {
  const cache = await DiscoveryCache.open(store);
  const analysed = await analyseAll(kept, repo, cache, analyser);
  const dropped: Partial<Record<DropReason, number>> = {};
  const sources: (IndexSource & { tokens: number })[] = [];
  for (const { file, analysis } of analysed) {
    if (analysis.drop) dropped[analysis.drop] = (dropped[analysis.drop] ?? 0) + 1;
    else sources.push({ ...analysis, path: file.path });
  }
  await cache.save();
  const index = buildRankIndex(sources, goModule);
  const tokensByPath = new Map(sources.map((s) => [s.path, s.tokens]));
  const record = { key, index, tokens: Uint32Array.from(index.paths, (p) => tokensByPath.get(p)!), dropped };
  await saveRankIndex(store, record);
  return { record, cacheHits: cache.hits, cacheMisses: cache.misses };
}

/**
 * Cache hits, then the misses analysed in batches: while the analyser works on some batches (on
 * other threads when the host gave a pool), the next ones are read, and results are stored in the
 * cache in listing order, so the outcome does not depend on which thread finished first.
 */
async function analyseAll(
  files: readonly RepoFile[],
  repo: RepositoryReader,
  cache: DiscoveryCache,
  analyser: FileAnalyser<FileAnalysis>,
) {
  const out: { file: RepoFile; analysis: CachedAnalysis }[] = [];
  const misses: RepoFile[] = [];
  for (const file of files) {
    const hit = cache.get(file.blob, file.path);
    if (hit) out.push({ file, analysis: hit });
    else misses.push(file);
  }
  const inFlight: Promise<{ read: RepoFile[]; results: FileAnalysis[] }>[] = [];
  const store = async () => {
    const { read, results } = await inFlight.shift()!;
    read.forEach((file, j) => {
      out.push({ file, analysis: cache.set(file.blob, file.path, results[j]!) });
    });
  };
  for (let i = 0; i < misses.length; i += READ_BATCH) {
    const batch = misses.slice(i, i + READ_BATCH);
    const contents = await Promise.all(batch.map((f) => repo.readFile(f.path).catch(() => undefined)));
    const read: RepoFile[] = [];
    const jobs: AnalysisJob[] = [];
    batch.forEach((file, j) => {
      const content = contents[j];
      if (!content) return; // vanished between listing and reading
      read.push(file);
      jobs.push({ path: file.path, content });
    });
    const pending = analyser.analyse(jobs, misses.length).then((results) => ({ read, results }));
    pending.catch(() => {}); // awaited below, in order; this only keeps a failure from going unhandled meanwhile
    inFlight.push(pending);
    if (inFlight.length >= IN_FLIGHT) await store();
  }
  while (inFlight.length > 0) await store();
  analyser.release?.();
  return out;
}

/** The passes that removed something hidden; whitespace tidying is not hidden content. */
function hiddenRemovals(removed: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(removed).filter(([pass, n]) => n > 0 && pass !== 'whitespace'));
}

function ms(value: number): number {
  return Math.round(value * 10) / 10;
}
