/**
 * A changelog section as changesets, release-please and Keep a Changelog all lay it out: the
 * `## ` heading, then each non-empty group under its `### ` heading, entries as written, a blank
 * line between blocks. Groups without a name put their entries straight under the heading.
 */
export function renderReleaseSection(
  heading: string,
  groups: readonly { name: string; entries: readonly string[] }[],
): string {
  const blocks = [heading];
  for (const group of groups) {
    if (group.entries.length === 0) continue;
    if (group.name !== '') blocks.push(`### ${group.name}`);
    blocks.push(group.entries.join('\n'));
  }
  return blocks.join('\n\n');
}

/** A multi-line summary as one list item: the first line after the marker, the rest indented. */
export function listItem(marker: '-' | '*', text: string): string {
  const [first = '', ...rest] = text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.trimEnd());
  return [`${marker} ${first}`, ...rest.map((line) => (line === '' ? '' : `  ${line}`))].join('\n');
}
