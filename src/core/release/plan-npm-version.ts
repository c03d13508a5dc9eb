import { levelFromConventionalCommits } from './bump-level.js';
import { chooseVersion } from './choose-version.js';
import type { NpmVersionConvention } from './release-convention.js';
import { nothingToRelease, type ReleaseInput, setVersionEdits } from './release-input.js';
import type { NothingToRelease, ReleaseProposal } from './release-proposal.js';

/**
 * Only a version in package.json: what `npm version <level>` would change (package.json and the
 * lock file), the level from the commits since the last release. There is no changelog to write.
 */
export function planNpmVersion(
  convention: NpmVersionConvention,
  input: ReleaseInput,
): ReleaseProposal | NothingToRelease {
  const [primary] = convention.versionFiles;
  if (!primary) return nothingToRelease('package.json has no "version" to bump.');
  const level = levelFromConventionalCommits(input.commitSubjects);
  const choice = chooseVersion({
    current: primary.version,
    source: primary.path,
    level,
    requested: input.requestedVersion,
  });
  if (!choice.bump) {
    const why = 'There are no commits since the last release, and the issue names no version to release.';
    return nothingToRelease([why, ...choice.notes].join(' '));
  }
  const next = choice.bump;
  const notes = [...choice.notes];
  if (convention.unrecognisedChangelog) {
    notes.push(
      `${convention.unrecognisedChangelog} has no "## [Unreleased]" section, so Maestro did not know where entries go and left it as it is.`,
    );
  }
  return {
    kind: 'release',
    convention: 'npm-version',
    detectedBy: [primary.path],
    bumps: [{ name: primary.path, from: primary.version, to: next.to, level: next.level }],
    edits: setVersionEdits(convention.versionFiles, next.to),
    publishStep: `tag the merge commit \`v${next.to}\` (as \`npm version\` would have) and run \`npm publish\``,
    notes,
  };
}
