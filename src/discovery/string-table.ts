/**
 * A sorted, deduplicated set of strings kept as UTF-8 bytes and offsets, searched without turning
 * the whole table into JS strings: a warm discovery run looks up a few dozen issue terms and names
 * in tables of up to millions of entries (every term, every defined symbol of a 100k-file tree), and
 * materialising those as strings was most of its time and memory. Bytewise UTF-8 order is code point
 * order, so a table built here is found the same way everywhere.
 */
export interface StringTable {
  /** The entries' UTF-8 bytes, back to back, in ascending bytewise order. */
  bytes: Uint8Array;
  /** Entry i is `bytes[offsets[i]..offsets[i + 1]]`; length is entries + 1. */
  offsets: Uint32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Builds the table of `strings` (deduplicated); returns it and each entry's string in table order. */
export function buildStringTable(strings: Iterable<string>): { table: StringTable; sorted: string[] } {
  const encoded = [...new Set(strings)].map((s) => ({ s, bytes: encoder.encode(s) }));
  encoded.sort((a, b) => compareBytes(a.bytes, b.bytes));
  const offsets = new Uint32Array(encoded.length + 1);
  let total = 0;
  encoded.forEach((e, i) => {
    offsets[i] = total;
    total += e.bytes.length;
  });
  offsets[encoded.length] = total;
  const bytes = new Uint8Array(total);
  encoded.forEach((e, i) => {
    bytes.set(e.bytes, offsets[i]!);
  });
  return { table: { bytes, offsets }, sorted: encoded.map((e) => e.s) };
}

export function tableSize(table: StringTable): number {
  return table.offsets.length - 1;
}

/** The index of `value` in the table, or -1. */
export function findString(table: StringTable, value: string): number {
  const wanted = encoder.encode(value);
  let lo = 0;
  let hi = tableSize(table) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const order = compareBytes(table.bytes.subarray(table.offsets[mid]!, table.offsets[mid + 1]!), wanted);
    if (order === 0) return mid;
    if (order < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function stringAt(table: StringTable, index: number): string {
  return decoder.decode(table.bytes.subarray(table.offsets[index]!, table.offsets[index + 1]!));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
