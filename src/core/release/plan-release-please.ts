import { levelFromConventionalCommits } from './bump-level.js';
import { tagPrefix } from './changelog-links.js';
import { latestRelease, parseChangelog } from './changelog-sections.js';
import { chooseVersion } from './choose-version.js';
import { type ConventionalCommit, parseConventionalCommit } from './conventional-commit.js';
import type { BumpLevel, ReleasePleaseConvention, ReleasePleasePackage } from './release-convention.js';
import { nothingToRelease, type ReleaseInput, setVersionEdits } from './release-input.js';
import type { NothingToRelease, ReleaseEdit, ReleaseProposal } from './release-proposal.js';
import { listItem, renderReleaseSection } from './render-release-section.js';

/** The commit types release-please releases for and the changelog group each goes under. */
const GROUPS: readonly [string, string][] = [
  ['feat', 'Features'],
  ['fix', 'Bug Fixes'],
  ['perf', 'Performance Improvements'],
  ['revert', 'Reverts'],
];

/**
 * What release-please's release pull request would hold for one package: the manifest and version
 * files at the next version, and a `## [1.3.0](…/compare/v1.2.0...v1.3.0) (<today>)` section with
 * Features / Bug Fixes from the commits since the last release. Only feat, fix, perf, revert and
 * breaking commits release, as in release-please; chore, docs and the like do not.
 */
export function planReleasePlease(
  convention: ReleasePleaseConvention,
  input: ReleaseInput,
): ReleaseProposal | NothingToRelease {
  const [pkg, ...others] = convention.packages;
  if (!pkg || others.length > 0) {
    // Subjects alone do not say which package a commit touched; release-please splits them by path.
    return nothingToRelease(
      `release-please manages ${convention.packages.length} packages here, and commit subjects do not say which package each commit changed: let release-please open its own release pull request.`,
    );
  }
  const commits = input.commitSubjects.flatMap((subject) => {
    const commit = parseConventionalCommit(subject);
    return commit && (commit.breaking || GROUPS.some(([type]) => type === commit.type))
      ? [{ subject, commit }]
      : [];
  });
  if (commits.length === 0 && !input.requestedVersion) {
    return nothingToRelease(
      `None of the ${input.commitSubjects.length} commits since the last release is a feat, fix, perf, revert or breaking change, so release-please would not release.`,
    );
  }
  const level = preMajorLevel(pkg, levelFromConventionalCommits(commits.map((c) => c.subject)));
  const source = convention.manifestPath ?? pkg.versionFiles[0]?.path ?? 'release-please-config.json';
  const choice = chooseVersion({
    current: pkg.version,
    source,
    level,
    requested: input.requestedVersion,
    options: { majorBeforeOne: 'major' },
  });
  if (!choice.bump) return nothingToRelease(choice.notes.join(' '));
  const next = choice.bump;
  const edits: ReleaseEdit[] = [
    ...manifestEdits(convention, pkg, next.to),
    ...setVersionEdits(pkg.versionFiles, next.to),
    changelogEdit(
      pkg,
      next.to,
      input.today,
      commits.map((c) => c.commit),
    ),
  ];
  return {
    kind: 'release',
    convention: 'release-please',
    detectedBy: [convention.configPath, convention.manifestPath].filter((path) => path !== undefined),
    bumps: [
      {
        name: pkg.path === '.' ? (pkg.versionFiles[0]?.path ?? '.') : pkg.path,
        from: pkg.version,
        to: next.to,
        level: next.level,
      },
    ],
    edits,
    publishStep:
      "let release-please tag it and create the GitHub release: it does so only for merged pull requests labelled `autorelease: pending`, so add that label before merging (or merge the release pull request release-please opens itself instead); the repository's release workflow then publishes",
    notes: choice.notes,
  };
}

function manifestEdits(
  convention: ReleasePleaseConvention,
  pkg: ReleasePleasePackage,
  to: string,
): ReleaseEdit[] {
  const path = convention.manifestPath;
  return path ? [{ kind: 'set-manifest', path, key: pkg.path, from: pkg.version, to }] : [];
}

/** release-please's `bump-minor-pre-major` and `bump-patch-for-minor-pre-major` on 0.x versions. */
function preMajorLevel(pkg: ReleasePleasePackage, level: BumpLevel | undefined): BumpLevel | undefined {
  if (!/^0\./.test(pkg.version)) return level;
  if (level === 'major' && pkg.bumpMinorPreMajor) return 'minor';
  if (level === 'minor' && pkg.bumpPatchForMinorPreMajor) return 'patch';
  return level;
}

function changelogEdit(
  pkg: ReleasePleasePackage,
  version: string,
  today: string,
  commits: ConventionalCommit[],
): ReleaseEdit {
  const existing = pkg.changelog === undefined ? undefined : parseChangelog(pkg.changelog);
  const heading = `## ${versionTitle(existing ? latestRelease(existing)?.heading : undefined, version)} (${today})`;
  const entry = (commit: ConventionalCommit) =>
    listItem('*', `${commit.scope ? `**${commit.scope}:** ` : ''}${commit.description}`);
  const groups = [
    { name: '⚠ BREAKING CHANGES', entries: commits.filter((c) => c.breaking).map(entry) },
    ...GROUPS.map(([type, name]) => ({ name, entries: commits.filter((c) => c.type === type).map(entry) })),
  ].filter((group) => group.entries.length > 0);
  return {
    kind: 'prepend-release',
    path: pkg.changelogPath,
    title: '# Changelog',
    creates: pkg.changelog === undefined,
    heading,
    section: renderReleaseSection(heading, groups),
    groups,
    keptHeadings: existing?.sections.map((section) => section.heading) ?? [],
  };
}

/**
 * `[1.3.0](…/compare/v1.2.0...v1.3.0)` when the newest heading links a comparison the same way
 * (release-please's format, base URL and tag prefix taken from it), otherwise the bare version.
 */
function versionTitle(previousHeading: string | undefined, version: string): string {
  const match = previousHeading
    ? /^ {0,3}## +\[[^\]]+\]\((.*\/compare\/).+?\.\.\.(.+?)\)/.exec(previousHeading)
    : null;
  if (!match) return version;
  const previousTag = match[2]!;
  return `[${version}](${match[1]!}${previousTag}...${tagPrefix(previousTag)}${version})`;
}
