import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countWords } from '../src/words.js';

test('counts words separated by any white space', () => {
  assert.equal(countWords('one two\tthree\nfour'), 4);
});

test('an empty or blank text has no words', () => {
  assert.equal(countWords(''), 0);
  assert.equal(countWords('  \n '), 0);
});
