import { describe, expect, it } from 'vitest';
import {
  levelFromChangesets,
  levelFromConventionalCommits,
  levelFromKeepAChangelog,
} from '../../../src/core/release/next-version.js';
import type { Changeset } from '../../../src/core/release/release-convention.js';

const changeset = (releases: Changeset['releases']): Changeset => ({
  path: '.changeset/x.md',
  releases,
  summary: 's',
});

describe('levelFromChangesets', () => {
  const pending = [
    changeset([{ name: 'a', level: 'patch' }]),
    changeset([
      { name: 'a', level: 'minor' },
      { name: 'b', level: 'none' },
    ]),
    changeset([{ name: 'c', level: 'major' }]),
  ];

  it('takes the highest bump asked for the package', () => {
    expect(levelFromChangesets(pending, 'a')).toBe('minor');
  });

  it('takes the highest of all packages when none is named', () => {
    expect(levelFromChangesets(pending)).toBe('major');
  });

  it('asks nothing for a package only bumped by none', () => {
    expect(levelFromChangesets(pending, 'b')).toBeUndefined();
  });
});

describe('levelFromKeepAChangelog', () => {
  it.each([
    [[{ name: 'Fixed', entries: ['- a'] }], 'patch'],
    [
      [
        { name: 'Security', entries: ['- a'] },
        { name: 'Fixed', entries: ['- b'] },
      ],
      'patch',
    ],
    [
      [
        { name: 'Added', entries: ['- a'] },
        { name: 'Fixed', entries: ['- b'] },
      ],
      'minor',
    ],
    [[{ name: 'Changed', entries: ['- a'] }], 'minor'],
    [[{ name: 'Deprecated', entries: ['- a'] }], 'minor'],
    [[{ name: 'Performance', entries: ['- a'] }], 'minor'],
    [[{ name: '', entries: ['- a'] }], 'minor'],
    [[{ name: 'Removed', entries: ['- the v1 API'] }], 'major'],
    [[{ name: 'Changed', entries: ['- **BREAKING:** options are now an object'] }], 'major'],
    [[{ name: 'Fixed', entries: ['- a breaking layout on small screens'] }], 'patch'],
    [
      [
        { name: 'Removed', entries: [] },
        { name: 'Fixed', entries: ['- a'] },
      ],
      'patch',
    ],
  ] as const)('reads %j as %s', (groups, level) => {
    expect(levelFromKeepAChangelog(groups)).toBe(level);
  });

  it('asks nothing of an empty Unreleased section', () => {
    expect(levelFromKeepAChangelog([{ name: 'Added', entries: [] }])).toBeUndefined();
  });
});

describe('levelFromConventionalCommits', () => {
  it.each([
    [['fix: a', 'chore: b'], 'patch'],
    [['docs: a', 'Update README'], 'patch'],
    [['fix: a', 'feat(cli): b'], 'minor'],
    [['feat!: drop Node 18'], 'major'],
    [['refactor(api)!: rename options'], 'major'],
    [['feat: new flags\n\nBREAKING CHANGE: --old is gone'], 'major'],
    [['BREAKING CHANGE: config format'], 'major'],
  ])('reads %j as %s', (subjects, level) => {
    expect(levelFromConventionalCommits(subjects)).toBe(level);
  });

  it('asks nothing without commits', () => {
    expect(levelFromConventionalCommits([])).toBeUndefined();
  });
});
