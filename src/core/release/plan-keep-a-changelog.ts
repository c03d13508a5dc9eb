import { code } from '../report/markdown.js';
import { levelFromKeepAChangelog } from './bump-level.js';
import { releaseLinks } from './changelog-links.js';
import {
  type ChangelogSection,
  findUnreleased,
  latestRelease,
  parseChangelog,
} from './changelog-sections.js';
import { chooseVersion } from './choose-version.js';
import type { KeepAChangelogConvention, VersionFile } from './release-convention.js';
import { nothingToRelease, type ReleaseInput, setVersionEdits } from './release-input.js';
import type { NothingToRelease, ReleaseEdit, ReleaseProposal } from './release-proposal.js';
import { renderReleaseSection } from './render-release-section.js';

/**
 * Keep a Changelog 1.1.0: the Unreleased entries move under `## [1.3.0] - <today>`, an empty
 * `## [Unreleased]` stays on top, the compare links at the bottom move on, and the version files
 * are bumped. The level comes from which groups have entries.
 */
export function planKeepAChangelog(
  convention: KeepAChangelogConvention,
  input: ReleaseInput,
): ReleaseProposal | NothingToRelease {
  const { path, text } = convention.changelog;
  const changelog = parseChangelog(text);
  const unreleased = findUnreleased(changelog);
  if (!unreleased) return nothingToRelease(`${path} has no "## [Unreleased]" section to release.`);
  const groups = unreleased.groups.filter((group) => group.entries.length > 0);
  const level = levelFromKeepAChangelog(groups);
  if (level === undefined) {
    return nothingToRelease(
      `The "${unreleased.heading}" section of ${path} has no entries: add what changed under ### Added, ### Fixed, … and ask again.`,
    );
  }
  const previous = latestRelease(changelog);
  const { current, source, files, notes } = currentVersion(convention, path, previous);
  const choice = chooseVersion({ current, source, level, requested: input.requestedVersion });
  // A level is always given, so there is always a bump.
  const next = choice.bump!;
  const heading = `## ${bracketed(previous) ? `[${next.to}]` : next.to} - ${input.today}`;
  const links = releaseLinks(changelog.links, next.to);
  const edits: ReleaseEdit[] = [
    ...setVersionEdits(files, next.to),
    {
      kind: 'release-unreleased',
      path,
      unreleasedHeading: unreleased.heading,
      heading,
      section: renderReleaseSection(heading, groups),
      groups,
      keptHeadings: changelog.sections
        .filter((section) => !section.unreleased)
        .map((section) => section.heading),
      ...(links
        ? { links: { unreleased: links.unreleased, release: links.release, previous: links.previous } }
        : {}),
    },
  ];
  return {
    kind: 'release',
    convention: 'keep-a-changelog',
    detectedBy: [path],
    bumps: [{ name: files[0]?.path ?? path, from: current, to: next.to, level: next.level }],
    edits,
    publishStep: publishStep(files[0], links?.tag),
    notes: [...notes, ...choice.notes],
  };
}

/**
 * The version to bump from: the first version file's, else the newest release heading's, else
 * 0.0.0 for a first release. Version files that disagree with the first are left alone and noted.
 */
function currentVersion(
  convention: KeepAChangelogConvention,
  path: string,
  previous: ChangelogSection | undefined,
): { current: string; source: string; files: VersionFile[]; notes: string[] } {
  const [primary] = convention.versionFiles;
  const notes: string[] = [];
  if (!primary) {
    if (previous?.version)
      return { current: previous.version, source: `${path} (${previous.heading})`, files: [], notes };
    notes.push(
      `No version file and no released version in ${path}: this is proposed as the first release, from 0.0.0.`,
    );
    return { current: '0.0.0', source: path, files: [], notes };
  }
  const files = convention.versionFiles.filter((file) => file.version === primary.version);
  for (const file of convention.versionFiles) {
    if (file.version !== primary.version) {
      notes.push(
        `${file.path} says ${file.version}, not ${primary.version} like ${primary.path}: it is left as it is.`,
      );
    }
  }
  if (previous?.version !== undefined && previous.version !== primary.version) {
    notes.push(
      `${primary.path} says ${primary.version} but the newest release in ${path} is ${previous.version}: the bump starts from ${primary.path}.`,
    );
  }
  return { current: primary.version, source: primary.path, files, notes };
}

/** Follow the changelog's own heading style: `## [1.2.0] - …` (the format's) or `## 1.2.0 - …`. */
function bracketed(previous: ChangelogSection | undefined): boolean {
  return previous === undefined || /^ {0,3}## +\[/.test(previous.heading);
}

/** `tag` is the one the compare links expect, when there are links to follow. */
function publishStep(primary: VersionFile | undefined, tag: string | undefined): string {
  const publish: Record<string, string> = {
    'package.json': 'run `npm publish`',
    'pyproject.toml': 'build and upload the package (e.g. `python -m build`, then `twine upload dist/*`)',
    'Cargo.toml': 'run `cargo publish`',
  };
  const then = primary && publish[primary.format] ? `, then ${publish[primary.format]}` : '';
  const tagging = tag
    ? `tag the merge commit ${code(tag)} (the changelog's compare links point at it)`
    : 'tag the merge commit with the new version';
  return `${tagging}${then}`;
}
