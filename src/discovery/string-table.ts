/**
 * A set of distinct strings kept as UTF-8 bytes and offsets, with an open-addressing hash table of
 * their numbers, searched without turning the whole table into JS strings: a warm discovery run
 * looks up a few dozen issue terms and names in tables of up to millions of entries (every term,
 * every defined symbol of a 100k-file tree), and materialising those as strings was most of its time
 * and memory. Entries keep the order they were given (no sort: building the index of a 100k-file
 * tree spent seconds sorting), and a search decodes only the entries its probes land on.
 */
export interface StringTable {
  /** The entries' UTF-8 bytes, back to back, in the order given. */
  bytes: Uint8Array;
  /** Entry i is `bytes[offsets[i]..offsets[i + 1]]`; length is entries + 1. */
  offsets: Uint32Array;
  /** Hash slots (a power of two, at least twice the entries): entry number + 1, or 0 when empty. */
  slots: Uint32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Builds the table of `strings`, which must be distinct; entry i is `strings[i]`. */
export function buildStringTable(strings: readonly string[]): StringTable {
  const offsets = new Uint32Array(strings.length + 1);
  const joined = strings.join('');
  let bytes = encoder.encode(joined);
  if (bytes.length === joined.length) {
    // All ASCII (one byte per code unit), the usual case: offsets are string lengths.
    strings.forEach((s, i) => {
      offsets[i + 1] = offsets[i]! + s.length;
    });
  } else {
    const parts = strings.map((s) => encoder.encode(s));
    parts.forEach((p, i) => {
      offsets[i + 1] = offsets[i]! + p.length;
    });
    bytes = new Uint8Array(offsets[strings.length]!);
    parts.forEach((p, i) => {
      bytes.set(p, offsets[i]!);
    });
  }
  let size = 2;
  while (size < strings.length * 2) size *= 2;
  const slots = new Uint32Array(size);
  strings.forEach((s, i) => {
    let slot = hash(s) & (size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = i + 1;
  });
  return { bytes, offsets, slots };
}

export function tableSize(table: StringTable): number {
  return table.offsets.length - 1;
}

/** The number of `value` in the table, or -1. */
export function findString(table: StringTable, value: string): number {
  const { slots } = table;
  const mask = slots.length - 1;
  // At most one lap: a table read from a damaged file may have no empty slot left.
  for (let probe = 0, slot = hash(value) & mask; probe < slots.length; probe++, slot = (slot + 1) & mask) {
    if (slots[slot] === 0) return -1;
    const entry = slots[slot]! - 1;
    if (stringAt(table, entry) === value) return entry;
  }
  return -1;
}

export function stringAt(table: StringTable, index: number): string {
  return decoder.decode(table.bytes.subarray(table.offsets[index]!, table.offsets[index + 1]!));
}

/** FNV-1a over UTF-16 code units: the same on every platform, so a saved table is found again. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
