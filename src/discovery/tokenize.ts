/**
 * Code-aware tokenisation shared by indexing and queries: identifiers are kept whole and also split
 * on camelCase, snake_case and kebab-case, lowercased, with English and keyword stop words dropped.
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does doing for from had has have how if in into is it ' +
    'its just me my no not of on or our out so than that the their them then there these they this to too ' +
    'up us was we were what when where which while who why will with would you your i im ive dont doesnt ' +
    'should also any all some get got use used using like want need one two new way make sure see seems ' +
    'var let const function return def self cls import export default null none true false undefined ' +
    'public private protected static void int str string bool new else elif end fn pub mut impl func package'
  ).split(' '),
);

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

/** Splits one identifier into lowercase parts: `parseHTTPRequest_v2` → parse, http, request, v2. */
export function splitIdentifier(identifier: string): string[] {
  return WORD_CHARS.test(identifier) ? splitWord(identifier) : splitAny(identifier);
}

const WORD_CHARS = /^[A-Za-z0-9_]*$/;

/**
 * The rules of `splitAny` in one pass over an identifier (`[A-Za-z0-9_]` only), without its three
 * regular-expression passes and intermediate strings (splitting was most of analysing a file's
 * first occurrences): a part ends at `_`, before an upper-case letter that follows a lower-case
 * letter or digit, and before the last capital of a run of capitals followed by a lower-case letter.
 */
function splitWord(identifier: string): string[] {
  const parts: string[] = [];
  const n = identifier.length;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const c = identifier.charCodeAt(i);
    if (c === UNDERSCORE) {
      if (i - start > 1) parts.push(identifier.slice(start, i).toLowerCase());
      start = i + 1;
    } else if (isUpper(c) && i > start) {
      const before = identifier.charCodeAt(i - 1);
      const boundary = isUpper(before)
        ? i + 1 < n && isLower(identifier.charCodeAt(i + 1))
        : isLower(before) || isDigit(before);
      if (boundary) {
        if (i - start > 1) parts.push(identifier.slice(start, i).toLowerCase());
        start = i;
      }
    }
  }
  if (n - start > 1) parts.push(identifier.slice(start, n).toLowerCase());
  return parts;
}

const UNDERSCORE = 95;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** The rules as regular expressions, for any text (`splitWord` is the same for identifiers). */
function splitAny(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_\-$]+/)
    .map((p) => p.toLowerCase())
    .filter((p) => p.length > 1);
}

export function isStopWord(term: string): boolean {
  return STOP_WORDS.has(term);
}

/** Terms of one identifier: the whole (lowercased) identifier plus its parts, minus stop words. */
export function identifierTerms(identifier: string): string[] {
  const whole = trimUnderscores(identifier.toLowerCase());
  const parts = splitIdentifier(identifier);
  const terms = parts.length > 1 && whole.length > 1 ? [whole, ...parts] : parts;
  return terms.filter((t) => !STOP_WORDS.has(t) && t.length < 64);
}

/** `s.replace(/^_+|_+$/g, '')` without a regular expression. */
function trimUnderscores(s: string): string {
  let from = 0;
  let to = s.length;
  while (from < to && s.charCodeAt(from) === UNDERSCORE) from++;
  while (to > from && s.charCodeAt(to - 1) === UNDERSCORE) to--;
  return from === 0 && to === s.length ? s : s.slice(from, to);
}

/** All terms of a text, in order, with repeats (term frequencies are counted from this). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(IDENTIFIER)) {
    for (const term of identifierTerms(match[0])) out.push(term);
  }
  return out;
}

/** Terms of a repository path: directories, file name and extension-less stem. */
export function pathTerms(path: string): string[] {
  return tokenize(path.replace(/\.[A-Za-z0-9]+$/, '').replace(/[/.-]/g, ' '));
}

/** term → count. */
export function termFrequencies(terms: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}
