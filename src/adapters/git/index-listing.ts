/**
 * One record of `git ls-files -z -s -v --debug --cached --modified --others`: an index entry
 * `<tag> <mode> <blob> <stage>\t<path>\0` followed by its cached stat data as lines that start
 * with spaces (`  size: 71\tflags: 0`, …), a `C` record of a modified path, or an untracked file
 * `? <path>\0`. (Regular expressions here rather than a hand-written scan by offsets: that scan
 * allocated less but, interpreted, executed more instructions over a warm run — cachegrind.)
 */
export type IndexRecord =
  | {
      /**
       * `H` tracked, `S` skip-worktree, `M` unmerged, `C` modified or deleted in the working tree
       * (a second record of a path already listed); lowercase when assume-unchanged (`-v`).
       */
      tag: string;
      mode: string;
      blob: string;
      path: string;
      /**
       * The size git recorded when it last saw the working-tree file (the low 32 bits, as git keeps
       * it); undefined when the debug lines carry none (git documents their format as subject to change).
       */
      size: number | undefined;
    }
  | { tag: '?'; path: string };

const ENTRY = /^([A-Za-z]) ([0-7]{6}) ([0-9a-f]{40,64}) ([0-3])\t/;
const SPACE = 32;
const SIZE_LINE = '  size: ';

/**
 * The records of that listing, in order. Every record ends with NUL (a path may hold any other
 * byte, newlines included) and its debug lines follow it, each starting with a space; a record
 * starts with its tag, never a space. A record of another shape is skipped, and debug lines
 * without a size leave it undefined: the caller then stats that file itself.
 */
export function parseIndexListing(output: string): IndexRecord[] {
  const records: IndexRecord[] = [];
  let at = 0;
  while (at < output.length) {
    const nul = output.indexOf('\0', at);
    if (nul < 0) break; // a truncated last record: nothing to trust in it
    const record = output.slice(at, nul);
    at = nul + 1;
    let size: number | undefined;
    while (at < output.length && output.charCodeAt(at) === SPACE) {
      const newline = output.indexOf('\n', at);
      const end = newline < 0 ? output.length : newline;
      if (output.startsWith(SIZE_LINE, at)) size = digits(output.slice(at + SIZE_LINE.length, end));
      at = end + 1;
    }
    if (record.startsWith('? ') && record.length > 2) {
      records.push({ tag: '?', path: record.slice(2) });
      continue;
    }
    const match = ENTRY.exec(record);
    if (!match) continue;
    records.push({
      tag: match[1]!,
      mode: match[2]!,
      blob: match[3]!,
      path: record.slice(match[0].length),
      size,
    });
  }
  return records;
}

/** The whole number a `size:` line starts with (`71\tflags: 0`), or undefined. */
function digits(text: string): number | undefined {
  const match = /^\d+(?=\s|$)/.exec(text);
  const n = match ? Number(match[0]) : Number.NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}
