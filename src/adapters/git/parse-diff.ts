import type { FileChange } from '../../ports/git-workspace-port.js';

/** Splits `git … -z` output into its NUL-separated fields. */
export function splitNul(output: string): string[] {
  const fields = output.split('\0');
  if (fields.at(-1) === '') fields.pop();
  return fields;
}

/**
 * Joins `git diff -z -M --name-status` and `git diff -z -M --numstat` into `FileChange`s keyed by
 * the new path. Copies count as added files; type changes as modified; binary files (numstat `-`)
 * count 0 lines.
 */
export function parseDiff(nameStatus: string, numstat: string): FileChange[] {
  const counts = parseNumstat(numstat);
  const changes: FileChange[] = [];
  const fields = splitNul(nameStatus);
  for (let i = 0; i < fields.length; ) {
    const code = fields[i++] ?? '';
    const letter = code.charAt(0);
    const twoPaths = letter === 'R' || letter === 'C';
    if (twoPaths) i++; // the old path
    const path = fields[i++];
    if (path === undefined) break;
    const count = counts.get(path) ?? { additions: 0, deletions: 0 };
    changes.push({ path, status: statusOf(letter), ...count });
  }
  return changes;
}

function statusOf(letter: string): FileChange['status'] {
  if (letter === 'A' || letter === 'C') return 'added';
  if (letter === 'D') return 'deleted';
  if (letter === 'R') return 'renamed';
  return 'modified';
}

/** With `-z`, a renamed file is `adds\tdels\t\0old\0new\0`, anything else `adds\tdels\tpath\0`. */
function parseNumstat(output: string): Map<string, { additions: number; deletions: number }> {
  const counts = new Map<string, { additions: number; deletions: number }>();
  const fields = splitNul(output);
  for (let i = 0; i < fields.length; ) {
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(fields[i++] ?? '');
    if (!match) continue;
    let path = match[3]!;
    if (path === '') {
      i++; // the old path
      path = fields[i++] ?? '';
    }
    counts.set(path, { additions: toCount(match[1]!), deletions: toCount(match[2]!) });
  }
  return counts;
}

function toCount(value: string): number {
  return value === '-' ? 0 : Number(value);
}

/** Caps a diff to `maxBytes` (UTF-8) at a line boundary, with a notice that it was cut. */
export function capDiff(diff: string, maxBytes: number): string {
  const bytes = Buffer.from(diff, 'utf8');
  if (bytes.length <= maxBytes) return diff;
  const notice = `\n[diff truncated: ${bytes.length} bytes, showing the first part]\n`;
  const room = Math.max(0, maxBytes - Buffer.byteLength(notice));
  let cut = bytes.subarray(0, room).toString('utf8');
  if (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1); // a multi-byte character split in two
  const lastNewline = cut.lastIndexOf('\n');
  if (lastNewline > 0) cut = cut.slice(0, lastNewline);
  const text = `${cut}${notice}`;
  return Buffer.byteLength(text) <= maxBytes
    ? text
    : Buffer.from(text).subarray(0, maxBytes).toString('utf8');
}
