import type { Html, Nodes, Text } from 'mdast';
import { scanHtmlTags } from '../html-tags.js';
import type { PassResult } from '../text-pass.js';
import { parseMarkdown, type SplitText } from './parse-markdown.js';
import { align, decodeHtmlReference, HTML_REFERENCE, identity } from './rendered-source-map.js';

/** A match of a pass's pattern in text GitHub renders live (not as code). */
export interface LiveMatch {
  /** The match against the rendered text: escapes and character references already decoded. */
  match: RegExpExecArray;
  /**
   * The rendered character before the match in the same stretch of text; undefined at its start,
   * which includes right after a neutralised match (that one is code now, so what follows starts a
   * new text, exactly as GitHub will see it). Patterns check their "not after a word" rule here.
   */
  previous: string | undefined;
  /** The source from the start of the line to where the match starts. */
  lineBefore: string;
  /** The match touches an autolink (`<https://…>` or a bare URL), which is rendered as a link. */
  inAutolink: boolean;
}

/** What to show as code in place of a match; undefined keeps the match live. */
export type Neutralize = (found: LiveMatch) => string | undefined;

/**
 * Rewrites the matches of `pattern` that GitHub would render as live text, leaving alone
 * everything the parser (CommonMark with GFM) says is code: code spans, fenced and indented
 * code blocks, and in raw HTML the content of `<code>` and `<pre>`. Matching is on the text as
 * rendered (so `&#64;team` and `\@team` are seen as the `@team` they show) and each match is
 * replaced by SOURCE POSITION with a code span, or `<code>` inside an HTML block, where markdown
 * is not parsed. Link destinations, HTML tags and comments are not text and are never touched.
 *
 * Each replacement is code when the result is parsed again, so a second run finds nothing new:
 * the passes built on this are idempotent.
 */
export function neutralizeLiveText(text: string, pattern: RegExp, neutralize: Neutralize): PassResult {
  const edits = liveRuns(text).runs.flatMap((run) => findEdits(text, run, pattern, neutralize));
  if (edits.length === 0) return { text, count: 0 };
  edits.sort((a, b) => a.start - b.start);
  return { text: applyEdits(text, edits, uniqueFence(text)), count: edits.length };
}

/** A stretch of live text: what it renders as, and where each rendered unit came from. */
export interface LiveRun {
  /** `markdown` is parsed inline markdown; `html` is text inside an HTML block. */
  kind: 'markdown' | 'html';
  /** In a GFM table cell, where `|` must be escaped even in code. */
  inTable: boolean;
  value: string;
  /** For each UTF-16 unit of `value`, the source range it was rendered from. */
  starts: number[];
  ends: number[];
  /** Autolinks within the run: rendered ranges and the source range of the whole link. */
  autolinks: { from: number; to: number; start: number; end: number }[];
}

/**
 * The live text of `text`, run by run (a run ends where the rendered text is interrupted by code,
 * markup or the end of a block). `unaligned` counts text nodes whose rendered text could not be
 * traced back to the source; they are then matched on their source, which is what the text shows
 * anyway save for escapes. It is zero for everything the tests throw at it.
 */
export function liveRuns(text: string): { runs: LiveRun[]; unaligned: number } {
  const runs: LiveRun[] = [];
  let unaligned = 0;
  const newRun = (kind: LiveRun['kind'], inTable: boolean): LiveRun => ({
    kind,
    inTable,
    value: '',
    starts: [],
    ends: [],
    autolinks: [],
  });
  const addText = (run: LiveRun, node: Text) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) {
      unaligned += 1;
      return;
    }
    // A bare URL's text is not decoded (`&amp;` stays as written); everything else is.
    let map = align(text, start, end, node.value, true) ?? align(text, start, end, node.value, false);
    let value = node.value;
    if (map === undefined) {
      unaligned += 1;
      value = text.slice(start, end);
      map = identity(start, end);
    }
    run.value += value;
    run.starts.push(...map.starts);
    run.ends.push(...map.ends);
  };

  const visit = (node: Nodes, inTable: boolean, flow: boolean): void => {
    if (node.type === 'code' || node.type === 'inlineCode') return;
    if (node.type === 'html') {
      if (flow) unaligned += htmlRuns(text, node, runs);
      return;
    }
    if (!('children' in node)) return;
    const table = inTable || node.type === 'tableCell';
    const childrenAreFlow = FLOW_PARENTS.has(node.type);
    let run: LiveRun | undefined;
    const flush = () => {
      if (run && run.value !== '') runs.push(run);
      run = undefined;
    };
    for (const child of node.children as Nodes[]) {
      if (child.type === 'text') {
        run ??= newRun('markdown', table);
        addText(run, child);
      } else if (child.type === 'link' && isAutolink(text, child.position?.start.offset)) {
        run ??= newRun('markdown', table);
        const from = run.value.length;
        for (const part of child.children) if (part.type === 'text') addText(run, part);
        run.autolinks.push({
          from,
          to: run.value.length,
          start: child.position?.start.offset ?? 0,
          end: child.position?.end.offset ?? 0,
        });
      } else {
        flush();
        visit(child, table, childrenAreFlow);
      }
    }
    flush();
  };
  const { tree, split } = parseMarkdown(text);
  for (const piece of split) if (!placePieces(text, piece)) unaligned += 1;
  visit(tree, false, true);
  return { runs, unaligned };
}

/** Gives the pieces of a text node GFM split (text and bare-URL links) their source positions. */
function placePieces(text: string, { original, pieces }: SplitText): boolean {
  const start = original.position?.start.offset;
  const end = original.position?.end.offset;
  if (start === undefined || end === undefined) return false;
  const map = align(text, start, end, original.value, true);
  if (map === undefined) return false;
  let at = 0;
  const place = (node: Nodes, length: number): boolean => {
    if (length === 0) return false;
    node.position = {
      start: { line: 1, column: 1, offset: map.starts[at]! },
      end: { line: 1, column: 1, offset: map.ends[at + length - 1]! },
    };
    return true;
  };
  for (const piece of pieces) {
    if (piece.type === 'text') {
      if (!place(piece, piece.value.length)) return false;
      at += piece.value.length;
    } else if (piece.type === 'link') {
      const length = piece.children.reduce(
        (sum, child) => sum + (child.type === 'text' ? child.value.length : 0),
        0,
      );
      if (!place(piece, length)) return false;
      for (const child of piece.children) {
        if (child.type !== 'text' || !place(child, child.value.length)) return false;
        at += child.value.length;
      }
    } else return false;
  }
  return at === original.value.length;
}

const FLOW_PARENTS: ReadonlySet<string> = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/** `[text](url)` starts with `[`; `<https://…>` and GFM's bare URLs do not. */
function isAutolink(text: string, start: number | undefined): boolean {
  return start !== undefined && text[start] !== '[';
}

interface Edit {
  start: number;
  end: number;
  content: string;
  kind: LiveRun['kind'];
  inTable: boolean;
}

function findEdits(text: string, run: LiveRun, pattern: RegExp, neutralize: Neutralize): Edit[] {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  const re = new RegExp(pattern.source, flags);
  const edits: Edit[] = [];
  let fresh = 0;
  for (let match = re.exec(run.value); match !== null; match = re.exec(run.value)) {
    if (match[0] === '') {
      re.lastIndex += 1;
      continue;
    }
    let from = match.index;
    let to = from + match[0].length;
    let start = run.starts[from]!;
    let end = run.ends[to - 1]!;
    let inAutolink = false;
    for (const link of run.autolinks) {
      if (link.from >= to || from >= link.to) continue;
      // Half a link in code would leave the other half a link to something else: take it whole.
      inAutolink = true;
      from = Math.min(from, link.from);
      to = Math.max(to, link.to);
      start = Math.min(start, link.start);
      end = Math.max(end, link.end);
    }
    const previous = match.index > fresh ? run.value[match.index - 1] : undefined;
    const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
    const content = neutralize({ match, previous, lineBefore: text.slice(lineStart, start), inAutolink });
    if (content === undefined) {
      re.lastIndex = match.index + 1;
      continue;
    }
    const around =
      run.value.slice(from, match.index) + content + run.value.slice(match.index + match[0].length, to);
    edits.push({ start, end, content: around, kind: run.kind, inTable: run.inTable });
    fresh = to;
    re.lastIndex = to;
  }
  return edits;
}

/**
 * Writes the edits. A markdown code span uses a backtick run of a length found nowhere in the
 * text, so it cannot pair with any other backtick; a space keeps it from merging with a backtick
 * next to it, or from being escaped by a backslash before it. Its content is one line (a line
 * break inside could start a new block and end the span) without backticks.
 */
function applyEdits(text: string, edits: readonly Edit[], fence: string): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    if (edit.start < at) continue;
    out += text.slice(at, edit.start);
    const oneLine = edit.content.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ');
    if (edit.kind === 'html') {
      out += `<code>${oneLine.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code>`;
    } else {
      const content = oneLine.replace(/`/g, '').replace(/\|/g, edit.inTable ? '\\|' : '|');
      const left = out.at(-1);
      const right = text[edit.end];
      out += `${left === '`' || left === '\\' ? ' ' : ''}${fence}${content}${fence}${right === '`' ? ' ' : ''}`;
    }
    at = edit.end;
  }
  return out + text.slice(at);
}

function uniqueFence(text: string): string {
  const lengths = new Set([...text.matchAll(/`+/g)].map((m) => m[0].length));
  let length = 1;
  while (lengths.has(length)) length++;
  return '`'.repeat(length);
}

/**
 * Text inside an HTML block, where markdown is not parsed but GitHub still renders (and links)
 * the text between tags: everything outside tags, comments, and `<code>`/`<pre>` elements.
 * Returns the number of blocks that could not be traced back to the source (then skipped).
 */
function htmlRuns(text: string, node: Html, runs: LiveRun[]): number {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const map = align(text, start, end, node.value, false);
  if (map === undefined) return 1;
  const value = node.value;
  // Comments and other `<!…>`/`<?…>` constructs are not rendered; blank them so tags are found around them.
  const masked = value.replace(/<!--[\s\S]*?(?:-->|$)|<![A-Za-z[][^>]*>?|<\?[\s\S]*?(?:\?>|$)/g, (m) =>
    ' '.repeat(m.length),
  );
  const hidden = new Set<number>();
  for (const m of value.matchAll(/<!--[\s\S]*?(?:-->|$)|<![A-Za-z[][^>]*>?|<\?[\s\S]*?(?:\?>|$)/g)) {
    for (let i = m.index; i < m.index + m[0].length; i++) hidden.add(i);
  }
  let depth = 0;
  let at = 0;
  const segment = (from: number, to: number) => {
    if (depth > 0 || from >= to) return;
    const run: LiveRun = { kind: 'html', inTable: false, value: '', starts: [], ends: [], autolinks: [] };
    let i = from;
    const push = (units: string, s: number, e: number) => {
      run.value += units;
      for (let u = 0; u < units.length; u++) {
        run.starts.push(s);
        run.ends.push(e);
      }
    };
    while (i < to) {
      if (hidden.has(i)) {
        if (run.value !== '') runs.push({ ...run });
        run.value = '';
        run.starts = [];
        run.ends = [];
        i++;
        continue;
      }
      const reference = value[i] === '&' ? HTML_REFERENCE.exec(value.slice(i, Math.min(to, i + 40))) : null;
      const decoded = reference ? decodeHtmlReference(reference[0]) : undefined;
      if (reference && decoded !== undefined) {
        push(decoded, map.starts[i]!, map.ends[i + reference[0].length - 1]!);
        i += reference[0].length;
      } else {
        push(value[i]!, map.starts[i]!, map.ends[i]!);
        i++;
      }
    }
    if (run.value !== '') runs.push(run);
  };
  for (const tag of scanHtmlTags(masked)) {
    segment(at, tag.start);
    if (tag.name === 'code' || tag.name === 'pre') depth = Math.max(0, depth + (tag.closing ? -1 : 1));
    at = tag.end;
  }
  segment(at, value.length);
  return 0;
}
