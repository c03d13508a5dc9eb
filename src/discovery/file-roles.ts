import { baseName, extensionOf, languageOf, NON_CODE } from './language.js';

/**
 * What part a file plays in its repository, judged by path: a test, documentation (prose, examples,
 * changelogs) or a vendored copy of another library. Ranking demotes all three: the fix for a bug
 * report is almost always in the project's own source.
 */
const TEST_PATH =
  /(^|\/)(tests?|__tests__|spec|specs|testing)\/|[._-](test|spec)s?\.[a-z]+$|(^|\/)test_[^/]*$|_test\.go$|conftest\.py$/;
const DOC_DIR = /(^|\/)(docs?|documentation|examples?|samples?)\//;
const CHANGELOG =
  /^(changes|changelog|history|news|release[-_]?notes|authors|contributors)(\.(md|rst|txt|adoc|markdown))?$/i;
/** Directory names that only ever hold a copy of someone else's code. */
const VENDOR_DIRS = new Set([
  '_vendor',
  'vendored',
  '_vendored',
  'extern',
  'externals',
  'third_party_vendored',
]);

export function isTestPath(path: string): boolean {
  return TEST_PATH.test(path);
}

export function isChangelog(path: string): boolean {
  return CHANGELOG.test(baseName(path));
}

export function isDocPath(path: string): boolean {
  const lang = languageOf(path);
  return (
    DOC_DIR.test(path) ||
    isChangelog(path) ||
    (lang !== undefined && NON_CODE.has(lang)) ||
    extensionOf(path) === 'txt'
  );
}

/**
 * Directories holding vendored libraries: a `_vendor`-like directory anywhere below the root, or a
 * `packages/` directory inside a Python package (`pkg/__init__.py` exists) — the layout of
 * `requests/packages/urllib3`. A top-level `packages/` is a monorepo's own workspaces, never vendored.
 */
export function vendoredRoots(paths: readonly string[]): string[] {
  const set = new Set(paths);
  const roots = new Set<string>();
  for (const path of paths) {
    const segments = path.split('/');
    for (let i = 1; i < segments.length - 1; i++) {
      const dir = segments.slice(0, i + 1).join('/');
      const parent = segments.slice(0, i).join('/');
      if (VENDOR_DIRS.has(segments[i]!) || (segments[i] === 'packages' && set.has(`${parent}/__init__.py`))) {
        roots.add(`${dir}/`);
        break;
      }
    }
  }
  return [...roots].sort();
}

export function isUnder(path: string, roots: readonly string[]): boolean {
  return roots.some((root) => path.startsWith(root));
}
