/**
 * How a repository prepares its releases, as `detectReleaseConvention` found it. Each variant
 * carries what proposing the next release needs (current versions, pending entries, the
 * changelogs' current text), so the core functions that plan and check a release read no files.
 */
export type ReleaseConvention =
  | ChangesetsConvention
  | ReleasePleaseConvention
  | KeepAChangelogConvention
  | NpmVersionConvention
  | NoReleaseConvention;

export type BumpLevel = 'major' | 'minor' | 'patch';

/** Where a version is written; each format has one reader in `version-field.ts`. */
export type VersionFileFormat =
  | 'package.json'
  | 'package-lock.json'
  | 'pyproject.toml'
  | 'Cargo.toml'
  | 'version.txt';

export interface VersionFile {
  path: string;
  format: VersionFileFormat;
  /** The version as the file has it now, unparsed: a malformed one fails when the release is proposed. */
  version: string;
}

/** One `.changeset/*.md` file: YAML frontmatter `"pkg": patch|minor|major|none`, the body the summary. */
export interface Changeset {
  path: string;
  releases: { name: string; level: BumpLevel | 'none' }[];
  summary: string;
}

export interface ChangesetsPackage {
  name: string;
  versionFile: VersionFile;
  /** `CHANGELOG.md` next to the package.json, as `changeset version` writes it. */
  changelogPath: string;
  /** Its current text; undefined when the file does not exist yet. */
  changelog?: string;
}

export interface ChangesetsConvention {
  kind: 'changesets';
  configPath: string;
  changesets: Changeset[];
  /** Only the packages a pending changeset names. */
  packages: ChangesetsPackage[];
  /** The config's `changelog` setting: false means `changeset version` writes no changelog. */
  changelog: { generator: string } | false;
  /** `fixed` or `linked` groups are configured (Maestro does not apply them; the proposal says so). */
  hasGroups: boolean;
  /** More than one named package.json: dependents' ranges may need updating too (noted, not done). */
  isMonorepo: boolean;
}

export interface ReleasePleasePackage {
  /** The manifest key: `.` for the repository root. */
  path: string;
  version: string;
  /** Files holding the version besides the manifest (package.json, Cargo.toml, …). */
  versionFiles: VersionFile[];
  changelogPath: string;
  changelog?: string;
  /** release-please's pre-1.0 options: a breaking change bumps the minor, a feature the patch. */
  bumpMinorPreMajor: boolean;
  bumpPatchForMinorPreMajor: boolean;
}

export interface ReleasePleaseConvention {
  kind: 'release-please';
  configPath?: string;
  manifestPath?: string;
  packages: ReleasePleasePackage[];
}

export interface KeepAChangelogConvention {
  kind: 'keep-a-changelog';
  changelog: { path: string; text: string };
  /** Root version files; empty when versions live only in the changelog and tags. */
  versionFiles: VersionFile[];
}

export interface NpmVersionConvention {
  kind: 'npm-version';
  /** package.json first, then package-lock.json when there is one (`npm version` updates both). */
  versionFiles: VersionFile[];
  /** A changelog Maestro found but could not read as Keep a Changelog: left alone, and said so. */
  unrecognisedChangelog?: string;
}

export interface NoReleaseConvention {
  kind: 'none';
  /** What Maestro looked for, for the report. */
  lookedFor: string[];
  /** Near misses: what it found that is not enough on its own (a changelog without Unreleased, …). */
  found: string[];
}
