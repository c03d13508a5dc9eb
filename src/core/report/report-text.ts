import { cell, code, oneLine } from './markdown.js';

/*
 * Text helpers for the final report. Model and issue text may hold HTML; escaping `<` keeps it from
 * opening or closing the report's own `<details>` folds (and from being HTML at all).
 */

/** Untrusted text inside a table cell. */
export function textCell(text: string, maxChars = Number.POSITIVE_INFINITY): string {
  return cell(clip(text, maxChars).replace(/</g, '&lt;'));
}

/** Untrusted text as one line of prose (list items, the summary). */
export function textLine(text: string, maxChars = Number.POSITIVE_INFINITY): string {
  return oneLine(clip(text, maxChars)).replace(/</g, '&lt;');
}

/** At most `maxChars` UTF-16 units, ending in `…` when cut; never splits a surrogate pair. */
export function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 0) return '';
  let head = text.slice(0, maxChars - 1);
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return `${head}…`;
}

/** The first `max` items and how many were left out. */
export function firstOf<T>(items: readonly T[], max: number): { shown: readonly T[]; more: number } {
  return items.length <= max
    ? { shown: items, more: 0 }
    : { shown: items.slice(0, max), more: items.length - max };
}

/** "…and 12 more" as its own block (a line right after a table would become a row), or nothing. */
export function moreNote(more: number, what: string): string {
  return more > 0 ? `_…and ${more} more ${what}_` : '';
}

/** A name or path as inline code inside a table cell: `code` keeps backticks in, `cell` keeps `|` out. */
export function codeCell(text: string, maxChars = 120): string {
  return cell(code(clip(text, maxChars)));
}

/** A name or path as inline code in prose or a list item (a line break would end the item). */
export function codeLine(text: string, maxChars = 200): string {
  return code(clip(text, maxChars).replace(/[\r\n\u2028\u2029]+/g, ' '));
}

/** A block folded under a summary line (GitHub renders `<details>`; blank lines keep markdown inside working). */
export function fold(summary: string, body: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** A section with its heading; `##` so the seed's `# Maestro Implementation Report` stays the title. */
export function section(title: string, ...blocks: string[]): string {
  return [`## ${title}`, ...blocks.filter((block) => block.trim() !== '')].join('\n\n');
}

/** `47 minutes`, `1 h 05 min`, `42 s` — or `unknown` when a timestamp does not parse. */
export function formatDuration(startedAt: string, endedAt: string): string {
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms < 0) return 'unknown';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
