/**
 * A sorted, deduplicated set of strings kept as UTF-8 bytes and offsets, searched without turning
 * the whole table into JS strings: a warm discovery run looks up a few dozen issue terms and names
 * in tables of up to millions of entries (every term, every defined symbol of a 100k-file tree), and
 * materialising those as strings was most of its time and memory. Entries are in JS string order
 * (UTF-16 code units, what `<` and the default sort use): building sorts natively, and a search
 * decodes only the ~20 entries it probes.
 */
export interface StringTable {
  /** The entries' UTF-8 bytes, back to back, in ascending string order. */
  bytes: Uint8Array;
  /** Entry i is `bytes[offsets[i]..offsets[i + 1]]`; length is entries + 1. */
  offsets: Uint32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Builds the table of `strings` (deduplicated); returns it and each entry's string in table order. */
export function buildStringTable(strings: Iterable<string>): { table: StringTable; sorted: string[] } {
  const sorted = [...new Set(strings)].sort();
  const offsets = new Uint32Array(sorted.length + 1);
  const joined = sorted.join('');
  let bytes = encoder.encode(joined);
  if (bytes.length === joined.length) {
    // All ASCII (one byte per code unit), the usual case: offsets are string lengths.
    sorted.forEach((s, i) => {
      offsets[i + 1] = offsets[i]! + s.length;
    });
  } else {
    const parts = sorted.map((s) => encoder.encode(s));
    parts.forEach((p, i) => {
      offsets[i + 1] = offsets[i]! + p.length;
    });
    bytes = new Uint8Array(offsets[sorted.length]!);
    parts.forEach((p, i) => {
      bytes.set(p, offsets[i]!);
    });
  }
  return { table: { bytes, offsets }, sorted };
}

export function tableSize(table: StringTable): number {
  return table.offsets.length - 1;
}

/** The index of `value` in the table, or -1. */
export function findString(table: StringTable, value: string): number {
  let lo = 0;
  let hi = tableSize(table) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = stringAt(table, mid);
    if (at === value) return mid;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function stringAt(table: StringTable, index: number): string {
  return decoder.decode(table.bytes.subarray(table.offsets[index]!, table.offsets[index + 1]!));
}
