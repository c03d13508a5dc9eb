/**
 * One entry of `git ls-files -s -v -z --debug`: `<tag> <mode> <blob> <stage>\t<path>\0`, then the
 * entry's cached stat data as lines that start with spaces (`  size: 71\tflags: 0`, …).
 */
export interface IndexEntry {
  /** `H` tracked; `S` skip-worktree; `M` unmerged; lowercase when assume-unchanged (`-v`). */
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

const RECORD = /^([A-Za-z]) ([0-7]{6}) ([0-9a-f]{40,64}) ([0-3])\t/;
const SIZE = /^\s+size: (\d+)(?:\s|$)/m;

/**
 * The entries of `git ls-files -s -v -z --debug`, in order. Every record ends with NUL (a path
 * may hold any other byte, newlines included) and its debug lines follow it, each starting with a
 * space; a record starts with its tag letter, never a space. A record that does not have the
 * expected shape is skipped, and a debug block without a size leaves the size undefined: the
 * caller then stats that file itself, as it does when git's format is not what this expects.
 */
export function parseIndexListing(output: string): IndexEntry[] {
  const entries: IndexEntry[] = [];
  let at = 0;
  while (at < output.length) {
    const nul = output.indexOf('\0', at);
    if (nul < 0) break; // a truncated last record: nothing to trust in it
    const record = output.slice(at, nul);
    at = nul + 1;
    // The debug block: lines starting with a space, up to the next record (or the end).
    let end = at;
    while (end < output.length && output.charCodeAt(end) === 32) {
      const newline = output.indexOf('\n', end);
      end = newline < 0 ? output.length : newline + 1;
    }
    const debug = output.slice(at, end);
    at = end;
    const match = RECORD.exec(record);
    if (!match) continue;
    const size = SIZE.exec(debug);
    entries.push({
      tag: match[1]!,
      mode: match[2]!,
      blob: match[3]!,
      path: record.slice(match[0].length),
      size: size ? Number(size[1]) : undefined,
    });
  }
  return entries;
}
