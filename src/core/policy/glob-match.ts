// picomatch is a pure library (no I/O, no framework), so core/ may use it.
import picomatch from 'picomatch';

/**
 * Glob matching for repository paths (protected paths, config globs), with picomatch:
 *
 * - `**` matches zero or more segments; `dir/**` also matches `dir` itself, so deleting the
 *   directory is caught too;
 * - `*` and `?` never cross `/`; dotfiles are matched (safer for a block list);
 * - braces `{a,b}`, ranges `{1..3}`, classes `[ab]` and extglobs `+(a|b)` work as in picomatch.
 *
 * Globs are anchored at the repository root: `**\/x` means any depth. Paths use `/`; a leading
 * `./` and doubled slashes are ignored. A glob must pass `globProblem` first (the config schema
 * checks every configured one); matching an invalid glob throws rather than guess.
 */
export interface GlobOptions {
  /** Match regardless of case: a case-insensitive file system treats `.GitHub/` as `.github/`. */
  caseInsensitive?: boolean;
}

export function globToRegExp(glob: string, options: GlobOptions = {}): RegExp {
  return picomatch.makeRe(normaliseGlob(glob), pickOptions(options));
}

export function matchesGlob(path: string, glob: string, options: GlobOptions = {}): boolean {
  return matcherFor(glob, options)(normalisePath(path));
}

export function matchesAnyGlob(path: string, globs: readonly string[], options: GlobOptions = {}): boolean {
  const normalised = normalisePath(path);
  return globs.some((glob) => matcherFor(glob, options)(normalised));
}

/**
 * Why `glob` cannot be a protected-path glob, or undefined when it can. Anything picomatch would
 * take literally by accident (an unclosed `{` or `[`), or that would silently change what is
 * protected (a leading `!` inverts the match; an absolute path or `..` never matches a repository
 * path), is refused instead of guessed.
 */
/** A `|` not escaped and not inside parentheses (picomatch splits the whole pattern on it). */
function hasTopLevelBar(glob: string): boolean {
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '\\') i++;
    else if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === '|' && depth === 0) return true;
  }
  return false;
}

export function globProblem(glob: string): string | undefined {
  if (normaliseGlob(glob).trim() === '') return 'names no path: write a path relative to the repository root';
  if (glob.startsWith('!')) {
    return 'starts with `!`, which would protect every path except these: list only the paths to protect (the list cannot un-protect)';
  }
  if (/^(?:\/|~|[A-Za-z]:)/.test(glob)) {
    return 'is absolute: globs are relative to the repository root, so write it without the leading `/`, `~` or drive letter';
  }
  if (glob.split('/').includes('..'))
    return 'contains `..`: globs are relative to the repository root and cannot leave it';
  if (/\\(?![*?[\]{}()!+@\\,])/.test(glob)) {
    return 'contains a `\\` that escapes nothing: use `/` between folders, and `\\` only before a glob character to match it literally';
  }
  if (/(?<!\\)\[!/.test(glob)) {
    return 'has `[!…]`, which picomatch reads as a class containing `!`, not as "none of": write `[^…]` for "none of"';
  }
  if (hasTopLevelBar(glob)) {
    return 'has a `|` outside a `(…)` group, which picomatch reads as "or" across the whole glob (so it matches more than it says): write `{a,b}` for alternatives';
  }
  const brace = braceProblem(glob);
  if (brace) return brace;
  try {
    picomatch.makeRe(normaliseGlob(glob), { ...pickOptions({}), strictBrackets: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/ - use .*$/, '') : 'unreadable';
    return `is not a glob Maestro can read (${reason}): close the bracket, or put \`\\\` before it to match it literally`;
  }
  return undefined;
}

type Matcher = (path: string) => boolean;
const matchers = new Map<string, Matcher>();
const MAX_CACHED = 1_000;

function matcherFor(glob: string, options: GlobOptions): Matcher {
  const key = `${options.caseInsensitive ? 'i' : 's'}:${glob}`;
  let matcher = matchers.get(key);
  if (matcher === undefined) {
    const problem = globProblem(glob);
    // Fail closed: a glob that reached here without the config check is an error, never a literal.
    if (problem !== undefined) throw new Error(`The glob \`${glob}\` ${problem}.`);
    matcher = picomatch(normaliseGlob(glob), pickOptions(options));
    if (matchers.size >= MAX_CACHED) matchers.clear();
    matchers.set(key, matcher);
  }
  return matcher;
}

function pickOptions(options: GlobOptions): picomatch.PicomatchOptions {
  // `windows: false`: paths always use `/`, whatever the platform Maestro runs on.
  return { dot: true, nocase: options.caseInsensitive === true, windows: false };
}

/** `{` and `}` must pair, and a pair must offer a choice (`{a,b}` or `{1..3}`): `{a}` is a literal in picomatch. */
function braceProblem(glob: string): string | undefined {
  const opens: number[] = [];
  for (let at = 0; at < glob.length; at++) {
    const char = glob[at];
    if (char === '\\') at++;
    else if (char === '{') opens.push(at);
    else if (char === '}') {
      const open = opens.pop();
      if (open === undefined)
        return 'has a `}` without a `{`: remove it, or write `\\}` to match it literally';
      const inside = glob.slice(open + 1, at);
      if (!/,|\.\./.test(inside.replace(/\{[^{}]*\}/g, ''))) {
        return `has \`{${inside}}\`, which offers no choice: write \`{a,b}\` for alternatives, or \`\\{\` to match a brace literally`;
      }
    }
  }
  return opens.length > 0
    ? 'has a `{` that is never closed: close it, or write `\\{` to match it literally'
    : undefined;
}

// `./a//b/` → `a/b`.
function normaliseGlob(glob: string): string {
  return normalisePath(glob);
}

function normalisePath(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}
