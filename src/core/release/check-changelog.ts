import {
  type ChangelogSection,
  entryCount,
  type ParsedChangelog,
  parseChangelog,
} from './changelog-sections.js';
import type { PrependReleaseEdit, ReleaseCheck, ReleaseUnreleasedEdit } from './release-proposal.js';

type ChangelogEdit = PrependReleaseEdit | ReleaseUnreleasedEdit;

/**
 * The changelog after the agent's edit, checked structurally (headings and entries compared as
 * text, whitespace at line ends ignored) rather than byte for byte, so a blank line more or less
 * does not fail a correct release.
 */
export function checkChangelog(edit: ChangelogEdit, text: string | undefined): ReleaseCheck[] {
  const name = `${edit.path}: ${edit.heading}`;
  if (text === undefined) return [{ name, ok: false, detail: `${edit.path} is missing after the edit` }];
  const changelog = parseChangelog(text);
  const section = changelog.sections.find((candidate) => sameLine(candidate.heading, edit.heading));
  const checks = [checkNewSection(name, edit, section), checkKept(edit, changelog)];
  if (edit.kind === 'release-unreleased') checks.push(...checkUnreleased(edit, changelog, section));
  else checks.push(checkOnTop(edit, changelog, section));
  return checks;
}

function checkNewSection(
  name: string,
  edit: ChangelogEdit,
  section: ChangelogSection | undefined,
): ReleaseCheck {
  if (!section) return { name, ok: false, detail: `there is no heading \`${edit.heading}\`` };
  const missing = edit.groups.flatMap((group) => {
    const found = section.groups.find((candidate) => sameLine(candidate.name, group.name));
    const have = new Set(found?.entries.map(normalise) ?? []);
    return group.entries.filter((entry) => !have.has(normalise(entry))).map(() => group.name || 'entries');
  });
  const expected = edit.groups.reduce((sum, group) => sum + group.entries.length, 0);
  if (missing.length > 0) {
    const where = [...new Set(missing)].join(', ');
    return {
      name,
      ok: false,
      detail: `${missing.length} of ${expected} entries are missing (under ${where})`,
    };
  }
  return { name, ok: true, detail: `the heading is there with all ${expected} entries` };
}

function checkKept(edit: ChangelogEdit, changelog: ParsedChangelog): ReleaseCheck {
  const name = `${edit.path}: earlier releases kept`;
  const lost = edit.keptHeadings.filter(
    (heading) => !changelog.sections.some((s) => sameLine(s.heading, heading)),
  );
  if (lost.length === 0)
    return { name, ok: true, detail: `all ${edit.keptHeadings.length} earlier sections are still there` };
  return { name, ok: false, detail: `${lost.length} earlier sections are gone, e.g. \`${lost[0]}\`` };
}

/** changesets and release-please put the newest release first. */
function checkOnTop(
  edit: PrependReleaseEdit,
  changelog: ParsedChangelog,
  section: ChangelogSection | undefined,
): ReleaseCheck {
  const name = `${edit.path}: new release on top`;
  const first = changelog.sections[0];
  if (section && first === section)
    return { name, ok: true, detail: `\`${edit.heading}\` is the first section` };
  return {
    name,
    ok: false,
    detail: `the first section is \`${first?.heading ?? 'none'}\`, not \`${edit.heading}\``,
  };
}

function checkUnreleased(
  edit: ReleaseUnreleasedEdit,
  changelog: ParsedChangelog,
  section: ChangelogSection | undefined,
): ReleaseCheck[] {
  const name = `${edit.path}: ${edit.unreleasedHeading} kept and empty`;
  const unreleased = changelog.sections.find((candidate) =>
    sameLine(candidate.heading, edit.unreleasedHeading),
  );
  const checks: ReleaseCheck[] = [];
  if (!unreleased) checks.push({ name, ok: false, detail: 'the Unreleased heading is gone' });
  else if (entryCount(unreleased) > 0) {
    checks.push({ name, ok: false, detail: `${entryCount(unreleased)} entries are still under it` });
  } else if (section && changelog.sections.indexOf(section) !== changelog.sections.indexOf(unreleased) + 1) {
    checks.push({ name, ok: false, detail: `the new release is not the section right below it` });
  } else checks.push({ name, ok: true, detail: 'it is there, empty, with the new release right below it' });
  if (edit.links) checks.push(checkLinks(edit, changelog));
  return checks;
}

function checkLinks(edit: ReleaseUnreleasedEdit, changelog: ParsedChangelog): ReleaseCheck {
  const name = `${edit.path}: compare links`;
  const wanted = [edit.links!.unreleased, edit.links!.release];
  const wrong = wanted.filter(
    (link) => !changelog.links.some((have) => sameLine(have.label, link.label) && have.url === link.url),
  );
  if (wrong.length === 0)
    return { name, ok: true, detail: `[${wanted[0]!.label}] and [${wanted[1]!.label}] point at the new tag` };
  return { name, ok: false, detail: `expected ${wrong.map((link) => `\`${link.line}\``).join(' and ')}` };
}

function sameLine(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function normalise(entry: string): string {
  return entry
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}
