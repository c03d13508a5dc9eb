import { describe, expect, it } from 'vitest';
import { checkRelease } from '../../../src/core/release/check-release.js';
import { proposeRelease } from '../../../src/core/release/next-version.js';
import type { ReleaseProposal } from '../../../src/core/release/release-proposal.js';
import { detectReleaseConvention } from '../../../src/discovery/release/detect-release-convention.js';
import {
  COMMITS,
  changesetsSingle,
  type Files,
  KEEP_A_CHANGELOG_RELEASED,
  keepAChangelog,
  keepAChangelogReleased,
  RELEASE_PLEASE_CHANGELOG,
  RELEASE_PLEASE_COMMITS,
  reader,
  releasePlease,
} from './release-fixtures.js';

async function proposalFor(files: Files, commitSubjects = COMMITS): Promise<ReleaseProposal> {
  const repo = reader(files);
  const convention = await detectReleaseConvention(repo.paths, repo.read);
  const proposal = proposeRelease(convention, { commitSubjects, today: '2026-12-02' });
  if (proposal.kind !== 'release') throw new Error(proposal.why);
  return proposal;
}

/** The checks on `after`, with every path that differs from `before` as changed. */
function check(proposal: ReleaseProposal, before: Files, after: Files) {
  const paths = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changedFiles = [...paths].filter((path) => before[path] !== after[path]);
  return checkRelease(proposal, { read: (path) => after[path], changedFiles });
}

const failed = (checks: ReturnType<typeof checkRelease>) =>
  checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);

describe('checkRelease: Keep a Changelog', () => {
  it('passes a release made as the proposal says', async () => {
    const proposal = await proposalFor(keepAChangelog);
    expect(check(proposal, keepAChangelog, keepAChangelogReleased)).toEqual([
      { name: 'version in package.json', ok: true, detail: 'is 1.3.0' },
      { name: 'version in package-lock.json', ok: true, detail: 'is 1.3.0' },
      {
        name: 'CHANGELOG.md: ## [1.3.0] - 2026-12-02',
        ok: true,
        detail: 'the heading is there with all 3 entries',
      },
      {
        name: 'CHANGELOG.md: earlier releases kept',
        ok: true,
        detail: 'all 2 earlier sections are still there',
      },
      {
        name: 'CHANGELOG.md: ## [Unreleased] kept and empty',
        ok: true,
        detail: 'it is there, empty, with the new release right below it',
      },
      {
        name: 'CHANGELOG.md: compare links',
        ok: true,
        detail: '[Unreleased] and [1.3.0] point at the new tag',
      },
      { name: 'only release files changed', ok: true, detail: '3 files changed, all of them release files' },
    ]);
  });

  const edited = (edit: (text: string) => string): Files => ({
    ...keepAChangelogReleased,
    'CHANGELOG.md': edit(KEEP_A_CHANGELOG_RELEASED),
  });

  it.each([
    [
      'entries copied instead of moved',
      edited((t) =>
        t.replace('## [Unreleased]\n', '## [Unreleased]\n\n### Fixed\n\n- Crash on an empty input file.\n'),
      ),
      ['CHANGELOG.md: ## [Unreleased] kept and empty: 1 entries are still under it'],
    ],
    [
      'the Unreleased heading removed',
      edited((t) => t.replace('## [Unreleased]\n\n', '')),
      ['CHANGELOG.md: ## [Unreleased] kept and empty: the Unreleased heading is gone'],
    ],
    [
      'an entry dropped',
      edited((t) => t.replace('- Crash on an empty input file.\n', '')),
      ['CHANGELOG.md: ## [1.3.0] - 2026-12-02: 1 of 3 entries are missing (under Fixed)'],
    ],
    [
      'the heading without its date',
      edited((t) => t.replace('## [1.3.0] - 2026-12-02', '## [1.3.0]')),
      ['CHANGELOG.md: ## [1.3.0] - 2026-12-02: there is no heading `## [1.3.0] - 2026-12-02`'],
    ],
    [
      'the compare links left as they were',
      edited((t) =>
        t
          .replace('compare/v1.3.0...HEAD', 'compare/v1.2.0...HEAD')
          .replace('[1.3.0]: https://github.com/o/r/compare/v1.2.0...v1.3.0\n', ''),
      ),
      [
        'CHANGELOG.md: compare links: expected `[Unreleased]: https://github.com/o/r/compare/v1.3.0...HEAD` and `[1.3.0]: https://github.com/o/r/compare/v1.2.0...v1.3.0`',
      ],
    ],
    [
      'the new release below an older one',
      edited((t) => {
        const section = t.slice(t.indexOf('## [1.3.0]'), t.indexOf('## [1.2.0]'));
        return t.replace(section, '').replace('## [1.1.0]', `${section}## [1.1.0]`);
      }),
      ['CHANGELOG.md: ## [Unreleased] kept and empty: the new release is not the section right below it'],
    ],
    [
      'an earlier release lost',
      edited((t) => t.replace(/## \[1\.1\.0\][\s\S]*?(?=\[Unreleased\]:)/, '')),
      ['CHANGELOG.md: earlier releases kept: 1 earlier sections are gone, e.g. `## [1.1.0] - 2026-08-01`'],
    ],
    [
      'the lock file not bumped',
      { ...keepAChangelogReleased, 'package-lock.json': keepAChangelog['package-lock.json']! },
      ['version in package-lock.json: is 1.2.0, expected 1.3.0'],
    ],
    [
      'a source file changed too',
      { ...keepAChangelogReleased, 'src/index.ts': 'export const x = 1;\n' },
      ['only release files changed: changed outside the release files: src/index.ts'],
    ],
  ])('fails %s', async (_, after, failures) => {
    const proposal = await proposalFor(keepAChangelog);
    expect(failed(check(proposal, keepAChangelog, after))).toEqual(failures);
  });
});

const CHANGESETS_CHANGELOG_RELEASED = `# tiny-parser

## 1.3.0

### Minor Changes

- Add \`parseAll\` for streams of documents.

  Each document is yielded as soon as it is complete.

### Patch Changes

- Fix a crash on empty input.

## 1.2.0

### Minor Changes

- 1a2b3c4: Add streaming input.

## 1.1.0

### Patch Changes

- 9f8e7d6: Handle BOMs.
`;

function changesetsReleased(): Files {
  const after: Files = {
    ...changesetsSingle,
    'package.json': changesetsSingle['package.json']!.replace('"1.2.0"', '"1.3.0"'),
    'CHANGELOG.md': CHANGESETS_CHANGELOG_RELEASED,
  };
  delete after['.changeset/brave-dogs-run.md'];
  delete after['.changeset/quick-cats-jump.md'];
  return after;
}

describe('checkRelease: changesets', () => {
  it('passes what `changeset version` would have written', async () => {
    const proposal = await proposalFor(changesetsSingle);
    const checks = check(proposal, changesetsSingle, changesetsReleased());
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['version in package.json', true],
      ['CHANGELOG.md: ## 1.3.0', true],
      ['CHANGELOG.md: earlier releases kept', true],
      ['CHANGELOG.md: new release on top', true],
      ['.changeset/brave-dogs-run.md deleted', true],
      ['.changeset/quick-cats-jump.md deleted', true],
      ['only release files changed', true],
    ]);
  });

  it('fails a consumed changeset left behind, the README deleted, and a release appended at the bottom', async () => {
    const proposal = await proposalFor(changesetsSingle);
    const after = changesetsReleased();
    after['.changeset/quick-cats-jump.md'] = changesetsSingle['.changeset/quick-cats-jump.md']!;
    delete after['.changeset/README.md'];
    const section = CHANGESETS_CHANGELOG_RELEASED.slice(
      CHANGESETS_CHANGELOG_RELEASED.indexOf('## 1.3.0'),
      CHANGESETS_CHANGELOG_RELEASED.indexOf('## 1.2.0'),
    );
    after['CHANGELOG.md'] = `${changesetsSingle['CHANGELOG.md']}\n${section}`;
    expect(failed(check(proposal, changesetsSingle, after))).toEqual([
      'CHANGELOG.md: new release on top: the first section is `## 1.2.0`, not `## 1.3.0`',
      '.changeset/quick-cats-jump.md deleted: the file is still there',
      'only release files changed: changed outside the release files: .changeset/README.md',
    ]);
  });
});

describe('checkRelease: release-please', () => {
  it('checks the manifest entry as well as package.json', async () => {
    const proposal = await proposalFor(releasePlease, RELEASE_PLEASE_COMMITS);
    const changelog = RELEASE_PLEASE_CHANGELOG.replace(
      '# Changelog\n',
      '# Changelog\n\n## [1.3.0](https://github.com/o/r/compare/v1.2.0...v1.3.0) (2026-12-02)\n\n\n### Features\n\n* **api:** add cursor pagination\n\n### Bug Fixes\n\n* handle empty pages\n',
    );
    const after = {
      ...releasePlease,
      'package.json': releasePlease['package.json']!.replace('1.2.0', '1.3.0'),
      'CHANGELOG.md': changelog,
    };
    expect(failed(check(proposal, releasePlease, after))).toEqual([
      '"." in .release-please-manifest.json: is "1.2.0", expected 1.3.0',
    ]);
    const fixed = { ...after, '.release-please-manifest.json': '{ ".": "1.3.0" }\n' };
    expect(failed(check(proposal, releasePlease, fixed))).toEqual([]);
  });
});
