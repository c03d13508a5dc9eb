/**
 * A changelog read as its `## ` release sections, each split into `### ` groups of entries, plus
 * the link reference definitions (`[1.2.0]: https://…`). This is a line scan of ATX headings, not
 * a CommonMark parse: Keep a Changelog, changesets and release-please all write `## `/`### `
 * headings at the start of a line, and a line scan keeps every entry's source text byte for byte,
 * so "the same entries, moved" can be checked by comparing text. Fenced code blocks are skipped so
 * a `## ` inside an example is not a heading.
 */
export interface ChangelogSection {
  /** The heading line as written, e.g. `## [1.2.0] - 2026-01-10`. */
  heading: string;
  /** 0-based line of the heading; the section runs to `end` (exclusive). */
  line: number;
  end: number;
  /** The version the heading names, without brackets or a leading `v`. */
  version?: string;
  unreleased: boolean;
  /** Every entry is a list item or a paragraph, so "no entries" means the section is empty. */
  groups: ChangeGroup[];
}

export interface ChangeGroup {
  /** `Added`, `Minor Changes`, …; empty for entries written directly under the `## ` heading. */
  name: string;
  entries: string[];
}

export interface LinkReference {
  label: string;
  url: string;
  line: number;
}

export interface ParsedChangelog {
  lines: string[];
  /** The `# ` title line, when there is one before the first section. */
  titleLine?: number;
  sections: ChangelogSection[];
  links: LinkReference[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const H1 = /^ {0,3}# +\S/;
const H2 = /^ {0,3}## +(.*?)\s*#*\s*$/;
const H3 = /^ {0,3}### +(.*?)\s*#*\s*$/;
const LIST_ITEM = /^( *)(?:[-*+]|\d+[.)]) /;
const LINK_REFERENCE = /^ {0,3}\[([^\]]+)\]:\s*(\S+)/;
const VERSION_TITLE = /^\[?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\]?(?![\w.])/;
const UNRELEASED_TITLE = /^\[?unreleased\]?(?:\s|$|\(|-)/i;

export function parseChangelog(text: string): ParsedChangelog {
  const lines = text.split(/\r?\n/);
  const code = fencedLines(lines);
  const links: LinkReference[] = [];
  const starts: number[] = [];
  let titleLine: number | undefined;
  lines.forEach((line, at) => {
    if (code.has(at)) return;
    const link = LINK_REFERENCE.exec(line);
    if (link) links.push({ label: link[1]!, url: link[2]!, line: at });
    else if (H2.test(line)) starts.push(at);
    else if (titleLine === undefined && starts.length === 0 && H1.test(line)) titleLine = at;
  });
  const linkLines = new Set(links.map((link) => link.line));
  const sections = starts.map((start, index) =>
    readSection(lines, start, starts[index + 1] ?? lines.length, { links: linkLines, code }),
  );
  return { lines, ...(titleLine === undefined ? {} : { titleLine }), sections, links };
}

export function findUnreleased(changelog: ParsedChangelog): ChangelogSection | undefined {
  return changelog.sections.find((section) => section.unreleased);
}

/** The newest released section (the first one with a version after any Unreleased). */
export function latestRelease(changelog: ParsedChangelog): ChangelogSection | undefined {
  return changelog.sections.find((section) => section.version !== undefined);
}

export function entryCount(section: ChangelogSection): number {
  return section.groups.reduce((sum, group) => sum + group.entries.length, 0);
}

interface BodyLine {
  text: string;
  /** Inside a fenced code block: part of the entry, never a heading or a new item. */
  code: boolean;
}

function readSection(
  lines: string[],
  start: number,
  end: number,
  marks: { links: Set<number>; code: Set<number> },
): ChangelogSection {
  const heading = lines[start]!;
  const title = H2.exec(heading)?.[1] ?? '';
  const version = VERSION_TITLE.exec(title)?.[1];
  const groups: ChangeGroup[] = [];
  let group: ChangeGroup = { name: '', entries: [] };
  const body = lines.slice(start + 1, end).map((line, offset): BodyLine => {
    const at = start + 1 + offset;
    return { text: marks.links.has(at) ? '' : line, code: marks.code.has(at) };
  });
  for (const block of blocks(body)) {
    const h3 = block.length === 1 ? H3.exec(block[0]!) : null;
    if (h3) {
      if (group.name !== '' || group.entries.length > 0) groups.push(group);
      group = { name: h3[1]!, entries: [] };
      continue;
    }
    group.entries.push(block.join('\n'));
  }
  if (group.name !== '' || group.entries.length > 0) groups.push(group);
  return {
    heading,
    line: start,
    end,
    ...(version === undefined ? {} : { version }),
    unreleased: UNRELEASED_TITLE.test(title),
    groups,
  };
}

/**
 * Splits a section body into headings (one line each) and entries: a list item with its
 * continuation lines (deeper-indented lines, nested items, lazy lines), or a paragraph. A blank
 * line ends an entry unless the next line is indented or code (more of the same item).
 */
function blocks(body: BodyLine[]): string[][] {
  const out: string[][] = [];
  let current: { lines: string[]; indent: number } | undefined;
  const flush = () => {
    if (current) out.push(trimTrailingBlank(current.lines));
    current = undefined;
  };
  for (const [at, { text, code }] of body.entries()) {
    const line = text.trimEnd();
    const item = LIST_ITEM.exec(line);
    if (code) {
      current = current ?? { lines: [], indent: 0 };
      current.lines.push(line);
    } else if (H3.test(line)) {
      flush();
      out.push([line]);
    } else if (line === '') {
      const next = body[at + 1];
      if (current && next !== undefined && (next.code || /^\s{2,}\S/.test(next.text)))
        current.lines.push(line);
      else flush();
    } else if (!current || (item && item[1]!.length <= current.indent)) {
      flush();
      current = { lines: [line], indent: item ? item[1]!.length : 0 };
    } else current.lines.push(line);
  }
  flush();
  return out;
}

function trimTrailingBlank(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1]!.trim() === '') out.pop();
  return out;
}

function fencedLines(lines: string[]): Set<number> {
  const inside = new Set<number>();
  let fence: string | undefined;
  lines.forEach((line, at) => {
    const open = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      inside.add(at);
      if (open !== undefined && open[0] === fence[0] && open.length >= fence.length) fence = undefined;
    } else if (open !== undefined) {
      inside.add(at);
      fence = open;
    }
  });
  return inside;
}
