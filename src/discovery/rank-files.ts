import { bm25Rank, weightQuery } from './bm25.js';
import { isChangelog, isDocPath, isTestPath, isUnder, vendoredRoots } from './file-roles.js';
import { ImportResolver } from './import-graph.js';
import { buildImportGraph } from './import-neighbours.js';
import {
  extractMentions,
  type Mention,
  type MentionKind,
  messageMentions,
  withoutForeignPaths,
} from './mentions.js';
import { PathLookup } from './path-lookup.js';
import { SymbolIndex } from './symbol-index.js';
import { pathTerms, tokenize } from './tokenize.js';

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

export interface RankInput {
  files: readonly IndexedFile[];
  issue: { title: string; body: string };
  /** `module` line of go.mod, to resolve Go imports. */
  goModule?: string;
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
  const { issue } = input;
  const files = input.mode === 'bm25' ? input.files.filter((f) => !isDocPath(f.path)) : input.files;
  const lookup = new PathLookup(files.map((f) => f.path));
  const body = input.mode === 'bm25' ? issue.body : withoutForeignPaths(issue.body, lookup);
  const query = weightQuery(tokenize(issue.title), tokenize(body));
  const hits = bm25Rank(
    files.map((f) => ({ id: f.path, tf: f.tf, length: f.length, pathTerms: pathTerms(f.path) })),
    query,
  );
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
    const e = entry(hit.id);
    e.score = (W.bm25 * hit.score) / top;
    if (i < 50) e.reasons.push(`bm25 #${i + 1}`);
  });
  if (input.mode === 'bm25') return normalise(scores);

  const text = `${issue.title}\n${issue.body}`;
  const symbols = new SymbolIndex();
  for (const f of files) symbols.add(f.path, f.symbols);
  const mentions = [...extractMentions(text, lookup, symbols), ...messageMentions(text, files)];
  const grouped = groupByPath(mentions);
  const demote = demoter(
    files.map((f) => f.path),
    issue.title,
    grouped,
  );
  for (const [path, e] of scores) e.score *= demote(path);
  for (const [path, list] of grouped) {
    const e = entry(path);
    const strength = 1 - list.reduce((p, m) => p * (1 - Math.min(m.weight, 0.99)), 1);
    e.score += W.mention * strength * demote(path);
    for (const m of list.slice(0, 4)) e.reasons.push(mentionReason(m));
    for (const m of list) if (m.kind === 'symbol' || m.kind === 'message') e.anchors.add(m.value);
  }
  addNeighbours(input, files, scores, entry, demote);
  return normalise(scores);
}

/** The share of its score a file keeps for its role (vendored, changelog, doc, test). */
function demoter(
  paths: readonly string[],
  title: string,
  mentions: ReadonlyMap<string, readonly Mention[]>,
): (path: string) => number {
  const vendored = vendoredRoots(paths);
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
  input: RankInput,
  files: readonly IndexedFile[],
  scores: Map<string, Scored>,
  entry: (path: string) => Scored,
  demote: (path: string) => number,
): void {
  const graph = buildImportGraph(
    files,
    new ImportResolver(
      files.map((f) => f.path),
      input.goModule,
    ),
  );
  const strong = [...scores]
    .sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))
    .slice(0, W.strongCandidates);
  const best = strong[0]?.[1].score ?? 0;
  const boosts = new Map<string, { add: number; reason: string }>();
  for (const [path, e] of strong) {
    if (e.score < best * 0.4) continue;
    const offer = (neighbour: string, reason: string) => {
      const add = W.neighbour * e.score;
      if ((boosts.get(neighbour)?.add ?? 0) < add) boosts.set(neighbour, { add, reason });
    };
    for (const n of [...(graph.imports.get(path) ?? [])].sort()) offer(n, `imported by ${path}`);
    for (const n of [...(graph.importedBy.get(path) ?? [])].sort()) offer(n, `imports ${path}`);
  }
  for (const [path, boost] of boosts) {
    const e = entry(path);
    e.score += boost.add * demote(path);
    e.reasons.push(boost.reason);
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

function normalise(scores: Map<string, Scored>): RankedEntry[] {
  const ranked = [...scores]
    .filter(([, e]) => e.score > 0)
    .map(([path, e]) => ({ path, score: e.score, reasons: e.reasons, anchors: [...e.anchors].sort() }))
    .sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1));
  const top = ranked[0]?.score ?? 1;
  for (const r of ranked) r.score = Math.round((r.score / top) * 1e4) / 1e4;
  return ranked;
}
