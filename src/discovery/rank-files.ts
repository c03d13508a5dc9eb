import { bm25RankIndex, weightQuery } from './bm25.js';
import { isChangelog, isDocPath, isTestPath, isUnder } from './file-roles.js';
import {
  extractMentions,
  type Mention,
  type MentionKind,
  messageMentions,
  withoutForeignPaths,
} from './mentions.js';
import { PathLookup } from './path-lookup.js';
import { buildRankIndex, type IndexSource, neighboursOf, type RankIndex } from './rank-index.js';
import { IndexedSymbols } from './symbol-index.js';
import { tokenize } from './tokenize.js';

/** A file ready to rank: its path and the cached analysis fields ranking reads. */
export interface IndexedFile {
  path: string;
  tf: Readonly<Record<string, number>>;
  length: number;
  symbols: readonly string[];
  imports: readonly string[];
  /** Message-like string literals (see string-literals.ts); absent in old analyses. */
  literals?: readonly string[];
}

export interface RankedEntry {
  path: string;
  /** 0..1, top file = 1. */
  score: number;
  reasons: string[];
  /** What the issue matched in this file (symbol names, message words): excerpts centre on them. */
  anchors: string[];
}

/** The files to rank, as analyses (built into an index here) or as a rank index built before. */
export type RankInput = RankOptions &
  (
    | {
        files: readonly IndexedFile[];
        /** `module` line of go.mod, to resolve Go imports. */
        goModule?: string;
      }
    | { index: RankIndex }
  );

interface RankOptions {
  issue: { title: string; body: string };
  /** `bm25` is the plain baseline: BM25 alone over source files (no docs), no other signal. */
  mode?: 'fusion' | 'bm25';
}

/** Weights of each signal in the fused score (BM25 is normalised to 0..1 first). */
const W = { bm25: 1, mention: 1.2, neighbour: 0.25, strongCandidates: 8 };
/** Score kept by a file in each role, unless the issue is about that role or names the file. */
const DEMOTE = { vendored: 0.15, changelog: 0.2, doc: 0.3, test: 0.4 };
/** A mention at least this strong names the file: its role's penalty no longer applies. */
const NAMES_FILE = 0.5;
/** Mentions that name a file; a symbol or a message can be anywhere, a vendored copy included. */
const NAMING: ReadonlySet<MentionKind> = new Set(['frame', 'path', 'file name', 'module']);
const TESTS_TOPIC = /\b(tests?|testing|flaky|fixtures?|specs?|test suite)\b/i;
const DOCS_TOPIC = /\b(docs?|documentation|readme|typos?|docstrings?|changelog)\b/i;

interface Scored {
  score: number;
  reasons: string[];
  anchors: Set<string>;
}

/**
 * Ranks files for an issue: BM25 over content and path terms, fused with what the issue points at
 * (stack frames, paths, file names, modules, defined symbols, quoted messages), then 1-hop import
 * neighbours of the strongest candidates get a share of their score. Tests, docs, changelogs and
 * vendored copies are demoted unless the issue's title is about them or it names the file: a word
 * like "documentation" or "pytest" in the body is no such topic. Ties break by path, so the order
 * never depends on listing or cache order.
 */
export function rankFiles(input: RankInput): RankedEntry[] {
  const index = 'index' in input ? input.index : buildRankIndex(input.files.map(indexSource), input.goModule);
  const { issue } = input;
  const { paths } = index;
  if (input.mode === 'bm25') {
    const sources = Uint8Array.from(paths, (p) => (isDocPath(p) ? 0 : 1));
    const query = weightQuery(tokenize(issue.title), tokenize(issue.body));
    return normalise(bm25Scores(bm25RankIndex(index, query, sources), paths).scores);
  }
  const lookup = new PathLookup(paths);
  const query = weightQuery(tokenize(issue.title), tokenize(withoutForeignPaths(issue.body, lookup)));
  const { scores, entry } = bm25Scores(bm25RankIndex(index, query), paths);

  const text = `${issue.title}\n${issue.body}`;
  const symbols = new IndexedSymbols(index);
  const mentions = [...extractMentions(text, lookup, symbols), ...messageMentions(text, literalFiles(index))];
  const grouped = groupByPath(mentions);
  const demote = demoter(index.vendored, issue.title, grouped);
  for (const [path, e] of scores) e.score *= demote(path);
  for (const [path, list] of grouped) {
    const e = entry(path);
    const strength = 1 - list.reduce((p, m) => p * (1 - Math.min(m.weight, 0.99)), 1);
    e.score += W.mention * strength * demote(path);
    for (const m of list.slice(0, 4)) e.reasons.push(mentionReason(m));
    for (const m of list) if (m.kind === 'symbol' || m.kind === 'message') e.anchors.add(m.value);
  }
  addNeighbours(index, scores, entry, demote);
  return normalise(scores);
}

/** Scores keyed by path, BM25's first (normalised by the top hit's), and a getter that adds entries. */
function bm25Scores(hits: readonly { doc: number; score: number }[], paths: readonly string[]) {
  const top = hits[0]?.score ?? 1;
  const scores = new Map<string, Scored>();
  const entry = (path: string) => {
    const found = scores.get(path);
    if (found) return found;
    const created: Scored = { score: 0, reasons: [], anchors: new Set() };
    scores.set(path, created);
    return created;
  };
  hits.forEach((hit, i) => {
    const e = entry(paths[hit.doc]!);
    e.score = (W.bm25 * hit.score) / top;
    if (i < 50) e.reasons.push(`bm25 #${i + 1}`);
  });
  return { scores, entry };
}

function indexSource(f: IndexedFile): IndexSource {
  return {
    ...f,
    eachTerm(each) {
      for (const [term, count] of Object.entries(f.tf)) if (count > 0) each(term, count);
    },
  };
}

/**
 * Each document's literals for `messageMentions`, in document order, each document's in order of
 * first appearance: the same matches, in the same order, as the files' own literal lists.
 */
function literalFiles(index: RankIndex): { path: string; literals: string[] }[] {
  const { values, start, docs } = index.literals;
  const byDoc = new Map<number, string[]>();
  values.forEach((literal, i) => {
    for (let at = start[i]!; at < start[i + 1]!; at++) {
      const list = byDoc.get(docs[at]!);
      if (list) list.push(literal);
      else byDoc.set(docs[at]!, [literal]);
    }
  });
  return [...byDoc]
    .sort((a, b) => a[0] - b[0])
    .map(([doc, literals]) => ({ path: index.paths[doc]!, literals }));
}

/** The share of its score a file keeps for its role (vendored, changelog, doc, test). */
function demoter(
  vendored: readonly string[],
  title: string,
  mentions: ReadonlyMap<string, readonly Mention[]>,
): (path: string) => number {
  const aboutTests = TESTS_TOPIC.test(title);
  const aboutDocs = DOCS_TOPIC.test(title);
  return (path) => {
    const named = (mentions.get(path) ?? []).some((m) => NAMING.has(m.kind) && m.weight >= NAMES_FILE);
    if (named) return 1;
    let factor = 1;
    if (isUnder(path, vendored)) factor = Math.min(factor, DEMOTE.vendored);
    if (!aboutDocs && isChangelog(path)) factor = Math.min(factor, DEMOTE.changelog);
    else if (!aboutDocs && isDocPath(path)) factor = Math.min(factor, DEMOTE.doc);
    if (!aboutTests && isTestPath(path)) factor = Math.min(factor, DEMOTE.test);
    return factor;
  };
}

/** 1-hop import neighbours of the strongest candidates get a share of their score. */
function addNeighbours(
  index: RankIndex,
  scores: Map<string, Scored>,
  entry: (path: string) => Scored,
  demote: (path: string) => number,
): void {
  const strong = [...scores]
    .sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))
    .slice(0, W.strongCandidates);
  const best = strong[0]?.[1].score ?? 0;
  const boosts = new Map<string, { add: number; reason: string }>();
  for (const [path, e] of strong) {
    if (e.score < best * 0.4) continue;
    const offer = (neighbour: number, reason: string) => {
      const add = W.neighbour * e.score;
      const to = index.paths[neighbour]!;
      if ((boosts.get(to)?.add ?? 0) < add) boosts.set(to, { add, reason });
    };
    const doc = docOf(index.paths, path);
    if (doc < 0) continue;
    // Neighbours ascend by document number, which is path order.
    for (const n of neighboursOf(index.imports, doc)) offer(n, `imported by ${path}`);
    for (const n of neighboursOf(index.importedBy, doc)) offer(n, `imports ${path}`);
  }
  for (const [path, boost] of boosts) {
    const e = entry(path);
    e.score += boost.add * demote(path);
    e.reasons.push(boost.reason);
  }
}

/** Binary search of the sorted paths; -1 when absent. */
function docOf(paths: readonly string[], path: string): number {
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

function groupByPath(mentions: readonly Mention[]): Map<string, Mention[]> {
  const out = new Map<string, Mention[]>();
  for (const m of mentions) {
    const list = out.get(m.path) ?? [];
    if (!list.some((x) => x.kind === m.kind && x.value === m.value)) list.push(m);
    out.set(m.path, list);
  }
  for (const list of out.values())
    list.sort((a, b) => b.weight - a.weight || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return out;
}

function mentionReason(m: Mention): string {
  if (m.kind === 'symbol') return `defines ${m.value}`;
  if (m.kind === 'frame') return `stack frame ${m.value}`;
  if (m.kind === 'message') return `holds the message "${m.value.replace(/ \| /g, ' … ')}"`;
  return `mentions ${m.kind} ${m.value}`;
}

function normalise(scores: Map<string, Scored>): RankedEntry[] {
  const ranked = [...scores]
    .filter(([, e]) => e.score > 0)
    .map(([path, e]) => ({ path, score: e.score, reasons: e.reasons, anchors: [...e.anchors].sort() }))
    .sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1));
  const top = ranked[0]?.score ?? 1;
  for (const r of ranked) r.score = Math.round((r.score / top) * 1e4) / 1e4;
  return ranked;
}
