/**
 * A small, pure glob matcher for repository paths (protected paths, config globs). Node 20's
 * `path.matchesGlob` is experimental, so this supports exactly what the config documents:
 *
 * - `**` as a whole segment matches zero or more segments (`.github/workflows/**` also matches the
 *   directory itself, so deleting it is caught too);
 * - `*` matches any run of characters except `/` (dotfiles included: safer for a block list);
 * - `?` matches one character except `/`;
 * - everything else is literal. Globs are anchored at the repository root: `**\/x` means any depth.
 *
 * Paths use `/` and no leading `./`.
 */
export interface GlobOptions {
  /** Match regardless of case: a case-insensitive file system treats `.GitHub/` as `.github/`. */
  caseInsensitive?: boolean;
}

export function globToRegExp(glob: string, options: GlobOptions = {}): RegExp {
  const segments = normaliseGlob(glob).split('/');
  let source = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      // Zero or more whole segments; the separator handling keeps `a/**/b` matching `a/b`.
      source += last ? (index === 0 ? '.*' : '(?:/.*)?') : index === 0 ? '(?:.*/)?' : '(?:/.*)?/';
      return;
    }
    const previous = segments[index - 1];
    if (index > 0 && previous !== '**') source += '/';
    source += segmentSource(segment);
  });
  return new RegExp(`^${source}$`, options.caseInsensitive ? 'i' : '');
}

export function matchesGlob(path: string, glob: string, options: GlobOptions = {}): boolean {
  return globToRegExp(glob, options).test(normalisePath(path));
}

export function matchesAnyGlob(path: string, globs: readonly string[], options: GlobOptions = {}): boolean {
  return globs.some((glob) => matchesGlob(path, glob, options));
}

function segmentSource(segment: string): string {
  let out = '';
  for (const char of segment) {
    if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

// `./a//b/` → `a/b`; `**` twice in a row → once; a `**` inside a segment (`a**b`) is treated as `*`.
function normaliseGlob(glob: string): string {
  return normalisePath(glob.replace(/\\/g, '/'))
    .split('/')
    .map((segment) => (segment.includes('**') && segment !== '**' ? segment.replace(/\*+/g, '*') : segment))
    .filter((segment, index, all) => !(segment === '**' && all[index - 1] === '**'))
    .join('/');
}

function normalisePath(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}
