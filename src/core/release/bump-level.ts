import { hasBreakingFooter, parseConventionalCommit } from './conventional-commit.js';
import type { BumpLevel, Changeset } from './release-convention.js';

const ORDER: readonly BumpLevel[] = ['patch', 'minor', 'major'];

/** The higher of two levels; undefined counts as "nothing yet". */
export function higherLevel(a: BumpLevel | undefined, b: BumpLevel | undefined): BumpLevel | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

/**
 * The highest bump the changesets ask for `packageName` (or for any package when omitted), as
 * `changeset version` takes it; `none` asks for nothing. Undefined when nothing is asked.
 */
export function levelFromChangesets(
  changesets: readonly Changeset[],
  packageName?: string,
): BumpLevel | undefined {
  let level: BumpLevel | undefined;
  for (const changeset of changesets) {
    for (const release of changeset.releases) {
      if (release.level === 'none' || (packageName !== undefined && release.name !== packageName)) continue;
      level = higherLevel(level, release.level);
    }
  }
  return level;
}

const PATCH_GROUPS = new Set(['fixed', 'security']);

/**
 * Keep a Changelog 1.1.0 groups to a bump: `Removed`, or any entry marked `BREAKING` (upper case,
 * so "fix a breaking layout" is not one), is major; `Added`/`Changed`/`Deprecated` minor;
 * `Fixed`/`Security` patch. A group the format does not define, or entries under no group, count
 * as minor: under-bumping breaks users' ranges, over-bumping only costs a number.
 * Undefined when there are no entries.
 */
export function levelFromKeepAChangelog(
  groups: readonly { name: string; entries: readonly string[] }[],
): BumpLevel | undefined {
  let level: BumpLevel | undefined;
  for (const group of groups) {
    if (group.entries.length === 0) continue;
    const name = group.name.trim().toLowerCase();
    const breaking = name === 'removed' || group.entries.some((entry) => /\bBREAKING\b/.test(entry));
    if (breaking) return 'major';
    level = higherLevel(level, PATCH_GROUPS.has(name) ? 'patch' : 'minor');
  }
  return level;
}

/**
 * Conventional Commits to a bump: a breaking change (`feat!:`, `fix(api)!:`, a `BREAKING CHANGE:`
 * footer) is major, `feat` minor, anything else patch. Undefined for no commits.
 */
export function levelFromConventionalCommits(subjects: readonly string[]): BumpLevel | undefined {
  let level: BumpLevel | undefined;
  for (const subject of subjects) {
    const commit = parseConventionalCommit(subject);
    if (commit?.breaking || hasBreakingFooter(subject)) return 'major';
    level = higherLevel(level, commit?.type === 'feat' ? 'minor' : 'patch');
  }
  return level;
}
