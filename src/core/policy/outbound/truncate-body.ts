import type { PassResult } from '../text-pass.js';
import { parseMarkdown } from './parse-markdown.js';

/** GitHub rejects comment, issue and PR bodies longer than this (HTTP 422). */
export const GITHUB_BODY_LIMIT = 65_536;

/**
 * Cuts `text` to at most `maxLength` UTF-16 units, ending with a visible notice of how much was cut.
 * The cut never splits a surrogate pair, and a fenced code block left open by the cut is closed
 * before the notice so the notice renders as text. The count is the number of characters cut.
 */
export function truncateBody(text: string, maxLength: number): PassResult {
  if (text.length <= maxLength) return { text, count: 0 };
  let keep = maxLength;
  // The notice's length depends on the number it prints, which depends on how much is kept.
  for (let attempt = 0; attempt < 4; attempt++) {
    const head = safeHead(text, keep);
    const tail = closingFence(head) + notice(text.length - head.length);
    if (head.length + tail.length <= maxLength)
      return { text: head + tail, count: text.length - head.length };
    keep = Math.max(0, maxLength - tail.length);
  }
  // Only reached when maxLength is too small for any notice at all.
  const head = safeHead(text, maxLength);
  return { text: head, count: text.length - head.length };
}

function notice(cut: number): string {
  return `\n\n…truncated ${cut} characters…`;
}

/** The first `length` units, one fewer if that would leave half a surrogate pair. */
function safeHead(text: string, length: number): string {
  const end = Math.max(0, Math.min(length, text.length));
  const last = text.charCodeAt(end - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, end - 1) : text.slice(0, end);
}

/** A fence line that closes the block `head` ends inside, or nothing. */
function closingFence(head: string): string {
  const fence = openFenceAtEnd(head);
  if (fence === undefined) return '';
  return `${head.endsWith('\n') ? '' : '\n'}${fence}`;
}

/**
 * The fence (e.g. ```` ``` ```` or `~~~~`) of a fenced code block still open at the end of `text`.
 * Only a top-level block needs closing: one inside a list item or quote ends with its container,
 * which the notice's blank line and unindented text end.
 */
function openFenceAtEnd(text: string): string | undefined {
  const last = parseMarkdown(text).tree.children.at(-1);
  if (last?.type !== 'code' || last.position?.start.offset === undefined) return undefined;
  const source = text.slice(last.position.start.offset, last.position.end.offset);
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(source)?.[1];
  if (fence === undefined) return undefined;
  const lines = source.split(/\r\n|\r|\n/);
  const closer = new RegExp(`^ {0,3}\\${fence[0]}{${fence.length},}[ \\t]*$`);
  return lines.length > 1 && closer.test(lines.at(-1) ?? '') ? undefined : fence;
}
