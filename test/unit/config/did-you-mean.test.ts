import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean, levenshtein } from '../../../src/core/config/did-you-mean.js';

describe('levenshtein', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['max_paralel', 'max_parallel', 1],
    ['flaw', 'lawn', 2],
  ])('%j → %j is %i', (a, b, distance) => {
    expect(levenshtein(a, b)).toBe(distance);
  });

  it('is symmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        expect(levenshtein(a, b)).toBe(levenshtein(b, a));
        expect(levenshtein(a, b) === 0).toBe(a === b);
        expect(levenshtein(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe('didYouMean', () => {
  const known = ['max_iterations', 'max_task_duration', 'max_parallel', 'parallel_execution'];

  it.each([
    ['max_paralel', 'max_parallel'],
    ['MAX_PARALLEL', 'max_parallel'],
    ['max_iteration', 'max_iterations'],
    ['max_task', 'max_task_duration'],
    ['parallel_execution_enabled', 'parallel_execution'],
  ])('suggests %j → %j', (input, expected) => {
    expect(didYouMean(input, known)).toBe(expected);
  });

  it.each(['colour', 'ma', 'x'])('suggests nothing for %j', (input) => {
    expect(didYouMean(input, known)).toBeUndefined();
  });

  it('prefers the closest key', () => {
    expect(didYouMean('tes', ['test', 'tests'])).toBe('test');
  });
});
