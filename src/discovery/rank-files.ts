import { bm25RankIndex, weightQuery } from './bm25.js';
import {
  extractMentions,
  type Mention,
  type MentionKind,
  messageMentions,
  withoutForeignPaths,
} from './mentions.js';
import { PathLookup } from './path-lookup.js';
import { buildRankIndex, docOf, type IndexSource, neighboursOf, type RankIndex, ROLE } from './rank-index.js';
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
  const { paths, roles } = index;
  const scores = new Scores(paths);
  if (input.mode === 'bm25') {
    const sources = Uint8Array.from(roles, (r) => (r & ROLE.doc ? 0 : 1));
    const query = weightQuery(tokenize(issue.title), tokenize(issue.body));
    scores.addBm25(bm25RankIndex(index, query, sources));
    return scores.ranked();
  }
  const lookup = new PathLookup(paths);
  const query = weightQuery(tokenize(issue.title), tokenize(withoutForeignPaths(issue.body, lookup)));
  const hits = bm25RankIndex(index, query);
  scores.addBm25(hits);

  const text = `${issue.title}\n${issue.body}`;
  const symbols = new IndexedSymbols(index);
  const mentions = [...extractMentions(text, lookup, symbols), ...messageMentions(text, literalFiles(index))];
  const grouped = new Map([...groupByPath(mentions)].map(([path, list]) => [docOf(paths, path), list]));
  const demote = demoter(roles, issue.title, grouped);
  for (const { doc } of hits) scores.score[doc] = scores.score[doc]! * demote(doc);
  for (const [doc, list] of grouped) {
    const strength = 1 - list.reduce((p, m) => p * (1 - Math.min(m.weight, 0.99)), 1);
    scores.score[doc] = scores.score[doc]! + W.mention * strength * demote(doc);
    for (const m of list.slice(0, 4)) scores.reason(doc, mentionReason(m));
    for (const m of list) if (m.kind === 'symbol' || m.kind === 'message') scores.anchor(doc, m.value);
  }
  addNeighbours(index, scores, demote);
  return scores.ranked();
}

/**
 * Each file's fused score, by document number (path order), with reasons and anchors for the few
 * that have any: at 100k files an object, a list and a set per scored file were most of ranking.
 */
class Scores {
  readonly score: Float64Array;
  readonly #paths: readonly string[];
  readonly #reasons = new Map<number, string[]>();
  readonly #anchors = new Map<number, Set<string>>();

  constructor(paths: readonly string[]) {
    this.#paths = paths;
    this.score = new Float64Array(paths.length);
  }

  /** BM25 first, normalised by the top hit's score; the first 50 say their rank. */
  addBm25(hits: readonly { doc: number; score: number }[]): void {
    const top = hits[0]?.score ?? 1;
    hits.forEach((hit, i) => {
      this.score[hit.doc] = (W.bm25 * hit.score) / top;
      if (i < 50) this.reason(hit.doc, `bm25 #${i + 1}`);
    });
  }

  reason(doc: number, reason: string): void {
    const list = this.#reasons.get(doc);
    if (list) list.push(reason);
    else this.#reasons.set(doc, [reason]);
  }

  anchor(doc: number, value: string): void {
    const set = this.#anchors.get(doc);
    if (set) set.add(value);
    else this.#anchors.set(doc, new Set([value]));
  }

  /** The `n` best documents (score, then path), among those with a positive score. */
  best(n: number): number[] {
    return this.#positive()
      .sort((a, b) => this.#order(a, b))
      .slice(0, n);
  }

  /** Files with a positive score, best first, scores relative to the top file's (4 decimals). */
  ranked(): RankedEntry[] {
    const docs = this.#positive().sort((a, b) => this.#order(a, b));
    const top = docs.length > 0 ? this.score[docs[0]!]! : 1;
    return docs.map((doc) => ({
      path: this.#paths[doc]!,
      score: Math.round((this.score[doc]! / top) * 1e4) / 1e4,
      reasons: this.#reasons.get(doc) ?? [],
      anchors: [...(this.#anchors.get(doc) ?? [])].sort(),
    }));
  }

  #positive(): number[] {
    const docs: number[] = [];
    this.score.forEach((s, doc) => {
      if (s > 0) docs.push(doc);
    });
    return docs;
  }

  /** Documents ascend in path order, so the tie-break is by path. */
  #order(a: number, b: number): number {
    return this.score[b]! - this.score[a]! || a - b;
  }
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
  roles: Uint8Array,
  title: string,
  mentions: ReadonlyMap<number, readonly Mention[]>,
): (doc: number) => number {
  const aboutTests = TESTS_TOPIC.test(title);
  const aboutDocs = DOCS_TOPIC.test(title);
  return (doc) => {
    const named = (mentions.get(doc) ?? []).some((m) => NAMING.has(m.kind) && m.weight >= NAMES_FILE);
    if (named) return 1;
    const role = roles[doc]!;
    let factor = 1;
    if (role & ROLE.vendored) factor = Math.min(factor, DEMOTE.vendored);
    if (!aboutDocs && role & ROLE.changelog) factor = Math.min(factor, DEMOTE.changelog);
    else if (!aboutDocs && role & ROLE.doc) factor = Math.min(factor, DEMOTE.doc);
    if (!aboutTests && role & ROLE.test) factor = Math.min(factor, DEMOTE.test);
    return factor;
  };
}

/** 1-hop import neighbours of the strongest candidates get a share of their score. */
function addNeighbours(index: RankIndex, scores: Scores, demote: (doc: number) => number): void {
  const strong = scores.best(W.strongCandidates);
  const best = strong.length > 0 ? scores.score[strong[0]!]! : 0;
  const boosts = new Map<number, { add: number; reason: string }>();
  for (const doc of strong) {
    const score = scores.score[doc]!;
    if (score < best * 0.4) continue;
    const path = index.paths[doc]!;
    const offer = (neighbour: number, reason: string) => {
      const add = W.neighbour * score;
      if ((boosts.get(neighbour)?.add ?? 0) < add) boosts.set(neighbour, { add, reason });
    };
    // Neighbours ascend by document number, which is path order.
    for (const n of neighboursOf(index.imports, doc)) offer(n, `imported by ${path}`);
    for (const n of neighboursOf(index.importedBy, doc)) offer(n, `imports ${path}`);
  }
  for (const [doc, boost] of boosts) {
    scores.score[doc] = scores.score[doc]! + boost.add * demote(doc);
    scores.reason(doc, boost.reason);
  }
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
