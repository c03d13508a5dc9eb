import type { AnalysisJob, FileAnalyser } from '../ports/file-analyser-port.js';
import { extractImports } from './import-graph.js';
import { classifyContent, type DropReason } from './inventory.js';
import { extractLiterals } from './string-literals.js';
import { extractSymbols } from './symbol-index.js';
import { identifierTerms } from './tokenize.js';

/** What discovery needs to know about one file's content; cached per blob id. */
export interface FileAnalysis {
  /** Set when the content shows the file must be left out (binary, generated). */
  drop?: DropReason;
  /**
   * Estimated o200k_base tokens of the whole content (see `estimateTokens`): ranking needs no exact
   * count, and packing counts exactly what it packs.
   */
  tokens: number;
  lines: number;
  /** Content terms in total (BM25 document length). */
  length: number;
  /**
   * Term → count. A Map, not an object: building an object of a file's few hundred terms was half of
   * counting them, and a Map crosses from an analysis thread faster.
   */
  tf: Map<string, number>;
  symbols: string[];
  imports: string[];
  /** Message-like string literals (fixed word runs), for matching error messages quoted in issues. */
  literals: string[];
}

/** Analyses one file's content; `path` picks the language rules for symbols and imports. */
export function analyseFile(path: string, content: Buffer): FileAnalysis {
  const drop = classifyContent(content);
  if (drop)
    return { drop, tokens: 0, lines: 0, length: 0, tf: new Map(), symbols: [], imports: [], literals: [] };
  const text = content.toString('utf8');
  const { tf, length } = countTerms(text);
  return {
    tokens: estimateTokens(content.byteLength),
    lines: countLines(text),
    length,
    tf,
    symbols: extractSymbols(path, text),
    imports: extractImports(path, text),
    literals: extractLiterals(text),
  };
}

/** Analyses on the calling thread: discovery's default, and what each thread of a pool runs. */
export const inProcessAnalyser: FileAnalyser<FileAnalysis> = {
  analyse: async (jobs) => analyseJobs(jobs),
};

export function analyseJobs(jobs: readonly AnalysisJob[]): FileAnalysis[] {
  return jobs.map((job) => analyseFile(job.path, asBuffer(job.content)));
}

function asBuffer(content: Uint8Array): Buffer {
  return Buffer.isBuffer(content)
    ? content
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

/**
 * Bytes ÷ 4. Counting every file exactly with the tokenizer was half of a cold discovery; code runs
 * at 2.5–4.3 bytes per o200k token (measured on this repository and the benchmark fixtures), so this
 * is close and mostly low, and a low estimate only makes packing try a file whole and count it.
 */
export function estimateTokens(bytes: number): number {
  return Math.ceil(bytes / 4);
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;
/** Terms per identifier: a repository repeats a small vocabulary, and splitting was a third of a cold run. */
const termsOf = new Map<string, readonly string[]>();
const MEMO_LIMIT = 200_000;

/**
 * `termFrequencies(tokenize(text))` and its length. Occurrences are counted per identifier first
 * (`text.match`, no match objects), then each distinct identifier's terms are added once with its
 * count: a file repeats its identifiers, and per-occurrence work was most of a cold run. Terms are
 * inserted in the order `tokenize` first yields them, so the result is the same object.
 */
export function countTerms(text: string): { tf: Map<string, number>; length: number } {
  const occurrences = new Map<string, number>();
  for (const identifier of text.match(IDENTIFIER) ?? []) {
    occurrences.set(identifier, (occurrences.get(identifier) ?? 0) + 1);
  }
  const counts = new Map<string, number>();
  let length = 0;
  for (const [identifier, n] of occurrences) {
    let terms = termsOf.get(identifier);
    if (!terms) {
      if (termsOf.size >= MEMO_LIMIT) termsOf.clear();
      terms = identifierTerms(identifier);
      termsOf.set(identifier, terms);
    }
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + n);
    length += terms.length * n;
  }
  return { tf: counts, length };
}

function countLines(text: string): number {
  let n = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
