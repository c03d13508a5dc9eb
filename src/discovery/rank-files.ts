import { bm25Rank, weightQuery } from './bm25.js';
import { ImportResolver } from './import-graph.js';
import { buildImportGraph } from './import-neighbours.js';
import { extensionOf, languageOf, NON_CODE } from './language.js';
import { extractMentions, type Mention } from './mentions.js';
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
}

export interface RankedEntry {
  path: string;
  /** 0..1, top file = 1. */
  score: number;
  reasons: string[];
}

export interface RankInput {
  files: readonly IndexedFile[];
  issue: { title: string; body: string };
  /** `module` line of go.mod, to resolve Go imports. */
  goModule?: string;
  /** `bm25` is the plain baseline: BM25 alone, no mentions, symbols or graph. */
  mode?: 'fusion' | 'bm25';
}

/** Weights of each signal in the fused score (BM25 is normalised to 0..1 first). */
const W = { bm25: 1, mention: 1.6, neighbour: 0.25, strongCandidates: 8 };
const TEST_PATH =
  /(^|\/)(tests?|__tests__|spec|specs|testing)\/|[._-](test|spec)s?\.[a-z]+$|(^|\/)test_[^/]*$|_test\.go$|conftest\.py$/;
const DOC_PATH = /(^|\/)(docs?|documentation|examples?)\//;

/**
 * Ranks files for an issue: BM25 over content and path terms, fused with what the issue points at
 * (stack frames, paths, file names, modules, defined symbols), then 1-hop import neighbours of the
 * strongest candidates get a share of their score. Tests and docs are demoted unless the issue is
 * about them. Every file carries the reasons it scored.
 */
export function rankFiles(input: RankInput): RankedEntry[] {
  const { files, issue } = input;
  const query = weightQuery(tokenize(issue.title), tokenize(issue.body));
  const hits = bm25Rank(
    files.map((f) => ({ id: f.path, tf: f.tf, length: f.length, pathTerms: pathTerms(f.path) })),
    query,
  );
  const top = hits[0]?.score ?? 1;
  const scores = new Map<string, { score: number; reasons: string[] }>();
  const entry = (path: string) => {
    const found = scores.get(path);
    if (found) return found;
    const created = { score: 0, reasons: [] as string[] };
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
  const aboutTests = /\b(tests?|spec|pytest|jest|vitest|mocha|flaky|fixture)\b/i.test(text);
  const aboutDocs = /\b(docs?|documentation|readme|typo|docstring|changelog)\b/i.test(text);
  for (const [path, e] of scores) {
    const factor = demotion(path, aboutTests, aboutDocs);
    if (factor < 1) e.score *= factor;
  }

  const symbols = new SymbolIndex();
  for (const f of files) symbols.add(f.path, f.symbols);
  const mentions = extractMentions(text, new PathLookup(files.map((f) => f.path)), symbols);
  for (const [path, list] of groupByPath(mentions)) {
    const e = entry(path);
    e.score += W.mention * (1 - list.reduce((p, m) => p * (1 - Math.min(m.weight, 0.99)), 1));
    for (const m of list.slice(0, 4)) e.reasons.push(mentionReason(m));
  }

  const graph = buildImportGraph(
    files,
    new ImportResolver(
      files.map((f) => f.path),
      input.goModule,
    ),
  );
  const strong = [...scores].sort((a, b) => b[1].score - a[1].score).slice(0, W.strongCandidates);
  const best = strong[0]?.[1].score ?? 0;
  const boosts = new Map<string, { add: number; reason: string }>();
  for (const [path, e] of strong) {
    if (e.score < best * 0.4) continue;
    const offer = (neighbour: string, reason: string) => {
      const add = W.neighbour * e.score;
      if ((boosts.get(neighbour)?.add ?? 0) < add) boosts.set(neighbour, { add, reason });
    };
    for (const n of graph.imports.get(path) ?? []) offer(n, `imported by ${path}`);
    for (const n of graph.importedBy.get(path) ?? []) offer(n, `imports ${path}`);
  }
  for (const [path, boost] of boosts) {
    const e = entry(path);
    e.score += boost.add * demotion(path, aboutTests, aboutDocs);
    e.reasons.push(boost.reason);
  }
  return normalise(scores);
}

function demotion(path: string, aboutTests: boolean, aboutDocs: boolean): number {
  if (!aboutTests && TEST_PATH.test(path)) return 0.6;
  const lang = languageOf(path);
  const isDoc =
    DOC_PATH.test(path) || (lang !== undefined && NON_CODE.has(lang)) || extensionOf(path) === 'txt';
  if (!aboutDocs && isDoc) return 0.7;
  return 1;
}

function groupByPath(mentions: readonly Mention[]): Map<string, Mention[]> {
  const out = new Map<string, Mention[]>();
  for (const m of mentions) {
    const list = out.get(m.path) ?? [];
    if (!list.some((x) => x.kind === m.kind && x.value === m.value)) list.push(m);
    out.set(m.path, list);
  }
  for (const list of out.values()) list.sort((a, b) => b.weight - a.weight);
  return out;
}

function mentionReason(m: Mention): string {
  if (m.kind === 'symbol') return `defines ${m.value}`;
  if (m.kind === 'frame') return `stack frame ${m.value}`;
  return `mentions ${m.kind} ${m.value}`;
}

function normalise(scores: Map<string, { score: number; reasons: string[] }>): RankedEntry[] {
  const ranked = [...scores]
    .filter(([, e]) => e.score > 0)
    .map(([path, e]) => ({ path, score: e.score, reasons: e.reasons }))
    .sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1));
  const top = ranked[0]?.score ?? 1;
  for (const r of ranked) r.score = Math.round((r.score / top) * 1e4) / 1e4;
  return ranked;
}
