import { code } from '../report/markdown.js';
import { levelFromChangesets } from './bump-level.js';
import { parseChangelog } from './changelog-sections.js';
import { chooseVersion } from './choose-version.js';
import type { BumpLevel, Changeset, ChangesetsConvention, ChangesetsPackage } from './release-convention.js';
import { nothingToRelease, type ReleaseInput, setVersionEdits } from './release-input.js';
import type {
  NothingToRelease,
  PrependReleaseEdit,
  ReleaseEdit,
  ReleaseProposal,
  VersionBump,
} from './release-proposal.js';
import { listItem, renderReleaseSection } from './render-release-section.js';

const DEFAULT_GENERATOR = '@changesets/cli/changelog';

/**
 * What `changeset version` would do: each named package moves by the highest bump its changesets
 * ask for (a `major` on 0.x goes to 1.0.0, as `semver.inc` does there), its CHANGELOG.md gets
 * `## <version>` with Major/Minor/Patch Changes on top, and every pending changeset is deleted.
 */
export function planChangesets(
  convention: ChangesetsConvention,
  input: ReleaseInput,
): ReleaseProposal | NothingToRelease {
  if (convention.changesets.length === 0) {
    return nothingToRelease(
      'There are no pending changesets in .changeset/: add one with `npx changeset` and ask again.',
    );
  }
  const released = convention.packages.flatMap((pkg) => {
    const level = levelFromChangesets(convention.changesets, pkg.name);
    return level === undefined ? [] : [{ pkg, level }];
  });
  if (released.length === 0) {
    return nothingToRelease(
      'Every pending changeset bumps its packages by `none`: there is no version to release.',
    );
  }
  const notes = groupNotes(convention);
  // One requested version cannot name several packages' versions; it applies to a single package.
  const requested = released.length === 1 ? input.requestedVersion : undefined;
  if (released.length > 1 && input.requestedVersion) {
    notes.push(
      `The requested version ${input.requestedVersion} was not used: this release moves ${released.length} packages, each by its changesets.`,
    );
  }
  const bumps: VersionBump[] = [];
  const edits: ReleaseEdit[] = [];
  for (const { pkg, level } of released) {
    const planned = planPackage(convention, pkg, level, requested);
    bumps.push(planned.bump);
    edits.push(...planned.edits);
    notes.push(...planned.notes);
  }
  for (const changeset of convention.changesets) {
    edits.push({
      kind: 'delete',
      path: changeset.path,
      why: 'consumed by this release, as `changeset version` deletes it',
    });
  }
  return {
    kind: 'release',
    convention: 'changesets',
    detectedBy: [convention.configPath],
    bumps,
    edits,
    publishStep:
      "run `changeset publish` (it publishes the bumped packages and creates their git tags), usually from the repository's release workflow",
    notes,
  };
}

function planPackage(
  convention: ChangesetsConvention,
  pkg: ChangesetsPackage,
  level: BumpLevel,
  requested: string | undefined,
): { bump: VersionBump; edits: ReleaseEdit[]; notes: string[] } {
  const { version: current, path } = pkg.versionFile;
  const choice = chooseVersion({
    current,
    source: path,
    level,
    requested,
    options: { majorBeforeOne: 'major' },
  });
  // A level is always given, so there is always a bump.
  const next = choice.bump!;
  const edits: ReleaseEdit[] = setVersionEdits([pkg.versionFile], next.to);
  if (convention.changelog !== false) edits.push(changelogEdit(pkg, next.to, convention.changesets));
  return {
    bump: { name: pkg.name, from: current, to: next.to, level: next.level },
    edits,
    notes: choice.notes,
  };
}

const GROUPS: readonly [BumpLevel, string][] = [
  ['major', 'Major Changes'],
  ['minor', 'Minor Changes'],
  ['patch', 'Patch Changes'],
];

function changelogEdit(
  pkg: ChangesetsPackage,
  version: string,
  changesets: readonly Changeset[],
): PrependReleaseEdit {
  const groups = GROUPS.map(([level, name]) => ({
    name,
    entries: changesets
      .filter((changeset) =>
        changeset.releases.some((release) => release.name === pkg.name && release.level === level),
      )
      .map((changeset) => listItem('-', changeset.summary)),
  })).filter((group) => group.entries.length > 0);
  const heading = `## ${version}`;
  return {
    kind: 'prepend-release',
    path: pkg.changelogPath,
    title: `# ${pkg.name}`,
    creates: pkg.changelog === undefined,
    heading,
    section: renderReleaseSection(heading, groups),
    groups,
    keptHeadings: parseChangelog(pkg.changelog ?? '').sections.map((section) => section.heading),
  };
}

function groupNotes(convention: ChangesetsConvention): string[] {
  const notes: string[] = [];
  if (convention.hasGroups) {
    notes.push(
      '`.changeset/config.json` has `fixed` or `linked` groups, which Maestro does not apply: compare the versions with `npx changeset status` before merging.',
    );
  }
  if (convention.changelog !== false && convention.changelog.generator !== DEFAULT_GENERATOR) {
    notes.push(
      `The changelog entries follow the default format, not ${code(convention.changelog.generator)}'s (commit and pull request links): \`changeset version\` would write those.`,
    );
  }
  if (convention.isMonorepo) {
    notes.push(
      'Workspace packages that depend on a bumped package keep their dependency ranges as they are: `changeset version` may also update those (`updateInternalDependencies`).',
    );
  }
  return notes;
}
