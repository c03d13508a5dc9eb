import { describe, expect, it } from 'vitest';
import { globToRegExp, matchesAnyGlob, matchesGlob } from '../../../src/core/policy/glob-match.js';

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

  it('builds an anchored regular expression', () => {
    const pattern = globToRegExp('a/*');
    expect(pattern.test('a/b')).toBe(true);
    expect(pattern.test('x/a/b')).toBe(false);
    expect(pattern.test('a/b/c')).toBe(false);
  });
});
