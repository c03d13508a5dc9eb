import { describe, expect, it } from 'vitest';
import { MaestroError } from '../../../src/core/errors.js';
import { proposeRelease, type ReleaseInput } from '../../../src/core/release/next-version.js';
import type { ReleaseConvention } from '../../../src/core/release/release-convention.js';
import type { ReleaseProposal } from '../../../src/core/release/release-proposal.js';
import { InvalidVersionError } from '../../../src/core/release/version-number.js';
import { detectReleaseConvention } from '../../../src/discovery/release/detect-release-convention.js';
import {
  COMMITS,
  changesetsMonorepo,
  changesetsSingle,
  type Files,
  KEEP_A_CHANGELOG,
  keepAChangelog,
  noConvention,
  npmVersionOnly,
  RELEASE_PLEASE_COMMITS,
  reader,
  releasePlease,
} from './release-fixtures.js';

const TODAY = '2026-12-02';

async function conventionOf(files: Files): Promise<ReleaseConvention> {
  const repo = reader(files);
  return detectReleaseConvention(repo.paths, repo.read);
}

async function propose(files: Files, input: Partial<ReleaseInput> = {}) {
  return proposeRelease(await conventionOf(files), { commitSubjects: COMMITS, today: TODAY, ...input });
}

async function release(files: Files, input: Partial<ReleaseInput> = {}): Promise<ReleaseProposal> {
  const proposal = await propose(files, input);
  if (proposal.kind !== 'release') throw new Error(`expected a release, got: ${proposal.why}`);
  return proposal;
}

const summary = (proposal: ReleaseProposal) => proposal.edits.map((edit) => `${edit.kind} ${edit.path}`);

describe('proposeRelease: changesets', () => {
  it('takes the minor of a patch and a minor changeset and writes the changelog as `changeset version` does', async () => {
    const proposal = await release(changesetsSingle);
    expect(proposal.bumps).toEqual([{ name: 'tiny-parser', from: '1.2.0', to: '1.3.0', level: 'minor' }]);
    expect(summary(proposal)).toEqual([
      'set-version package.json',
      'prepend-release CHANGELOG.md',
      'delete .changeset/brave-dogs-run.md',
      'delete .changeset/quick-cats-jump.md',
    ]);
    const changelog = proposal.edits.find((edit) => edit.kind === 'prepend-release');
    expect(changelog?.section).toBe(
      [
        '## 1.3.0',
        '',
        '### Minor Changes',
        '',
        '- Add `parseAll` for streams of documents.',
        '',
        '  Each document is yielded as soon as it is complete.',
        '',
        '### Patch Changes',
        '',
        '- Fix a crash on empty input.',
      ].join('\n'),
    );
    expect(changelog).toMatchObject({
      title: '# tiny-parser',
      creates: false,
      keptHeadings: ['## 1.2.0', '## 1.1.0'],
    });
    expect(proposal.publishStep).toMatch(/^run `changeset publish`/);
    expect(proposal.notes).toEqual([]);
  });

  it('moves each monorepo package by its own changesets; a major on 0.x goes to 1.0.0 as semver.inc does', async () => {
    const proposal = await release(changesetsMonorepo);
    expect(proposal.bumps).toEqual([
      { name: '@acme/cli', from: '2.0.0', to: '2.1.0', level: 'minor' },
      { name: '@acme/core', from: '0.4.1', to: '1.0.0', level: 'major' },
    ]);
    expect(proposal.edits.find((edit) => edit.path === 'packages/core/CHANGELOG.md')).toMatchObject({
      kind: 'prepend-release',
      creates: true,
      title: '# @acme/core',
      section: '## 1.0.0\n\n### Major Changes\n\n- Rename `createClient` to `connect`.',
    });
    expect(proposal.notes).toEqual([expect.stringContaining('updateInternalDependencies')]);
  });

  it('uses a requested version only when one package moves', async () => {
    expect((await release(changesetsSingle, { requestedVersion: '2.0.0' })).bumps[0]).toMatchObject({
      to: '2.0.0',
      level: 'requested',
    });
    const monorepo = await release(changesetsMonorepo, { requestedVersion: '3.0.0' });
    expect(monorepo.bumps.map((bump) => bump.to)).toEqual(['2.1.0', '1.0.0']);
    expect(monorepo.notes).toContain(
      'The requested version 3.0.0 was not used: this release moves 2 packages, each by its changesets.',
    );
  });

  it('writes no changelog when the config turns changelogs off, and notes a custom generator', async () => {
    const config = (changelog: unknown) => ({
      ...changesetsSingle,
      '.changeset/config.json': JSON.stringify({ changelog }),
    });
    expect(summary(await release(config(false)))).not.toContain('prepend-release CHANGELOG.md');
    const github = await release(config(['@changesets/changelog-github', { repo: 'o/r' }]));
    expect(github.notes[0]).toMatch(/not `@changesets\/changelog-github`'s/);
  });

  it('has nothing to release without pending changesets', async () => {
    const files = Object.fromEntries(
      Object.entries(changesetsSingle).filter(([path]) => !/\/(?!README)[^/]+\.md$/.test(path)),
    );
    expect(await propose(files)).toEqual({
      kind: 'nothing-to-release',
      why: 'There are no pending changesets in .changeset/: add one with `npx changeset` and ask again.',
    });
  });

  it('refuses a package.json whose version is malformed, naming it', async () => {
    const files = { ...changesetsSingle, 'package.json': '{ "name": "tiny-parser", "version": "1.2" }' };
    await expect(propose(files)).rejects.toThrow(InvalidVersionError);
    await expect(propose(files)).rejects.toThrow('package.json: "1.2" is not a semantic version');
  });
});

describe('proposeRelease: Keep a Changelog', () => {
  it('moves Added and Fixed under 1.3.0, keeps Unreleased, and moves the compare links on', async () => {
    const proposal = await release(keepAChangelog);
    expect(proposal.bumps).toEqual([{ name: 'package.json', from: '1.2.0', to: '1.3.0', level: 'minor' }]);
    expect(summary(proposal)).toEqual([
      'set-version package.json',
      'set-version package-lock.json',
      'release-unreleased CHANGELOG.md',
    ]);
    expect(proposal.edits[2]).toEqual({
      kind: 'release-unreleased',
      path: 'CHANGELOG.md',
      unreleasedHeading: '## [Unreleased]',
      heading: '## [1.3.0] - 2026-12-02',
      section: [
        '## [1.3.0] - 2026-12-02',
        '',
        '### Added',
        '',
        '- Export the parser as `parseDocument`.',
        '- A `--strict` flag that rejects unknown keys.',
        '',
        '### Fixed',
        '',
        '- Crash on an empty input file.',
      ].join('\n'),
      groups: [
        {
          name: 'Added',
          entries: [
            '- Export the parser as `parseDocument`.',
            '- A `--strict` flag that rejects unknown keys.',
          ],
        },
        { name: 'Fixed', entries: ['- Crash on an empty input file.'] },
      ],
      keptHeadings: ['## [1.2.0] - 2026-10-14', '## [1.1.0] - 2026-08-01'],
      links: {
        previous: '[Unreleased]: https://github.com/o/r/compare/v1.2.0...HEAD',
        unreleased: {
          label: 'Unreleased',
          url: 'https://github.com/o/r/compare/v1.3.0...HEAD',
          line: '[Unreleased]: https://github.com/o/r/compare/v1.3.0...HEAD',
        },
        release: {
          label: '1.3.0',
          url: 'https://github.com/o/r/compare/v1.2.0...v1.3.0',
          line: '[1.3.0]: https://github.com/o/r/compare/v1.2.0...v1.3.0',
        },
      },
    });
    expect(proposal.publishStep).toBe(
      "tag the merge commit `v1.3.0` (the changelog's compare links point at it), then run `npm publish`",
    );
  });

  it('has nothing to release when Unreleased is empty', async () => {
    const empty = KEEP_A_CHANGELOG.replace(
      /## \[Unreleased\][\s\S]*?(?=## \[1\.2\.0\])/,
      '## [Unreleased]\n\n### Added\n\n',
    );
    expect(await propose({ ...keepAChangelog, 'CHANGELOG.md': empty })).toEqual({
      kind: 'nothing-to-release',
      why: 'The "## [Unreleased]" section of CHANGELOG.md has no entries: add what changed under ### Added, ### Fixed, … and ask again.',
    });
  });

  it('bumps major for a Removed entry and follows a changelog that writes headings without brackets', async () => {
    const text =
      '# Changes\n\n## Unreleased\n\n### Removed\n\n- The v1 API.\n\n## 4.1.0 - 2026-03-03\n\n- Faster.\n';
    const proposal = await release({
      'CHANGELOG.md': text,
      'Cargo.toml': '[package]\nname = "x"\nversion = "4.1.0"\n',
    });
    expect(proposal.bumps[0]).toMatchObject({ from: '4.1.0', to: '5.0.0', level: 'major' });
    expect(proposal.edits[1]).toMatchObject({
      heading: '## 5.0.0 - 2026-12-02',
      unreleasedHeading: '## Unreleased',
    });
    expect(proposal.edits[1]).not.toHaveProperty('links');
    expect(proposal.publishStep).toBe('tag the merge commit with the new version, then run `cargo publish`');
  });

  it('takes the version from the newest release heading when there is no version file', async () => {
    const proposal = await release({ 'CHANGELOG.md': KEEP_A_CHANGELOG });
    expect(proposal.bumps[0]).toMatchObject({ name: 'CHANGELOG.md', from: '1.2.0', to: '1.3.0' });
    expect(summary(proposal)).toEqual(['release-unreleased CHANGELOG.md']);
  });

  it('notes a version file that disagrees with the changelog', async () => {
    const proposal = await release({
      ...keepAChangelog,
      'package.json': '{ "version": "1.2.5" }',
      'package-lock.json': '{}',
    });
    expect(proposal.bumps[0]).toMatchObject({ from: '1.2.5', to: '1.3.0' });
    expect(proposal.notes).toEqual([
      'package.json says 1.2.5 but the newest release in CHANGELOG.md is 1.2.0: the bump starts from package.json.',
    ]);
  });

  it.each([
    ['2.0.0', '2.0.0', 'requested', []],
    ['v2.0.0', '2.0.0', 'requested', []],
    [
      '1.1.0',
      '1.3.0',
      'minor',
      ['The requested version 1.1.0 was not used: it is not greater than the current 1.2.0.'],
    ],
    [
      'two',
      '1.3.0',
      'minor',
      ['The requested version two was not used: it is not a semantic version (MAJOR.MINOR.PATCH).'],
    ],
  ])('given the requested version %j, releases %s', async (requestedVersion, to, level, notes) => {
    const proposal = await release(keepAChangelog, { requestedVersion });
    expect(proposal.bumps[0]).toMatchObject({ to, level });
    expect(proposal.notes).toEqual(notes);
  });
});

describe('proposeRelease: release-please', () => {
  it('bumps by the releasable commits and writes release-please’s heading with its compare link', async () => {
    const proposal = await release(releasePlease, { commitSubjects: RELEASE_PLEASE_COMMITS });
    expect(proposal.bumps).toEqual([{ name: 'package.json', from: '1.2.0', to: '1.3.0', level: 'minor' }]);
    expect(proposal.edits).toMatchObject([
      { kind: 'set-manifest', path: '.release-please-manifest.json', key: '.', from: '1.2.0', to: '1.3.0' },
      { kind: 'set-version', path: 'package.json', to: '1.3.0' },
      {
        kind: 'prepend-release',
        path: 'CHANGELOG.md',
        title: '# Changelog',
        section: [
          '## [1.3.0](https://github.com/o/r/compare/v1.2.0...v1.3.0) (2026-12-02)',
          '',
          '### Features',
          '',
          '* **api:** add cursor pagination',
          '',
          '### Bug Fixes',
          '',
          '* handle empty pages',
        ].join('\n'),
      },
    ]);
    expect(proposal.publishStep).toContain('`autorelease: pending`');
  });

  it('lists a breaking change first and, with bump-minor-pre-major, bumps the minor of a 0.x version', async () => {
    const files = {
      ...releasePlease,
      'release-please-config.json': JSON.stringify({ 'bump-minor-pre-major': true, packages: { '.': {} } }),
      '.release-please-manifest.json': '{ ".": "0.7.2" }',
    };
    const proposal = await release(files, {
      commitSubjects: ['feat(api)!: rename `get` to `fetch`', 'fix: typo'],
    });
    expect(proposal.bumps[0]).toMatchObject({ from: '0.7.2', to: '0.8.0', level: 'minor' });
    const changelog = proposal.edits.find((edit) => edit.kind === 'prepend-release');
    expect(changelog?.groups.map((group) => group.name)).toEqual([
      '⚠ BREAKING CHANGES',
      'Features',
      'Bug Fixes',
    ]);
  });

  it('has nothing to release when no commit is releasable', async () => {
    const proposal = await propose(releasePlease, { commitSubjects: ['chore: bump deps', 'docs: typo'] });
    expect(proposal).toEqual({
      kind: 'nothing-to-release',
      why: 'None of the 2 commits since the last release is a feat, fix, perf, revert or breaking change, so release-please would not release.',
    });
  });

  it('leaves a manifest of several packages to release-please itself', async () => {
    const files = {
      ...releasePlease,
      '.release-please-manifest.json': '{ "packages/a": "1.0.0", "packages/b": "2.0.0" }',
    };
    expect(await propose(files)).toMatchObject({
      kind: 'nothing-to-release',
      why: expect.stringMatching(/^release-please manages 3 packages/),
    });
  });
});

describe('proposeRelease: npm version and none', () => {
  it('bumps package.json by the commits', async () => {
    const proposal = await release(npmVersionOnly);
    expect(proposal.bumps).toEqual([{ name: 'package.json', from: '3.4.5', to: '3.5.0', level: 'minor' }]);
    expect(proposal.edits).toEqual([
      { kind: 'set-version', path: 'package.json', format: 'package.json', from: '3.4.5', to: '3.5.0' },
    ]);
    expect(proposal.publishStep).toBe(
      'tag the merge commit `v3.5.0` (as `npm version` would have) and run `npm publish`',
    );
  });

  it('has nothing to release without commits, unless the issue names a version', async () => {
    expect(await propose(npmVersionOnly, { commitSubjects: [] })).toMatchObject({
      kind: 'nothing-to-release',
    });
    expect(
      (await release(npmVersionOnly, { commitSubjects: [], requestedVersion: '4.0.0' })).bumps[0]?.to,
    ).toBe('4.0.0');
  });

  it('says what it looked for when the repository has no convention', async () => {
    const proposal = await propose(noConvention);
    expect(proposal.kind).toBe('nothing-to-release');
    if (proposal.kind !== 'nothing-to-release') return;
    expect(proposal.why).toContain('.changeset/config.json (Changesets)');
    expect(proposal.why).toContain('CHANGELOG.md with an "## [Unreleased]" section (Keep a Changelog)');
  });

  it('refuses a release date that is not YYYY-MM-DD', async () => {
    await expect(propose(npmVersionOnly, { today: '02/12/2026' })).rejects.toThrow(MaestroError);
  });
});
