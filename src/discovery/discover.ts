import type { CacheStore } from '../ports/cache-port.js';

export type { StackInfo } from './detect-stack.js';
export type { InstructionFile } from './instructions.js';

import { sanitizeInbound } from '../core/policy/sanitize-inbound.js';
import type { RepoFile, RepositoryReader } from '../ports/repository-port.js';
import { analyseFile } from './analyse-file.js';
import { detectStack, type StackInfo } from './detect-stack.js';
import { type CachedAnalysis, DiscoveryCache } from './discovery-cache.js';
import { findInstructions, type InstructionFile } from './instructions.js';
import { type DropReason, inventory } from './inventory.js';
import { packContext } from './pack-context.js';
import { type IndexedFile, rankFiles } from './rank-files.js';
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
  const listed = await repo.listFiles();
  const { kept, summary } = inventory(listed);
  const t1 = performance.now();

  const queryTerms = [...new Set([...tokenize(input.issue.title), ...tokenize(input.issue.body)])];
  const { indexed, cacheHits, cacheMisses } = await indexAll(kept, repo, input.cache, queryTerms, summary);
  summary.kept = indexed.length;
  const t2 = performance.now();

  const readText = async (path: string) => (await repo.readFile(path)).toString('utf8');
  const readMaybe = (path: string) => readText(path).catch(() => undefined);
  const hidden = new Map<string, Record<string, number>>();
  const readClean = async (path: string) => {
    const result = sanitizeInbound(await readText(path));
    const removed = hiddenRemovals(result.removed);
    if (Object.keys(removed).length > 0) hidden.set(path, removed);
    return result.text;
  };
  const stack = await detectStack(listed, kept, readMaybe);
  // Exact counts, remembered by content across runs: a warm run that packs what it packed before
  // never loads the tokenizer.
  const counts = await TokenCountMemo.open(input.cache);
  const instructions = await findInstructions(
    listed.map((f) => f.path),
    (path) => readClean(path).catch(() => undefined),
    Math.min(4000, Math.ceil(input.budgetTokens * 0.15)),
    counts.count,
  );
  const ranking = rankFiles({
    files: indexed,
    issue: input.issue,
    ...(stack.goModule ? { goModule: stack.goModule } : {}),
    mode: input.ranking ?? 'fusion',
  });
  const t3 = performance.now();

  const tokensOf = new Map(indexed.map((f) => [f.path, f.tokens]));
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

/**
 * Every kept file as ranking needs it, from the cache or analysed now. Its own function so that the
 * loaded cache (the whole document, every entry's term counts) is garbage once this returns: at
 * 100k files it was held through ranking and packing, at the run's peak.
 */
async function indexAll(
  kept: readonly RepoFile[],
  repo: RepositoryReader,
  store: CacheStore,
  queryTerms: readonly string[],
  summary: { dropped: Record<DropReason, number> },
) {
  const cache = await DiscoveryCache.open(store);
  const analysed = await analyseAll(kept, repo, cache);
  // Ranking reads term counts only for the issue's terms (BM25 scores query terms), so each file
  // carries just those: the cache keeps the rest packed.
  const indexed: (IndexedFile & { tokens: number })[] = [];
  for (const { file, analysis } of analysed) {
    if (analysis.drop) summary.dropped[analysis.drop]++;
    else
      indexed.push({
        path: file.path,
        tokens: analysis.tokens,
        length: analysis.length,
        symbols: analysis.symbols,
        imports: analysis.imports,
        literals: analysis.literals,
        tf: analysis.termCounts(queryTerms),
      });
  }
  await cache.save();
  return { indexed, cacheHits: cache.hits, cacheMisses: cache.misses };
}

async function analyseAll(files: readonly RepoFile[], repo: RepositoryReader, cache: DiscoveryCache) {
  const out: { file: RepoFile; analysis: CachedAnalysis }[] = [];
  const misses: RepoFile[] = [];
  for (const file of files) {
    const hit = cache.get(file.blob, file.path);
    if (hit) out.push({ file, analysis: hit });
    else misses.push(file);
  }
  for (let i = 0; i < misses.length; i += READ_BATCH) {
    const batch = misses.slice(i, i + READ_BATCH);
    const contents = await Promise.all(batch.map((f) => repo.readFile(f.path).catch(() => undefined)));
    batch.forEach((file, j) => {
      const content = contents[j];
      if (!content) return; // vanished between listing and reading
      out.push({ file, analysis: cache.set(file.blob, file.path, analyseFile(file.path, content)) });
    });
  }
  return out;
}

/** The passes that removed something hidden; whitespace tidying is not hidden content. */
function hiddenRemovals(removed: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(removed).filter(([pass, n]) => n > 0 && pass !== 'whitespace'));
}

function ms(value: number): number {
  return Math.round(value * 10) / 10;
}
