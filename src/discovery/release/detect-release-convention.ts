import { findUnreleased, parseChangelog } from '../../core/release/changelog-sections.js';
import type { ReleaseConvention } from '../../core/release/release-convention.js';
import { findVersionFiles } from './find-version-files.js';
import { CHANGESET_CONFIG, readChangesets } from './read-changesets.js';
import { RELEASE_PLEASE_CONFIG, RELEASE_PLEASE_MANIFEST, readReleasePlease } from './read-release-please.js';
import type { ReadFile } from './release-files.js';

const LOOKED_FOR = [
  `${CHANGESET_CONFIG} (Changesets)`,
  `${RELEASE_PLEASE_CONFIG} or ${RELEASE_PLEASE_MANIFEST} (release-please)`,
  'CHANGELOG.md with an "## [Unreleased]" section (Keep a Changelog)',
  'a "version" in package.json (npm version)',
];

/**
 * How this repository releases, from its file listing and the contents `read` returns. A release
 * tool's own config wins over a hand-kept changelog (Changesets, then release-please), and a
 * changelog convention over a bare version field. Throws `ValidationError` naming the file when a
 * release file the convention depends on is malformed.
 */
export async function detectReleaseConvention(
  files: readonly string[],
  read: ReadFile,
): Promise<ReleaseConvention> {
  const listed = new Set(files);
  if (listed.has(CHANGESET_CONFIG)) return readChangesets(files, read);
  if (listed.has(RELEASE_PLEASE_CONFIG) || listed.has(RELEASE_PLEASE_MANIFEST))
    return readReleasePlease(files, read);
  const changelogPath = files.find((path) => /^changelog\.md$/i.test(path));
  const changelog = changelogPath === undefined ? undefined : await read(changelogPath);
  const versionFiles = await findVersionFiles('.', listed, read);
  if (changelogPath !== undefined && changelog !== undefined && findUnreleased(parseChangelog(changelog))) {
    return { kind: 'keep-a-changelog', changelog: { path: changelogPath, text: changelog }, versionFiles };
  }
  if (versionFiles[0]?.format === 'package.json') {
    return {
      kind: 'npm-version',
      versionFiles: versionFiles.filter(
        (file) => file.format === 'package.json' || file.format === 'package-lock.json',
      ),
      ...(changelogPath === undefined ? {} : { unrecognisedChangelog: changelogPath }),
    };
  }
  const found = [
    ...(changelogPath === undefined ? [] : [`${changelogPath}, but without an "## [Unreleased]" section`]),
    ...versionFiles.map((file) => `version ${file.version} in ${file.path}, but no changelog convention`),
  ];
  return { kind: 'none', lookedFor: LOOKED_FOR, found };
}
