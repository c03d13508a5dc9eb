import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  identifierTerms,
  isStopWord,
  pathTerms,
  splitIdentifier,
  tokenize,
} from '../../../src/discovery/tokenize.js';

describe('tokenize', () => {
  it.each([
    ['parseHTTPRequest', ['parse', 'http', 'request']],
    ['snake_case_name', ['snake', 'case', 'name']],
    ['XMLHttpRequest2', ['xml', 'http', 'request2']],
  ])('splits %s into its parts', (identifier, parts) => {
    expect(splitIdentifier(identifier)).toEqual(parts);
  });

  it('keeps the whole identifier as well as its parts', () => {
    expect(identifierTerms('readUserName')).toEqual(['readusername', 'read', 'user', 'name']);
  });

  it('lowercases and drops stop words', () => {
    expect(tokenize('The Parser should return the ParseError')).toEqual([
      'parser',
      'parseerror',
      'parse',
      'error',
    ]);
  });

  it('splits kebab-case and directories in paths, without the extension', () => {
    expect(pathTerms('src/rank-files/bm25Index.ts')).toEqual([
      'src',
      'rank',
      'files',
      'bm25index',
      'bm25',
      'index',
    ]);
  });
});

/** The regular-expression rules the one-pass splitter replaced: every identifier splits the same. */
function referenceSplit(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_\-$]+/)
    .map((p) => p.toLowerCase())
    .filter((p) => p.length > 1);
}

describe('splitIdentifier and identifierTerms (one pass)', () => {
  const identifier = fc
    .array(
      fc.constantFrom(...'aAbBzZxXyY09_'.split(''), 'Get', 'HTTP', 'URL', 'v2', 'self', '__', 'Str', 'the'),
      {
        maxLength: 14,
      },
    )
    .map((parts) => parts.join(''));

  it('splits every identifier as the regular expressions do', () => {
    fc.assert(
      fc.property(identifier, (id) => {
        expect(splitIdentifier(id)).toEqual(referenceSplit(id));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the whole identifier, trimmed of underscores, and its parts, minus stop words', () => {
    fc.assert(
      fc.property(identifier, (id) => {
        const whole = id.toLowerCase().replace(/^_+|_+$/g, '');
        const parts = referenceSplit(id);
        const terms = parts.length > 1 && whole.length > 1 ? [whole, ...parts] : parts;
        expect(identifierTerms(id)).toEqual(terms.filter((t) => !isStopWord(t) && t.length < 64));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps splitting text that is not an identifier by the regular expressions', () => {
    expect(splitIdentifier('kebab-case $name')).toEqual(['kebab', 'case', 'name']);
  });
});
