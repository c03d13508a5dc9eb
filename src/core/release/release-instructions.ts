import { code } from '../report/markdown.js';
import type { ReleaseEdit, ReleaseProposal } from './release-proposal.js';
import { versionFieldLabel } from './version-field.js';

const CONVENTION_NAMES: Record<ReleaseProposal['convention'], string> = {
  changesets: 'Changesets (as `changeset version` does)',
  'release-please': 'release-please (as its release pull request does)',
  'keep-a-changelog': 'Keep a Changelog 1.1.0',
  'npm-version': 'npm version (as `npm version` does)',
};

/**
 * The coding agent's task: every edit spelled out (file, exact heading and text, what to delete),
 * because `checkRelease` compares the result against the same proposal and accepts nothing else.
 */
export function releaseTaskDescription(proposal: ReleaseProposal): string {
  const bumps = proposal.bumps.map((bump) => `${code(bump.name)} ${bump.from} → ${bump.to}`).join(', ');
  const steps = proposal.edits.map((edit, index) => `${index + 1}. ${describeEdit(edit)}`);
  return [
    `Prepare the release ${bumps} following the repository's release convention: ${CONVENTION_NAMES[proposal.convention]}.`,
    '',
    'Make exactly these edits, in these files only:',
    '',
    ...steps,
    '',
    'Copy headings and entries exactly as given (same words, list markers and order); keep every other line of each file as it is.',
    'Do not publish, tag, push, deploy or run any release command: the release is reviewed as a pull request first.',
  ].join('\n');
}

/** The picomatch globs the agent may write: the edited paths, each matching only itself. */
export function releaseWritablePaths(proposal: ReleaseProposal): string[] {
  return [...new Set(proposal.edits.map((edit) => literalGlob(edit.path)))];
}

/** A path as a glob that matches only that path: glob characters are escaped. */
export function literalGlob(path: string): string {
  return path.replace(/[*?[\]{}()!+@\\]/g, '\\$&');
}

function describeEdit(edit: ReleaseEdit): string {
  switch (edit.kind) {
    case 'set-version':
      return `${code(edit.path)}: set ${versionFieldLabel(edit.format)} from ${code(edit.from)} to ${code(edit.to)}.`;
    case 'set-manifest':
      return `${code(edit.path)}: set the value of the key ${code(edit.key)} from ${code(edit.from)} to ${code(edit.to)}.`;
    case 'delete':
      return `Delete ${code(edit.path)} (${edit.why}).`;
    case 'prepend-release':
      return describePrepend(edit);
    case 'release-unreleased':
      return describeUnreleased(edit);
  }
}

function describePrepend(edit: Extract<ReleaseEdit, { kind: 'prepend-release' }>): string {
  const where = edit.creates
    ? `create the file with the title line ${code(edit.title)}, a blank line, then this section`
    : 'insert this section directly below the `# ` title line (add the title if the file has none), above every existing `## ` section, with a blank line before and after it';
  return `${code(edit.path)}: ${where}:\n\n${fenced(edit.section)}`;
}

function describeUnreleased(edit: Extract<ReleaseEdit, { kind: 'release-unreleased' }>): string {
  const parts = [
    `${code(edit.path)}: move every entry under ${code(edit.unreleasedHeading)} into a new section directly below it, so that the heading ${code(edit.unreleasedHeading)} stays with nothing under it and is followed by:\n\n${fenced(edit.section)}`,
  ];
  if (edit.links) {
    parts.push(
      `   In the link references at the bottom, replace the line ${code(edit.links.previous)} with ${code(edit.links.unreleased.line)} and add ${code(edit.links.release.line)} on the line directly below it.`,
    );
  }
  return parts.join('\n\n');
}

/** A fenced block that the section's own backticks cannot close, indented under the list item. */
function fenced(text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}markdown`, ...text.split('\n'), fence]
    .map((line) => (line === '' ? '' : `   ${line}`))
    .join('\n');
}
