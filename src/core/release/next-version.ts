import { planChangesets } from './plan-changesets.js';
import { planKeepAChangelog } from './plan-keep-a-changelog.js';
import { planNpmVersion } from './plan-npm-version.js';
import { planReleasePlease } from './plan-release-please.js';
import type { ReleaseConvention } from './release-convention.js';
import { assertReleaseDate, nothingToRelease, type ReleaseInput } from './release-input.js';
import type { NothingToRelease, ReleaseProposal } from './release-proposal.js';

export { levelFromChangesets, levelFromConventionalCommits, levelFromKeepAChangelog } from './bump-level.js';
export type { ReleaseInput } from './release-input.js';
export { bumpVersion } from './version-number.js';

/**
 * The release to prepare under the repository's own convention, or why there is none. Throws
 * `InvalidVersionError` when a current version is malformed (the message names the file), and
 * `MaestroError` for a `today` that is not YYYY-MM-DD.
 */
export function proposeRelease(
  convention: ReleaseConvention,
  input: ReleaseInput,
): ReleaseProposal | NothingToRelease {
  assertReleaseDate(input.today);
  switch (convention.kind) {
    case 'changesets':
      return planChangesets(convention, input);
    case 'release-please':
      return planReleasePlease(convention, input);
    case 'keep-a-changelog':
      return planKeepAChangelog(convention, input);
    case 'npm-version':
      return planNpmVersion(convention, input);
    case 'none': {
      const found = convention.found.length > 0 ? ` It found ${convention.found.join('; ')}.` : '';
      return nothingToRelease(
        `Maestro found no release convention it can follow. It looked for: ${convention.lookedFor.join('; ')}.${found}`,
      );
    }
  }
}
