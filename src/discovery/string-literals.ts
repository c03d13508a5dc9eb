/**
 * Message-like string literals of a file (error texts, log lines), so an error message quoted in an
 * issue finds the file that produces it. Placeholders (`%s`, `{url!r}`, `${x}`) become a break,
 * since the issue shows them filled in; only the fixed words around them can be matched.
 */
const LITERAL =
  /(?<![\w])[rbuf]{0,2}("(?:[^"\\\n]|\\.){8,300}"|'(?:[^'\\\n]|\\.){8,300}'|`(?:[^`\\\n]|\\.){8,300}`)/gi;
const PLACEHOLDER = /%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrifxXeEgGco]|\{[^{}]*\}|\$\{[^}]*\}|\\[nrt]/g;
const MAX_LITERALS = 200;
/** A run of at least this many words is distinctive enough to match on. */
export const MIN_PHRASE_WORDS = 3;

export function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** The literal's fixed runs of words, joined by ` | `, when one run has at least three words. */
export function extractLiterals(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(LITERAL)) {
    const body = m[1]!.slice(1, -1);
    if (!/[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(body)) continue; // one word: a key, not a message
    const runs = body
      .split(PLACEHOLDER)
      .map((part) => words(part).join(' '))
      .filter((run) => run.split(' ').length >= MIN_PHRASE_WORDS);
    if (runs.length > 0) out.add(runs.join(' | '));
    if (out.size >= MAX_LITERALS) break;
  }
  return [...out];
}

/** The issue's words, indexed by three-word sequences, to test literals against quickly. */
export class PhraseIndex {
  readonly #words: string[];
  readonly #trigrams = new Map<string, number[]>();

  constructor(text: string) {
    this.#words = words(text);
    for (let i = 0; i + 2 < this.#words.length; i++) {
      const key = this.#words.slice(i, i + 3).join(' ');
      const list = this.#trigrams.get(key);
      if (list) list.push(i);
      else this.#trigrams.set(key, [i]);
    }
  }

  /** True when the run of words appears in the issue, in order and contiguous. */
  contains(run: string): boolean {
    // Most literals fail on their first three words: look them up before splitting anything.
    const third = run.indexOf(' ', run.indexOf(' ', run.indexOf(' ') + 1) + 1);
    const starts = this.#trigrams.get(third < 0 ? run : run.slice(0, third));
    if (!starts) return false;
    const want = run.split(' ');
    for (const start of starts) {
      if (want.every((w, j) => this.#words[start + j] === w)) return true;
    }
    return false;
  }

  /** Words of the literal matched when every run of it appears in the issue; 0 otherwise. */
  match(literal: string): number {
    if (!literal.includes(' | ')) return this.contains(literal) ? literal.split(' ').length : 0;
    const runs = literal.split(' | ');
    if (!runs.every((run) => this.contains(run))) return 0;
    return runs.reduce((n, run) => n + run.split(' ').length, 0);
  }
}
