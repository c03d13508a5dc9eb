import type { BumpLevel } from './release-convention.js';
import { type BumpOptions, bumpVersion, compareVersions, isVersion, parseVersion } from './version-number.js';

export interface VersionChoice {
  /** Undefined when there is neither a level nor a usable requested version. */
  bump?: { to: string; level: BumpLevel | 'requested' };
  notes: string[];
}

/**
 * The next version: the requested one (from the issue, e.g. "release 2.0.0") when it is valid and
 * greater than the current one, otherwise the bump at `level`. A requested version that cannot be
 * used is noted rather than fatal, so the report says why the computed version was taken.
 * `current` is validated first: a malformed version in `source` throws `InvalidVersionError`.
 */
export function chooseVersion(input: {
  current: string;
  source: string;
  level: BumpLevel | undefined;
  requested?: string;
  options?: BumpOptions;
}): VersionChoice {
  parseVersion(input.current, input.source);
  const notes: string[] = [];
  const requested = input.requested?.trim().replace(/^v(?=\d)/, '');
  if (requested !== undefined && requested !== '') {
    const problem = requestedProblem(requested, input.current);
    if (problem === undefined) return { bump: { to: requested, level: 'requested' }, notes };
    notes.push(`The requested version ${requested} was not used: ${problem}.`);
  }
  if (input.level === undefined) return { notes };
  return { bump: { to: bumpVersion(input.current, input.level, input.options), level: input.level }, notes };
}

function requestedProblem(requested: string, current: string): string | undefined {
  if (!isVersion(requested)) return 'it is not a semantic version (MAJOR.MINOR.PATCH)';
  if (compareVersions(requested, current) <= 0) return `it is not greater than the current ${current}`;
  return undefined;
}
