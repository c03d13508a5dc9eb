import { countTokens as countExactly } from './count-tokens.js';
import { focusedExcerpt } from './excerpt.js';

export interface PackCandidate {
  path: string;
  /** Tokens of the whole file content. */
  tokens: number;
  /** What the issue matched in this file (symbols, message words): an excerpt centres on them. */
  anchors?: readonly string[];
}

export interface PackedFile {
  tokens: number;
  included: boolean;
  excerpt: boolean;
  /** Why the file is an excerpt and what it shows, e.g. `excerpt: 31200 tokens, over 60% of …`. */
  why?: string;
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
  /** Exact token count (e.g. a `TokenCountMemo`'s, so a warm run need not load the tokenizer). */
  count?: (text: string) => Promise<number>;
}

/** A whole file may take at most this share of the budget; bigger ones are excerpted. */
const WHOLE_FILE_SHARE = 0.6;
/** An excerpt may take at most this share of the budget, so many files get a look in. */
const EXCERPT_SHARE = 0.2;
/** Token estimates run at most this much high (bytes ÷ 4 against 3.2+ bytes per token in prose). */
const ESTIMATE_LOW = 0.75;
/** Below this many tokens left, an excerpt is not worth adding. */
const MIN_EXCERPT = 120;
/** Files this high in the ranking keep room for their excerpt: lower-ranked whole files cannot take it. */
const RESERVED_RANKS = 5;

/**
 * Packs ranked files into `budget` tokens (o200k_base): whole files when they fit, else focused
 * excerpts with line numbers, strictly in rank order. The final text is re-counted and trimmed, so
 * it never exceeds the budget even where token boundaries merge across blocks.
 */
export async function packContext(input: PackInput): Promise<PackResult> {
  const { budget } = input;
  const countTokens = input.count ?? countExactly;
  const files = new Map<string, PackedFile>();
  const blocks: { path: string; text: string; tokens: number }[] = [];
  let remaining = budget;
  // A file too big to go whole near the top of the ranking keeps room for its excerpt, so smaller
  // files ranked below it cannot spend the budget first.
  const reserve = new Map<string, number>();
  for (const c of input.ranked.slice(0, RESERVED_RANKS))
    if (c.tokens * ESTIMATE_LOW > budget * WHOLE_FILE_SHARE)
      reserve.set(c.path, Math.floor(budget * EXCERPT_SHARE));
  let reserved = [...reserve.values()].reduce((a, b) => a + b, 0);
  for (const candidate of input.ranked) {
    files.set(candidate.path, { tokens: candidate.tokens, included: false, excerpt: false });
    reserved -= reserve.get(candidate.path) ?? 0;
    const available = remaining - reserved;
    if (available < MIN_EXCERPT) continue;
    const header = `==> ${candidate.path} <==\n`;
    const headerTokens = (await countTokens(header)) + 1;
    // `candidate.tokens` is an estimate (discovery counts exactly only what it packs): try the
    // file whole when the estimate, allowing it to run high, fits; then decide on the exact count.
    const low = Math.floor(candidate.tokens * ESTIMATE_LOW);
    if (low + headerTokens <= available && low <= budget * WHOLE_FILE_SHARE) {
      const text = `${header}${await input.read(candidate.path)}\n`;
      const tokens = await countTokens(text);
      if (tokens <= available && tokens - headerTokens <= budget * WHOLE_FILE_SHARE) {
        blocks.push({ path: candidate.path, text, tokens });
        files.set(candidate.path, { tokens: candidate.tokens, included: true, excerpt: false });
        remaining -= tokens;
        continue;
      }
    }
    const block = await excerptBlock(candidate, input, available);
    if (!block) continue;
    blocks.push({ path: candidate.path, text: block.text, tokens: block.tokens });
    files.set(candidate.path, { tokens: candidate.tokens, included: true, excerpt: true, why: block.why });
    remaining -= block.tokens;
  }
  let text = blocks.map((b) => b.text).join('\n');
  let tokens = await countTokens(text);
  while (tokens > budget && blocks.length > 0) {
    const dropped = blocks.pop()!;
    files.set(dropped.path, { ...files.get(dropped.path)!, included: false, excerpt: false });
    text = blocks.map((b) => b.text).join('\n');
    tokens = await countTokens(text);
  }
  return { text, tokens, files };
}

/** The file as an excerpt within what is available, with a header saying why and what it shows. */
async function excerptBlock(
  candidate: PackCandidate,
  input: PackInput,
  available: number,
): Promise<{ text: string; tokens: number; why: string } | undefined> {
  const { budget } = input;
  const cap = Math.min(available, Math.floor(budget * EXCERPT_SHARE)) - 40;
  if (cap < MIN_EXCERPT / 2) return undefined;
  const count = input.count ?? countExactly;
  const file = await input.read(candidate.path);
  const excerpt = await focusedExcerpt(file, input.focus, cap, candidate.anchors, count);
  if (excerpt.tokens === 0) return undefined;
  const reason =
    candidate.tokens * ESTIMATE_LOW > budget * WHOLE_FILE_SHARE
      ? `~${candidate.tokens} tokens, over ${WHOLE_FILE_SHARE * 100}% of the budget`
      : `~${candidate.tokens} tokens, ${Math.max(0, available)} left`;
  const around = excerpt.centredOn.length
    ? `; around ${excerpt.centredOn.map((a) => (a.includes(' ') ? `"${a.replace(/ \| /g, ' … ')}"` : a)).join(', ')}`
    : "; lines with the issue's words";
  const why = `excerpt: ${reason}${around}`;
  const text = `==> ${candidate.path} (${why}) <==\n${excerpt.text}\n`;
  const tokens = await count(text);
  return tokens <= available ? { text, tokens, why } : undefined;
}
