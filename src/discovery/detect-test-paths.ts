import { globProblem, globToRegExp, matchesAnyGlob } from '../core/policy/glob-match.js';
import { baseName, languageOf } from './language.js';

/*
 * Which paths are test files in this repository, as globs the `test` chain hands the executor
 * (`access: { mode: 'only', paths }`): the agent may write tests, fixtures and snapshots, nothing else.
 * Because the globs grant write access, they are built from what the repository actually holds
 * rather than from every convention there is: a glob is returned only when it matches a tracked
 * file, and a nested `test/` directory only when it clearly holds tests (a `src/commands/test/`
 * that implements a `test` command is source). Matching uses the same picomatch options as the
 * protected-path globs (`core/policy/glob-match.ts`), so both sides of a write check agree.
 */

/** File names that mean "a test" in the ecosystems Maestro knows; each is returned only when used. */
const TEST_FILE_GLOBS = [
  '**/*.test.*',
  '**/*.spec.*',
  '**/test_*.py',
  '**/*_test.py',
  '**/conftest.py',
  '**/*_test.go',
  '**/*Test.java',
  '**/*Tests.java',
  '**/*Test.kt',
  '**/*_spec.rb',
  '**/*_test.rb',
  '**/*Test.php',
  '**/*Tests.swift',
];
// Each is `**/` and a file-name pattern, so the name alone is matched: a tenth of the work on a
// large listing, with the same answer as the whole glob.
const TEST_FILES = TEST_FILE_GLOBS.map((glob) => ({ glob, re: globToRegExp(glob.slice('**/'.length)) }));

/** Directory names that hold only test material wherever they appear. */
const ANYWHERE_DIRS = ['__tests__', '__snapshots__', 'testdata'];
/** Top-level directories that are test roots by convention (`Tests/` is Swift's). */
const ROOT_DIRS = new Set(['test', 'tests', 'Tests', 'spec']);
/** Names that are test directories only when their content or their package says so. */
const MAYBE_DIRS = new Set(['test', 'tests', 'Tests', 'spec', 'testing']);
/** A directory holding one of these is a package root, so its `test/` is that package's tests. */
const MANIFESTS = new Set([
  'package.json',
  'pyproject.toml',
  'setup.py',
  'setup.cfg',
  'Cargo.toml',
  'go.mod',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'Gemfile',
  'composer.json',
  'Package.swift',
]);
const VENDORED = /(^|\/)(node_modules|vendor|\.venv|venv|site-packages)\//;

/** When a repository has no tests yet, where its ecosystem would put the first ones. */
const DEFAULTS: readonly { languages: readonly string[]; manifests: readonly string[]; globs: string[] }[] = [
  { languages: ['TypeScript', 'JavaScript'], manifests: ['package.json'], globs: ['test/**', '**/*.test.*'] },
  {
    languages: ['Python'],
    manifests: ['pyproject.toml', 'setup.py', 'setup.cfg'],
    globs: ['tests/**', '**/test_*.py'],
  },
  { languages: ['Go'], manifests: ['go.mod'], globs: ['**/*_test.go'] },
  { languages: ['Rust'], manifests: ['Cargo.toml'], globs: ['tests/**'] },
  {
    languages: ['Java', 'Kotlin'],
    manifests: ['pom.xml', 'build.gradle', 'build.gradle.kts'],
    globs: ['src/test/**'],
  },
  { languages: ['Ruby'], manifests: ['Gemfile'], globs: ['spec/**', '**/*_spec.rb'] },
];
const FALLBACK = ['test/**', 'tests/**'];

export function detectTestPaths(files: readonly string[]): string[] {
  const paths = files.filter((p) => !VENDORED.test(p));
  const testNamed = new Set<string>();
  const usedNames = new Set<string>();
  for (const path of paths) {
    const name = baseName(path);
    for (const { glob, re } of TEST_FILES) {
      if (!re.test(name)) continue;
      testNamed.add(path);
      usedNames.add(glob);
    }
  }
  const found = [
    ...testDirectories(paths, testNamed).flatMap(directoryGlob),
    ...ANYWHERE_DIRS.filter((name) => paths.some((p) => hasDirectory(p, name))).map((n) => `**/${n}/**`),
    ...TEST_FILE_GLOBS.filter((glob) => usedNames.has(glob)),
  ];
  return unique(found.length > 0 ? found : defaultsFor(paths));
}

/** Whether `path` is a test file by `globs` (from `detectTestPaths` or validated configuration). */
export function isTestPath(path: string, globs: readonly string[]): boolean {
  return matchesAnyGlob(path, globs);
}

/**
 * Test roots by position: `test/`, `tests/`, `spec/` at the top; `src/test/` (Maven and Gradle)
 * at any depth; any other `test`-like directory when it holds a test-named file or sits in a
 * package root (a monorepo's `packages/a/test/`). A root inside another root is left out: the
 * outer glob covers it. Shallow first, then by name, so the order is stable.
 */
function testDirectories(paths: readonly string[], testNamed: ReadonlySet<string>): string[] {
  const packageRoots = new Set(paths.filter((p) => MANIFESTS.has(baseName(p))).map(parentOf));
  const certain = new Set<string>();
  const maybe = new Map<string, boolean>();
  for (const path of paths) {
    const dirs = path.split('/').slice(0, -1);
    const holdsTest = testNamed.has(path);
    let dir = '';
    dirs.forEach((name, at) => {
      dir = at === 0 ? name : `${dir}/${name}`;
      if ((at === 0 && ROOT_DIRS.has(name)) || (name === 'test' && dirs[at - 1] === 'src')) certain.add(dir);
      else if (MAYBE_DIRS.has(name)) maybe.set(dir, (maybe.get(dir) ?? false) || holdsTest);
    });
  }
  for (const [dir, holdsTests] of maybe) {
    const parent = parentOf(dir);
    if (holdsTests || (parent !== '' && packageRoots.has(parent))) certain.add(dir);
  }
  const kept = new Set<string>();
  for (const dir of [...certain].sort(byDepthThenName))
    if (!ancestors(dir).some((a) => kept.has(a))) kept.add(dir);
  return [...kept];
}

function ancestors(dir: string): string[] {
  const parts = dir.split('/');
  return parts.slice(1).map((_, at) => parts.slice(0, at + 1).join('/'));
}

function hasDirectory(path: string, name: string): boolean {
  return path.startsWith(`${name}/`) || path.includes(`/${name}/`);
}

function defaultsFor(paths: readonly string[]): string[] {
  const languages = new Set(paths.map(languageOf));
  const names = new Set(paths.map(baseName));
  const globs = DEFAULTS.filter(
    (d) => d.languages.some((l) => languages.has(l)) || d.manifests.some((m) => names.has(m)),
  ).flatMap((d) => d.globs);
  return globs.length > 0 ? globs : FALLBACK;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function byDepthThenName(a: string, b: string): number {
  const depth = a.split('/').length - b.split('/').length;
  return depth !== 0 ? depth : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A directory named `[legacy]` or `{a,b}` must match itself, not act as a class or a choice. Two
 * kinds of name cannot be written as a glob and are left out (their test-named files are still
 * covered by the file-name globs): `|`, which picomatch reads as "or" even at the top level and
 * which cannot be escaped, and names the glob check refuses (a `\`, a leading `~` or `C:`), which
 * would otherwise throw when matched.
 */
function directoryGlob(dir: string): string[] {
  if (dir.includes('|')) return [];
  const glob = `${dir.replace(/[*?[\]{}()!+@\\,]/g, '\\$&')}/**`;
  return globProblem(glob) === undefined ? [glob] : [];
}

function unique(globs: readonly string[]): string[] {
  return [...new Set(globs)];
}
