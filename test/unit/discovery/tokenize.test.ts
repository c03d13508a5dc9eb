import { describe, expect, it } from 'vitest';
import { identifierTerms, pathTerms, splitIdentifier, tokenize } from '../../../src/discovery/tokenize.js';

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
