import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BumpLevel } from '../../../src/core/release/release-convention.js';
import {
  bumpVersion,
  compareVersions,
  InvalidVersionError,
  parseVersion,
} from '../../../src/core/release/version-number.js';

describe('bumpVersion', () => {
  it.each<[string, BumpLevel, string]>([
    ['1.2.3', 'patch', '1.2.4'],
    ['1.2.3', 'minor', '1.3.0'],
    ['1.2.3', 'major', '2.0.0'],
    ['0.4.1', 'patch', '0.4.2'],
    ['0.4.1', 'minor', '0.5.0'],
    ['1.2.3+build.7', 'patch', '1.2.4'],
    ['1.3.0-rc.1', 'minor', '1.3.0'],
    ['1.3.1-rc.1', 'minor', '1.4.0'],
    ['1.2.3-beta', 'patch', '1.2.3'],
    ['2.0.0-beta.2', 'major', '2.0.0'],
    ['2.1.0-beta.2', 'major', '3.0.0'],
  ])('bumps %s by %s to %s', (version, level, next) => {
    expect(bumpVersion(version, level)).toBe(next);
  });

  it('bumps the minor for a major change before 1.0.0, so 1.0.0 stays a decision', () => {
    expect(bumpVersion('0.4.1', 'major')).toBe('0.5.0');
  });

  it('goes to 1.0.0 from 0.x when the convention bumps like semver.inc (changesets, npm version)', () => {
    expect(bumpVersion('0.4.1', 'major', { majorBeforeOne: 'major' })).toBe('1.0.0');
  });

  it.each([
    '1.2',
    'v1.2.3',
    '01.2.3',
    '1.2.3-',
    '1.2.3-01',
    'latest',
    '',
  ])('refuses %j with the file it came from', (bad) => {
    expect(() => bumpVersion(bad, 'patch')).toThrow(InvalidVersionError);
    expect(() => parseVersion(bad, 'packages/a/package.json')).toThrow(
      /^packages\/a\/package\.json: ".*" is not a semantic version/,
    );
  });

  it('always moves forward', () => {
    const version = fc
      .tuple(
        fc.nat(50),
        fc.nat(50),
        fc.nat(50),
        fc.option(fc.constantFrom('alpha', 'beta.1', 'rc.2', '0'), { nil: undefined }),
      )
      .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre}` : ''}`);
    const level = fc.constantFrom<BumpLevel>('major', 'minor', 'patch');
    fc.assert(
      fc.property(
        version,
        level,
        fc.constantFrom<'major' | 'minor'>('major', 'minor'),
        (v, l, majorBeforeOne) => {
          expect(compareVersions(bumpVersion(v, l, { majorBeforeOne }), v)).toBe(1);
        },
      ),
    );
  });
});

describe('compareVersions', () => {
  it('orders pre-releases as SemVer §11 does', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '2.0.0',
    ];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(compareVersions)).toEqual(ordered);
  });

  it('ignores build metadata', () => {
    expect(compareVersions('1.2.3+a', '1.2.3+b')).toBe(0);
  });
});
