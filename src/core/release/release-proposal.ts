import type { BumpLevel, ReleaseConvention, VersionFileFormat } from './release-convention.js';

/**
 * The release Maestro proposes: every version that moves, and every file edit that makes it so,
 * each with what the file must contain afterwards. The agent's instructions, the writable paths,
 * the deterministic check and the readiness report are all derived from this one value.
 */
export interface ReleaseProposal {
  kind: 'release';
  convention: Exclude<ReleaseConvention['kind'], 'none'>;
  /** The files the convention was recognised by (a tool's config, the changelog), for the report. */
  detectedBy: string[];
  /** One per package that moves; a single-package repository has one. */
  bumps: VersionBump[];
  edits: ReleaseEdit[];
  /** The convention's own publish step, which Maestro never runs: a phrase after "after merge, ". */
  publishStep: string;
  /** What the report should say besides the checks: a requested version ignored, a limitation. */
  notes: string[];
}

export interface NothingToRelease {
  kind: 'nothing-to-release';
  why: string;
}

export interface VersionBump {
  /** The package name, or the version file's path when there is no name. */
  name: string;
  from: string;
  to: string;
  /** `requested` when the issue named the version. */
  level: BumpLevel | 'requested';
}

export type ReleaseEdit =
  | SetVersionEdit
  | SetManifestEdit
  | ReleaseUnreleasedEdit
  | PrependReleaseEdit
  | DeleteFileEdit;

export interface SetVersionEdit {
  kind: 'set-version';
  path: string;
  format: VersionFileFormat;
  from: string;
  to: string;
}

/** release-please's `.release-please-manifest.json`: `{ "<package path>": "<version>" }`. */
export interface SetManifestEdit {
  kind: 'set-manifest';
  path: string;
  key: string;
  from: string;
  to: string;
}

/** Keep a Changelog: the Unreleased entries move under a new version heading below it. */
export interface ReleaseUnreleasedEdit {
  kind: 'release-unreleased';
  path: string;
  /** The Unreleased heading as written; it stays, with nothing under it. */
  unreleasedHeading: string;
  /** The new heading, e.g. `## [1.3.0] - 2026-12-02`. */
  heading: string;
  /** The whole new section, heading included, as it must appear right after the Unreleased heading. */
  section: string;
  groups: { name: string; entries: string[] }[];
  /** The headings of the released sections already there, which must all still be there afterwards. */
  keptHeadings: string[];
  /** The compare links at the bottom, when the changelog has them; `previous` is the line replaced. */
  links?: { unreleased: LinkLine; release: LinkLine; previous: string };
}

export interface LinkLine {
  label: string;
  url: string;
  /** The whole definition line, `[1.3.0]: https://…`. */
  line: string;
}

/** changesets and release-please: a new section at the top, below the `# ` title. */
export interface PrependReleaseEdit {
  kind: 'prepend-release';
  path: string;
  /** The `# ` title to write when the file does not exist yet (or has none). */
  title: string;
  creates: boolean;
  heading: string;
  section: string;
  groups: { name: string; entries: string[] }[];
  /** The headings of the sections already there, which must all still be there afterwards. */
  keptHeadings: string[];
}

export interface DeleteFileEdit {
  kind: 'delete';
  path: string;
  why: string;
}

/** One deterministic check of the agent's result, listed in the readiness report. */
export interface ReleaseCheck {
  name: string;
  ok: boolean;
  detail: string;
}
