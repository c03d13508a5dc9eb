import { MaestroError } from '../errors.js';
import type { BumpLevel } from './release-convention.js';

/**
 * A tiny SemVer 2.0.0 for `MAJOR.MINOR.PATCH[-pre][+build]`: parse, compare, bump. Written here
 * rather than taken from the `semver` package, which Maestro does not depend on; releases need only
 * these three operations.
 */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  /** Dot-separated pre-release identifiers (`beta.2` → `['beta', '2']`); empty for a release. */
  pre: string[];
}

/** A version string that is not SemVer; the message names the file it came from. */
export class InvalidVersionError extends MaestroError {
  override readonly name = 'InvalidVersionError';

  constructor(version: string, source: string) {
    super(
      `${source}: "${version}" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0 or 2.0.0-beta.1): fix the version there before asking for a release.`,
      { code: 'release.invalid-version' },
    );
  }
}

const IDENT = String.raw`(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)`;
const SEMVER = new RegExp(
  String.raw`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-(${IDENT}(?:\.${IDENT})*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$`,
);

export function parseVersion(text: string, source = 'version'): Version {
  const match = SEMVER.exec(text.trim());
  if (!match) throw new InvalidVersionError(text, source);
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    pre: match[4] === undefined ? [] : match[4].split('.'),
  };
}

export function isVersion(text: string): boolean {
  return SEMVER.test(text.trim());
}

export function formatVersion(version: Version): string {
  const core = `${version.major}.${version.minor}.${version.patch}`;
  return version.pre.length > 0 ? `${core}-${version.pre.join('.')}` : core;
}

/** SemVer precedence: negative when `a` comes before `b`; build metadata is ignored. */
export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a);
  const right = parseVersion(b);
  const core = left.major - right.major || left.minor - right.minor || left.patch - right.patch;
  if (core !== 0) return Math.sign(core);
  return comparePre(left.pre, right.pre);
}

function comparePre(left: string[], right: string[]): number {
  // A release sorts after its pre-releases: 1.0.0-rc.1 < 1.0.0.
  if (left.length === 0 || right.length === 0) return Math.sign(right.length - left.length);
  for (let at = 0; at < Math.min(left.length, right.length); at++) {
    const order = compareIdentifier(left[at]!, right[at]!);
    if (order !== 0) return order;
  }
  return Math.sign(left.length - right.length);
}

function compareIdentifier(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Math.sign(Number(a) - Number(b));
  if (numeric.test(a) !== numeric.test(b)) return numeric.test(a) ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface BumpOptions {
  /**
   * What a `major` bump does before 1.0.0. `minor` (the default): 0.y.z → 0.(y+1).0, because
   * SemVer §4 leaves 0.x unstable and Cargo and release-please's `bump-minor-pre-major` treat the
   * minor as the breaking digit there; going to 1.0.0 declares a stable API, which only a person
   * should decide ("release 1.0.0" in the issue). `major`: 1.0.0, which is what `changeset
   * version` and `npm version major` do (both call `semver.inc`), for conventions that own the bump.
   */
  majorBeforeOne?: 'major' | 'minor';
}

/**
 * The next version at `level`. A pre-release moves to its release when the bump allows it, as
 * `semver.inc` does: 1.3.0-rc.1 minor → 1.3.0, 1.3.1-rc.1 minor → 1.4.0. Build metadata is dropped.
 */
export function bumpVersion(version: string, level: BumpLevel, options: BumpOptions = {}): string {
  const current = parseVersion(version);
  const effective =
    level === 'major' && current.major === 0 && (options.majorBeforeOne ?? 'minor') === 'minor'
      ? 'minor'
      : level;
  return formatVersion({ ...bumpCore(current, effective), pre: [] });
}

function bumpCore(v: Version, level: BumpLevel): Omit<Version, 'pre'> {
  const pre = v.pre.length > 0;
  if (level === 'major') {
    return pre && v.minor === 0 && v.patch === 0 ? v : { major: v.major + 1, minor: 0, patch: 0 };
  }
  if (level === 'minor') return pre && v.patch === 0 ? v : { major: v.major, minor: v.minor + 1, patch: 0 };
  return pre ? v : { major: v.major, minor: v.minor, patch: v.patch + 1 };
}
