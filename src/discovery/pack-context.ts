import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { focusedExcerpt } from './excerpt.js';

export interface PackCandidate {
  path: string;
  /** Tokens of the whole file content. */
  tokens: number;
}

export interface PackedFile {
  tokens: number;
  included: boolean;
  excerpt: boolean;
}

export interface PackResult {
  text: string;
  tokens: number;
  files: Map<string, PackedFile>;
}

export interface PackInput {
  ranked: readonly PackCandidate[];
  read(path: string): Promise<string>;
  budget: number;
  /** Lowercase terms (query terms, mentioned symbols) that excerpts centre on. */
  focus: ReadonlySet<string>;
}

/** A whole file may take at most this share of the budget; bigger ones are excerpted. */
const WHOLE_FILE_SHARE = 0.6;
/** An excerpt may take at most this share of the budget, so many files get a look in. */
const EXCERPT_SHARE = 0.2;
/** Token estimates run at most this much high (bytes ÷ 4 against 3.2+ bytes per token in prose). */
const ESTIMATE_LOW = 0.75;
/** Below this many tokens left, an excerpt is not worth adding. */
const MIN_EXCERPT = 120;

/**
 * Packs ranked files into `budget` tokens (o200k_base): whole files when they fit, else focused
 * excerpts with line numbers, strictly in rank order. The final text is re-counted and trimmed, so
 * it never exceeds the budget even where token boundaries merge across blocks.
 */
export async function packContext(input: PackInput): Promise<PackResult> {
  const { budget } = input;
  const files = new Map<string, PackedFile>();
  const blocks: { path: string; text: string; tokens: number }[] = [];
  let remaining = budget;
  for (const candidate of input.ranked) {
    files.set(candidate.path, { tokens: candidate.tokens, included: false, excerpt: false });
    if (remaining < MIN_EXCERPT) continue;
    const header = `==> ${candidate.path} <==\n`;
    const headerTokens = countTokens(header) + 1;
    // `candidate.tokens` is an estimate (discovery counts exactly only what it packs): try the
    // file whole when the estimate, allowing it to run high, fits; then decide on the exact count.
    const low = Math.floor(candidate.tokens * ESTIMATE_LOW);
    if (low + headerTokens <= remaining && low <= budget * WHOLE_FILE_SHARE) {
      const text = `${header}${await input.read(candidate.path)}\n`;
      const tokens = countTokens(text);
      if (tokens <= remaining && tokens - headerTokens <= budget * WHOLE_FILE_SHARE) {
        blocks.push({ path: candidate.path, text, tokens });
        files.set(candidate.path, { tokens: candidate.tokens, included: true, excerpt: false });
        remaining -= tokens;
        continue;
      }
    }
    const excerptHeader = `==> ${candidate.path} (excerpt) <==\n`;
    const cap = Math.min(remaining, Math.floor(budget * EXCERPT_SHARE)) - countTokens(excerptHeader) - 2;
    if (cap < MIN_EXCERPT / 2) continue;
    const excerpt = focusedExcerpt(await input.read(candidate.path), input.focus, cap);
    if (excerpt.tokens === 0) continue;
    const text = `${excerptHeader}${excerpt.text}\n`;
    const tokens = countTokens(text);
    if (tokens > remaining) continue;
    blocks.push({ path: candidate.path, text, tokens });
    files.set(candidate.path, { tokens: candidate.tokens, included: true, excerpt: true });
    remaining -= tokens;
  }
  let text = blocks.map((b) => b.text).join('\n');
  let tokens = text ? countTokens(text) : 0;
  while (tokens > budget && blocks.length > 0) {
    const dropped = blocks.pop()!;
    files.set(dropped.path, { ...files.get(dropped.path)!, included: false, excerpt: false });
    text = blocks.map((b) => b.text).join('\n');
    tokens = text ? countTokens(text) : 0;
  }
  return { text, tokens, files };
}
