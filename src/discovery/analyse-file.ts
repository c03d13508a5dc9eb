import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { extractImports } from './import-graph.js';
import { classifyContent, type DropReason } from './inventory.js';
import { extractSymbols } from './symbol-index.js';
import { termFrequencies, tokenize } from './tokenize.js';

/** What discovery needs to know about one file's content; cached per blob id. */
export interface FileAnalysis {
  /** Set when the content shows the file must be left out (binary, generated). */
  drop?: DropReason;
  /** o200k_base tokens of the whole content. */
  tokens: number;
  lines: number;
  /** Content terms in total (BM25 document length). */
  length: number;
  tf: Record<string, number>;
  symbols: string[];
  imports: string[];
}

/** Analyses one file's content; `path` picks the language rules for symbols and imports. */
export function analyseFile(path: string, content: Buffer): FileAnalysis {
  const drop = classifyContent(content);
  if (drop) return { drop, tokens: 0, lines: 0, length: 0, tf: {}, symbols: [], imports: [] };
  const text = content.toString('utf8');
  const terms = tokenize(text);
  return {
    tokens: countTokens(text),
    lines: countLines(text),
    length: terms.length,
    tf: Object.fromEntries(termFrequencies(terms)),
    symbols: extractSymbols(path, text),
    imports: extractImports(path, text),
  };
}

function countLines(text: string): number {
  let n = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
