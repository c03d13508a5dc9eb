/**
 * One record of `git ls-files -z -s -v --debug` (with `--modified --others`, git adds `C` records
 * of modified paths and `? <path>` ones of untracked files to the same output): an index entry
 * `<tag> <mode> <blob> <stage>\t<path>\0` followed by its cached stat data as lines that start
 * with spaces (`  size: 71\tflags: 0`, …), or an untracked file `? <path>\0`.
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

const SPACE = 32;
const SIZE_LINE = '  size: ';

/**
 * The records of that listing, in order. Every record ends with NUL (a path may hold any other
 * byte, newlines included) and its debug lines follow it, each starting with a space; a record
 * starts with its tag, never a space. A record of another shape is skipped, and debug lines
 * without a size leave it undefined: the caller then stats that file itself. Read by offsets
 * rather than a regular expression per record and line (100k records at scale).
 */
export function parseIndexListing(output: string): IndexRecord[] {
  const records: IndexRecord[] = [];
  let at = 0;
  while (at < output.length) {
    const nul = output.indexOf('\0', at);
    if (nul < 0) break; // a truncated last record: nothing to trust in it
    const start = at;
    at = nul + 1;
    let size: number | undefined;
    while (at < output.length && output.charCodeAt(at) === SPACE) {
      const newline = output.indexOf('\n', at);
      const end = newline < 0 ? output.length : newline;
      if (output.startsWith(SIZE_LINE, at)) size = leadingNumber(output, at + SIZE_LINE.length, end);
      at = end + 1;
    }
    const record = entryAt(output, start, nul, size);
    if (record) records.push(record);
  }
  return records;
}

/** `? <path>` or `<tag> <mode> <blob> <stage>\t<path>` between `start` and `end`; undefined otherwise. */
function entryAt(
  text: string,
  start: number,
  end: number,
  size: number | undefined,
): IndexRecord | undefined {
  if (end - start < 3 || text.charCodeAt(start + 1) !== SPACE) return undefined;
  const tag = text[start]!;
  if (tag === '?') return { tag, path: text.slice(start + 2, end) };
  if (!/[A-Za-z]/.test(tag)) return undefined;
  const mode = text.slice(start + 2, start + 8);
  const blobEnd = text.indexOf(' ', start + 9);
  if (blobEnd < 0 || blobEnd + 3 > end || text.charCodeAt(start + 8) !== SPACE) return undefined;
  const blob = text.slice(start + 9, blobEnd);
  const stage = text.charCodeAt(blobEnd + 1);
  if (stage < 48 || stage > 51 || text[blobEnd + 2] !== '\t') return undefined; // '0'..'3', a tab
  if (!isOctal(mode) || !isHexId(blob)) return undefined;
  return { tag, mode, blob, path: text.slice(blobEnd + 3, end), size };
}

function isOctal(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 48 || s.charCodeAt(i) > 55) return false;
  return s.length === 6;
}

/** A SHA-1 or SHA-256 object id in lowercase hex. */
function isHexId(s: string): boolean {
  if (s.length !== 40 && s.length !== 64) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** The whole number at `from` (up to a space, a tab or `end`), or undefined when there is none. */
function leadingNumber(text: string, from: number, end: number): number | undefined {
  let n = 0;
  let at = from;
  for (; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  const bounded = at === end || text.charCodeAt(at) === SPACE || text.charCodeAt(at) === 9;
  return at > from && bounded && Number.isSafeInteger(n) ? n : undefined;
}
