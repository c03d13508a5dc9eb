import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultProtectedPaths } from '../../../src/core/config/sections/paths.js';
import {
  globProblem,
  globToRegExp,
  matchesAnyGlob,
  matchesGlob,
} from '../../../src/core/policy/glob-match.js';

describe('matchesGlob', () => {
  it.each([
    ['.github/workflows/**', '.github/workflows/ci.yml', true],
    ['.github/workflows/**', '.github/workflows/nested/deep.yml', true],
    ['.github/workflows/**', '.github/workflows', true],
    ['.github/workflows/**', '.github/workflowsx/ci.yml', false],
    ['.github/workflows/**', '.github/dependabot.yml', false],
    ['AGENTS.md', 'AGENTS.md', true],
    ['AGENTS.md', 'docs/AGENTS.md', false],
    ['**/AGENTS.md', 'docs/AGENTS.md', true],
    ['**/AGENTS.md', 'AGENTS.md', true],
    ['**/AGENTS.md', 'docsAGENTS.md', false],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/a/b/c.ts', true],
    ['src/**/*.ts', 'src/a/b/c.js', false],
    ['*.md', 'README.md', true],
    ['*.md', 'docs/README.md', false],
    ['*', '.npmrc', true],
    ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file12.txt', false],
    ['file?.txt', 'file/.txt', false],
    ['a.b', 'axb', false],
    ['(x)+[y]', '(x)+[y]', true],
    ['**', 'any/thing/at/all', true],
    ['**/**', 'a', true],
    ['./.npmrc', '.npmrc', true],
    ['.npmrc', './.npmrc', true],
    ['secrets/*.{pem,key}', 'secrets/a.pem', true],
    ['secrets/*.{pem,key}', 'secrets/b.key', true],
    ['secrets/*.{pem,key}', 'secrets/c.txt', false],
    ['secrets/*.{pem,key}', 'secrets/*.{pem,key}', true],
    ['[ab].txt', 'a.txt', true],
    ['[ab].txt', 'b.txt', true],
    ['[ab].txt', 'c.txt', false],
    ['[^ab].txt', 'c.txt', true],
    ['[^ab].txt', 'a.txt', false],
    ['**/.npmrc', '.npmrc', true],
    ['**/.npmrc', 'pkg/x/.npmrc', true],
    ['**/.npmrc', 'pkg/x/.npmrcx', false],
    ['x/{1..3}.md', 'x/2.md', true],
    ['+(a|b).md', 'ab.md', true],
    ['.husky/**', '.husky', true],
    ['.husky/**', '.husky/pre-commit', true],
  ])('%s against %s → %s', (glob, path, expected) => {
    expect(matchesGlob(path, glob)).toBe(expected);
  });

  it('is case-sensitive unless asked otherwise', () => {
    expect(matchesGlob('.GitHub/Workflows/x.yml', '.github/workflows/**')).toBe(false);
    expect(matchesGlob('.GitHub/Workflows/x.yml', '.github/workflows/**', { caseInsensitive: true })).toBe(
      true,
    );
  });

  it('matches any of several globs', () => {
    expect(matchesAnyGlob('.claude/settings.json', ['.github/workflows/**', '.claude/**'])).toBe(true);
    expect(matchesAnyGlob('src/index.ts', ['.github/workflows/**', '.claude/**'])).toBe(false);
  });

  it('throws on a glob the config would refuse rather than match it literally', () => {
    expect(() => matchesGlob('secrets/a.pem', 'secrets/*.{pem,key')).toThrow(/secrets\/\*\.\{pem,key/);
    expect(() => matchesAnyGlob('a', ['!secrets/**'])).toThrow(/starts with `!`/);
  });

  it('builds an anchored regular expression', () => {
    const pattern = globToRegExp('a/*');
    expect(pattern.test('a/b')).toBe(true);
    expect(pattern.test('x/a/b')).toBe(false);
    expect(pattern.test('a/b/c')).toBe(false);
  });
});

describe('globProblem', () => {
  it('accepts a `|` inside an extglob group', () => {
    expect(globProblem('test/@(a|b).js')).toBeUndefined();
  });

  it.each(defaultProtectedPaths)('accepts the default %s', (glob) => {
    expect(globProblem(glob)).toBeUndefined();
  });

  it.each([
    ['secrets/*.{pem,key', /never closed/],
    ['[ab.txt', /Missing closing/],
    ['a(b', /Missing closing/],
    ['{a}', /offers no choice/],
    ['!x', /starts with `!`/],
    ['[!ab].txt', /`\[\^…\]`/],
    ['/x', /absolute/],
    ['~/x', /absolute/],
    ['a/../b', /`\.\.`/],
    ['a\\b', /escapes nothing/],
    ['./', /names no path/],
    // picomatch would read these as "a or b/test/**": an allow-list glob would grant far more.
    ['a|b/test/**', /outside a `\(…\)` group/],
    ['src/x|**', /outside a `\(…\)` group/],
  ])('refuses %s', (glob, reason) => {
    expect(globProblem(glob)).toMatch(reason);
  });
});

const segment = fc.stringMatching(/^[a-z0-9._-]{1,8}$/).filter((s) => s !== '.' && s !== '..');

describe('matchesGlob properties', () => {
  it('a literal path matches itself and nothing else, in any case when asked', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), segment, (parts, other) => {
        const path = parts.join('/');
        expect(matchesGlob(path, path)).toBe(true);
        expect(matchesGlob(path.toUpperCase(), path, { caseInsensitive: true })).toBe(true);
        if (other !== parts.at(-1))
          expect(matchesGlob([...parts.slice(0, -1), other].join('/'), path)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('dir/** matches the directory and everything under it, and nothing beside it', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        fc.array(segment, { maxLength: 3 }),
        segment,
        (dir, below, suffix) => {
          const glob = `${dir.join('/')}/**`;
          expect(matchesGlob([...dir, ...below].join('/'), glob)).toBe(true);
          expect(matchesGlob(`${dir.join('/')}${suffix}`, glob)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('**/name matches name at any depth', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), segment, (dirs, name) => {
        expect(matchesGlob([...dirs, name].join('/'), `**/${name}`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
