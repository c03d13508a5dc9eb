import { describe, expect, it } from 'vitest';
import {
  findUnreleased,
  latestRelease,
  parseChangelog,
} from '../../../src/core/release/changelog-sections.js';
import { KEEP_A_CHANGELOG, RELEASE_PLEASE_CHANGELOG } from './release-fixtures.js';

describe('parseChangelog', () => {
  it('reads Keep a Changelog sections, groups, entries and link references', () => {
    const changelog = parseChangelog(KEEP_A_CHANGELOG);
    expect(changelog.sections.map((s) => [s.heading, s.version, s.unreleased])).toEqual([
      ['## [Unreleased]', undefined, true],
      ['## [1.2.0] - 2026-10-14', '1.2.0', false],
      ['## [1.1.0] - 2026-08-01', '1.1.0', false],
    ]);
    expect(findUnreleased(changelog)?.groups).toEqual([
      {
        name: 'Added',
        entries: [
          '- Export the parser as `parseDocument`.',
          '- A `--strict` flag that rejects unknown keys.',
        ],
      },
      { name: 'Fixed', entries: ['- Crash on an empty input file.'] },
    ]);
    expect(changelog.links.map((link) => link.label)).toEqual(['Unreleased', '1.2.0', '1.1.0']);
    expect(latestRelease(changelog)?.version).toBe('1.2.0');
    expect(changelog.titleLine).toBe(0);
  });

  it('does not count the link references at the bottom as entries of the last release', () => {
    const last = parseChangelog(KEEP_A_CHANGELOG).sections.at(-1);
    expect(last?.groups).toEqual([{ name: 'Fixed', entries: ['- Windows line endings.'] }]);
  });

  it('reads release-please headings with their compare link', () => {
    const [first] = parseChangelog(RELEASE_PLEASE_CHANGELOG).sections;
    expect(first?.version).toBe('1.2.0');
    expect(first?.groups[0]?.entries).toEqual([
      '* **cli:** add --json output ([abc1234](https://github.com/o/r/commit/abc1234))',
    ]);
  });

  it('keeps a nested list and a second paragraph inside their entry', () => {
    const text =
      '## [Unreleased]\n\n### Changed\n\n- Options:\n  - `a` is now `b`\n\n  See the guide.\n- Another\n';
    expect(findUnreleased(parseChangelog(text))?.groups[0]?.entries).toEqual([
      '- Options:\n  - `a` is now `b`\n\n  See the guide.',
      '- Another',
    ]);
  });

  it('ignores headings inside fenced code', () => {
    const text = '## 1.1.0\n\n- Example:\n\n  ```md\n  ## [Unreleased]\n  ```\n\n## 1.0.0\n';
    const changelog = parseChangelog(text);
    expect(changelog.sections.map((s) => s.heading)).toEqual(['## 1.1.0', '## 1.0.0']);
    expect(findUnreleased(changelog)).toBeUndefined();
    expect(changelog.sections[0]?.groups[0]?.entries).toEqual([
      '- Example:\n\n  ```md\n  ## [Unreleased]\n  ```',
    ]);
  });

  it('reads an Unreleased heading without brackets and without groups', () => {
    const unreleased = findUnreleased(parseChangelog('# Changes\n\n## Unreleased\n\n- Faster start-up\n'));
    expect(unreleased?.groups).toEqual([{ name: '', entries: ['- Faster start-up'] }]);
  });
});
