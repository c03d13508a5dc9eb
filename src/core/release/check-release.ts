import { matchesAnyGlob } from '../policy/glob-match.js';
import { checkChangelog } from './check-changelog.js';
import { releaseWritablePaths } from './release-instructions.js';
import type {
  ReleaseCheck,
  ReleaseEdit,
  ReleaseProposal,
  SetManifestEdit,
  SetVersionEdit,
} from './release-proposal.js';
import { readVersionField, versionFieldLabel } from './version-field.js';

export type { ReleaseCheck } from './release-proposal.js';
export { renderReadinessReport } from './render-readiness-report.js';

/** The worktree after the agent's edits. */
export interface ReleaseResult {
  /** A file's contents now; undefined when it does not exist (deleted, or never created). */
  read: (path: string) => string | undefined;
  /** Every path the agent created, changed or deleted. */
  changedFiles: readonly string[];
}

/**
 * Checks the agent's result against the proposal, without a model: each version file holds the
 * new version, each changelog has the new section with every entry, consumed changesets are gone,
 * and nothing outside `releaseWritablePaths` changed. One check per fact, in the edits' order.
 */
export function checkRelease(proposal: ReleaseProposal, after: ReleaseResult): ReleaseCheck[] {
  return [
    ...proposal.edits.flatMap((edit) => checkEdit(edit, after.read)),
    checkScope(proposal, after.changedFiles),
  ];
}

function checkEdit(edit: ReleaseEdit, read: ReleaseResult['read']): ReleaseCheck[] {
  switch (edit.kind) {
    case 'set-version':
      return [checkVersionFile(edit, read(edit.path))];
    case 'set-manifest':
      return [checkManifest(edit, read(edit.path))];
    case 'delete': {
      const gone = read(edit.path) === undefined;
      return [
        {
          name: `${edit.path} deleted`,
          ok: gone,
          detail: gone ? 'the file is gone' : 'the file is still there',
        },
      ];
    }
    case 'prepend-release':
    case 'release-unreleased':
      return checkChangelog(edit, read(edit.path));
  }
}

function checkVersionFile(edit: SetVersionEdit, text: string | undefined): ReleaseCheck {
  const name = `version in ${edit.path}`;
  if (text === undefined) return { name, ok: false, detail: 'the file is missing' };
  const found = readVersionField(edit.format, text);
  if (found === edit.to) return { name, ok: true, detail: `is ${edit.to}` };
  const what = found === undefined ? `no readable ${versionFieldLabel(edit.format)}` : `${found}`;
  return { name, ok: false, detail: `is ${what}, expected ${edit.to}` };
}

function checkManifest(edit: SetManifestEdit, text: string | undefined): ReleaseCheck {
  const name = `"${edit.key}" in ${edit.path}`;
  if (text === undefined) return { name, ok: false, detail: 'the file is missing' };
  let found: unknown;
  try {
    found = (JSON.parse(text) as Record<string, unknown>)[edit.key];
  } catch {
    return { name, ok: false, detail: 'the file is not valid JSON' };
  }
  if (found === edit.to) return { name, ok: true, detail: `is ${edit.to}` };
  return { name, ok: false, detail: `is ${JSON.stringify(found) ?? 'missing'}, expected ${edit.to}` };
}

function checkScope(proposal: ReleaseProposal, changedFiles: readonly string[]): ReleaseCheck {
  const globs = releaseWritablePaths(proposal);
  const outside = changedFiles.filter((path) => !matchesAnyGlob(path, globs));
  const name = 'only release files changed';
  if (outside.length === 0)
    return { name, ok: true, detail: `${changedFiles.length} files changed, all of them release files` };
  const shown = outside.slice(0, 5).join(', ');
  return {
    name,
    ok: false,
    detail: `changed outside the release files: ${shown}${outside.length > 5 ? `, and ${outside.length - 5} more` : ''}`,
  };
}
