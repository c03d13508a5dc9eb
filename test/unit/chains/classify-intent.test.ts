import { describe, expect, it } from 'vitest';
import { classifyIntent } from '../../../src/core/chains/classify-intent.js';
import { MaestroError } from '../../../src/core/errors.js';

describe('classifyIntent', () => {
  describe('from labels', () => {
    it.each([
      ['bug', 'fix'],
      ['type: bug', 'fix'],
      ['kind/bug', 'fix'],
      ['Type: Bug', 'fix'],
      ['regression', 'fix'],
      ['enhancement', 'feature'],
      ['feature', 'feature'],
      ['test', 'test'],
      ['tests', 'test'],
      ['refactor', 'refactor'],
      ['tech-debt', 'refactor'],
      ['tech debt', 'refactor'],
      ['review', 'review'],
      ['audit', 'review'],
      ['release', 'release'],
    ])('reads the label %j as the %s chain', (label, chain) => {
      const result = classifyIntent({ labels: ['maestro', label], title: 'Add a crash reporter' });
      expect(result).toMatchObject({ chain, source: 'label', matched: [label] });
    });

    it('prefers the more specific chain when labels disagree, and says so', () => {
      const result = classifyIntent({ labels: ['enhancement', 'bug'], title: 'Something' });
      expect(result).toEqual({
        chain: 'fix',
        source: 'label',
        matched: ['bug'],
        notes: ['labels also point to feature; chose fix, the more specific'],
      });
    });

    it('ignores labels that name no chain', () => {
      expect(
        classifyIntent({
          labels: ['maestro', 'good first issue', 'debug', 'constructor', '__proto__'],
          title: 'x',
        }).source,
      ).toBe('default');
    });
  });

  describe('from keywords', () => {
    it.each([
      ['Fix crash when the config file is empty', 'fix'],
      ['App crashes on startup', 'fix'],
      ['Login is broken', 'fix'],
      ['Increase test coverage for the parser', 'test'],
      ['Add tests for the parser', 'test'],
      ['Refactor the session store', 'refactor'],
      ['Cleanup of old helpers', 'refactor'],
      ['Implement dark mode', 'feature'],
      ['Add a dark mode toggle', 'feature'],
      ['Audit the auth module', 'review'],
      ['Ship version 2.0', 'release'],
      ['Deploy the docs site', 'release'],
    ])('reads %j as the %s chain', (title, chain) => {
      expect(classifyIntent({ labels: [], title })).toMatchObject({ chain, source: 'keyword' });
    });

    it.each([
      ['prefix', 'Update the URL prefix handling'],
      ['address', 'Update the address book'],
      ['latest', 'Use the latest parser'],
      ['debugger', 'Update the debugger docs'],
    ])('does not find a keyword inside the word %j', (_, title) => {
      expect(classifyIntent({ labels: [], title }).source).toBe('default');
    });

    it('weighs the title above the body', () => {
      const result = classifyIntent({
        labels: [],
        title: 'Refactor the exporter',
        body: 'The old code has an error path and a crash path.',
      });
      // refactor scores 2 (title); fix scores 2 (error, crash in the body): the tie goes to fix.
      expect(result.chain).toBe('fix');
      const titleWins = classifyIntent({
        labels: [],
        title: 'Refactor the exporter',
        body: 'It has an error path.',
      });
      expect(titleWins).toMatchObject({ chain: 'refactor', matched: ['refactor (title)'] });
    });

    it('lists what matched and notes a tie', () => {
      expect(classifyIntent({ labels: [], title: 'Add tests', body: 'Needs coverage.' })).toEqual({
        chain: 'test',
        source: 'keyword',
        matched: ['tests (title)', 'coverage (body)'],
        notes: [],
      });
      expect(classifyIntent({ labels: [], title: 'Review and refactor' }).notes).toEqual([
        'keywords also point to review; chose refactor, the more specific',
      ]);
    });

    it('counts a repeated word once, so a stack trace does not outvote the title', () => {
      const body = 'Error: x\nError: y\nError: z\nError: w';
      expect(classifyIntent({ labels: [], title: 'Implement retries', body }).chain).toBe('feature');
    });
  });

  it('defaults to feature with the seed E001 note when nothing matches', () => {
    expect(classifyIntent({ labels: ['maestro'], title: 'Dark mode', body: null })).toEqual({
      chain: 'feature',
      source: 'default',
      matched: [],
      notes: ['E001: intent unclassifiable, defaulted to feature'],
    });
  });

  describe('with an override', () => {
    it('wins over labels and keywords', () => {
      expect(classifyIntent({ labels: ['bug'], title: 'Fix crash', override: 'review' })).toEqual({
        chain: 'review',
        source: 'override',
        matched: ['review'],
        notes: [],
      });
    });

    it('accepts deploy as the release chain', () => {
      expect(classifyIntent({ labels: [], title: 'x', override: 'deploy' })).toMatchObject({
        chain: 'release',
        notes: ['"deploy" is another name for the release chain'],
      });
    });

    it.each([
      'hotfix',
      '',
      'constructor',
    ])('refuses the unknown chain %j with E002 and the valid chains', (override) => {
      const attempt = () => classifyIntent({ labels: [], title: 'x', override });
      expect(attempt).toThrow(MaestroError);
      expect(attempt).toThrow(
        'Valid chains: feature, fix, test, refactor, review, release (also deploy for release).',
      );
      try {
        attempt();
      } catch (error) {
        expect((error as MaestroError).code).toBe('E002');
      }
    });
  });

  it('gives the same answer every time', () => {
    const input = { labels: ['bug', 'enhancement'], title: 'Fix and add tests', body: 'crash' };
    expect(classifyIntent(input)).toEqual(classifyIntent(input));
  });
});
