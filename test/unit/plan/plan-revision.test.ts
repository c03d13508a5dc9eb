import { describe, expect, it } from 'vitest';
import { canonicalJson, shortHash } from '../../../src/core/plan/canonical-hash.js';
import { openQuestions, verifyRevisionHash } from '../../../src/core/plan/plan-revision.js';
import { draft, revision, snapshot } from '../../support/plan-fixtures.js';

describe('plan revisions', () => {
  it('hashes content independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: 3 } })).toBe(
      '{"a":{"c":3,"d":[2,{"x":2,"y":1}]},"b":1}',
    );
    expect(shortHash({ a: 1, b: 2 })).toBe(shortHash({ b: 2, a: 1 }));
  });

  it('gives the same hash for the same plan at another time and number', () => {
    const a = revision();
    const b = revision({ number: 4, createdAt: new Date('2030-01-01T00:00:00Z') });
    expect(a.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(b.hash).toBe(a.hash);
  });

  it.each([
    ['the issue body changes', { snapshot: { ...snapshot, body: 'something else' } }],
    ['an answer is recorded', { answers: { Q1: { answer: 'yes', by: 'octocat' } } }],
    ['the chain changes', { chain: 'fix' }],
    ['feedback is added', { feedback: ['smaller please'] }],
    ['a requirement changes', { draft: draft({ understanding: 'other' }) }],
  ])('changes the hash when %s', (_name, overrides) => {
    expect(revision(overrides).hash).not.toBe(revision().hash);
  });

  it('detects a revision whose content was edited after hashing', () => {
    const r = revision();
    expect(verifyRevisionHash(r)).toBe(true);
    const tampered = structuredClone(r);
    tampered.draft.prd.goal = 'Also push to main';
    expect(verifyRevisionHash(tampered)).toBe(false);
  });

  it('lists only unanswered questions as open', () => {
    expect(openQuestions(revision()).map((q) => q.id)).toEqual(['Q1']);
    expect(openQuestions(revision({ answers: { Q1: { answer: 'yes', by: 'me' } } }))).toEqual([]);
  });
});
