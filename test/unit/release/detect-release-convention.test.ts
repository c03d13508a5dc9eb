import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { detectReleaseConvention } from '../../../src/discovery/release/detect-release-convention.js';
import {
  changesetsMonorepo,
  changesetsSingle,
  type Files,
  keepAChangelog,
  keepAChangelogPython,
  noConvention,
  npmVersionOnly,
  reader,
  releasePlease,
} from './release-fixtures.js';

async function detect(files: Files) {
  const repo = reader(files);
  return detectReleaseConvention(repo.paths, repo.read);
}

describe('detectReleaseConvention', () => {
  it('reads a single-package Changesets repository and its two pending changesets', async () => {
    const convention = await detect(changesetsSingle);
    expect(convention).toMatchObject({
      kind: 'changesets',
      configPath: '.changeset/config.json',
      changelog: { generator: '@changesets/cli/changelog' },
      hasGroups: false,
      isMonorepo: false,
      changesets: [
        {
          path: '.changeset/brave-dogs-run.md',
          releases: [{ name: 'tiny-parser', level: 'patch' }],
          summary: 'Fix a crash on empty input.',
        },
        {
          path: '.changeset/quick-cats-jump.md',
          releases: [{ name: 'tiny-parser', level: 'minor' }],
          summary:
            'Add `parseAll` for streams of documents.\n\nEach document is yielded as soon as it is complete.',
        },
      ],
      packages: [
        {
          name: 'tiny-parser',
          versionFile: { path: 'package.json', format: 'package.json', version: '1.2.0' },
          changelogPath: 'CHANGELOG.md',
        },
      ],
    });
  });

  it('finds each package of a monorepo by name, never reading node_modules', async () => {
    const convention = await detect(changesetsMonorepo);
    if (convention.kind !== 'changesets') throw new Error(convention.kind);
    expect(convention.isMonorepo).toBe(true);
    expect(
      convention.packages.map((pkg) => [
        pkg.name,
        pkg.versionFile.path,
        pkg.versionFile.version,
        pkg.changelog !== undefined,
      ]),
    ).toEqual([
      ['@acme/cli', 'packages/cli/package.json', '2.0.0', true],
      ['@acme/core', 'packages/core/package.json', '0.4.1', false],
    ]);
  });

  it('refuses a changeset naming a package the repository does not have', async () => {
    const files = {
      ...changesetsSingle,
      '.changeset/odd-fox.md': '---\n"tiny-parsr": patch\n---\n\nTypo.\n',
    };
    await expect(detect(files)).rejects.toThrow(
      '.changeset/odd-fox.md: names the package "tiny-parsr", which no package.json in the repository declares',
    );
  });

  it.each([
    ['no frontmatter', 'Just a note.\n', /has no `---` frontmatter/],
    [
      'a bump that does not exist',
      '---\n"tiny-parser": huge\n---\n\nx\n',
      /odd-fox\.md \(frontmatter\): tiny-parser/,
    ],
    [
      'YAML that does not parse',
      '---\n"tiny-parser": [patch\n---\n\nx\n',
      /frontmatter that is not valid YAML/,
    ],
  ])('refuses a changeset with %s, naming the file', async (_, text, message) => {
    const promise = detect({ ...changesetsSingle, '.changeset/odd-fox.md': text });
    await expect(promise).rejects.toThrow(ValidationError);
    await expect(promise).rejects.toThrow(message);
  });

  it('names the config file when .changeset/config.json is not JSON', async () => {
    await expect(
      detect({ ...changesetsSingle, '.changeset/config.json': '{ "changelog": ' }),
    ).rejects.toThrow(/^\.changeset\/config\.json: is not valid JSON/);
  });

  it('reads release-please: the manifest version, the node version files and the changelog', async () => {
    expect(await detect(releasePlease)).toMatchObject({
      kind: 'release-please',
      configPath: 'release-please-config.json',
      manifestPath: '.release-please-manifest.json',
      packages: [
        {
          path: '.',
          version: '1.2.0',
          versionFiles: [{ path: 'package.json', format: 'package.json', version: '1.2.0' }],
          changelogPath: 'CHANGELOG.md',
          bumpMinorPreMajor: false,
          bumpPatchForMinorPreMajor: false,
        },
      ],
    });
  });

  it('applies package options over top-level ones in release-please-config.json', async () => {
    const files = {
      'release-please-config.json': JSON.stringify({
        'bump-minor-pre-major': true,
        packages: {
          'crates/core': {
            'release-type': 'rust',
            'changelog-path': 'CHANGES.md',
            'bump-minor-pre-major': false,
          },
        },
      }),
      '.release-please-manifest.json': '{ "crates/core": "0.3.0" }',
      'crates/core/Cargo.toml': '[package]\nname = "core"\nversion = "0.3.0"\n',
    };
    expect(await detect(files)).toMatchObject({
      packages: [
        {
          path: 'crates/core',
          versionFiles: [{ path: 'crates/core/Cargo.toml', format: 'Cargo.toml', version: '0.3.0' }],
          changelogPath: 'crates/core/CHANGES.md',
          bumpMinorPreMajor: false,
        },
      ],
    });
  });

  it('reads Keep a Changelog with package.json and its lock file as the version files', async () => {
    const convention = await detect(keepAChangelog);
    expect(convention).toMatchObject({
      kind: 'keep-a-changelog',
      changelog: { path: 'CHANGELOG.md' },
      versionFiles: [
        { path: 'package.json', format: 'package.json', version: '1.2.0' },
        { path: 'package-lock.json', format: 'package-lock.json', version: '1.2.0' },
      ],
    });
  });

  it('reads the version of a Python project from pyproject.toml', async () => {
    expect(await detect(keepAChangelogPython)).toMatchObject({
      kind: 'keep-a-changelog',
      versionFiles: [{ path: 'pyproject.toml', format: 'pyproject.toml', version: '0.9.0' }],
    });
  });

  it('falls back to npm version when there is only a package.json version', async () => {
    expect(await detect(npmVersionOnly)).toEqual({
      kind: 'npm-version',
      versionFiles: [{ path: 'package.json', format: 'package.json', version: '3.4.5' }],
    });
  });

  it('says a changelog without an Unreleased section was left alone', async () => {
    const files = { ...npmVersionOnly, 'CHANGELOG.md': '# Changelog\n\n## 3.4.5\n\n- Faster.\n' };
    expect(await detect(files)).toMatchObject({ kind: 'npm-version', unrecognisedChangelog: 'CHANGELOG.md' });
  });

  it('lists what it looked for when nothing is recognisable, and the near misses', async () => {
    expect(await detect(noConvention)).toEqual({
      kind: 'none',
      lookedFor: [
        '.changeset/config.json (Changesets)',
        'release-please-config.json or .release-please-manifest.json (release-please)',
        'CHANGELOG.md with an "## [Unreleased]" section (Keep a Changelog)',
        'a "version" in package.json (npm version)',
      ],
      found: [],
    });
    const cargo = { ...noConvention, 'Cargo.toml': '[package]\nname = "tool"\nversion = "0.2.0"\n' };
    expect(await detect(cargo)).toMatchObject({
      kind: 'none',
      found: ['version 0.2.0 in Cargo.toml, but no changelog convention'],
    });
  });
});
