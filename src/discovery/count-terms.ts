import { identifierTerms } from './tokenize.js';

/**
 * `termFrequencies(tokenize(text))` and its length, where `text` is `content` decoded as UTF-8,
 * without the per-occurrence garbage that was most of a cold discovery: identifiers are scanned in
 * the bytes and hashed as they are read, looked up in a table of every identifier this process has
 * seen (no substring, no Map lookup by a fresh string, no match array), counted per identifier, and
 * only then each distinct identifier's terms (split once per process) are added with that count.
 * Bytes, not the decoded string: identifiers are ASCII, every byte of a multi-byte or invalid UTF-8
 * sequence is 0x80 or above (never part of one, as the U+FFFD or character it decodes to is not),
 * and indexing a byte array was half the time of `charCodeAt` on a cold run. Terms are inserted in
 * the order `tokenize` first yields them (identifiers in order of first occurrence, each one's terms
 * in order), so the result is the same Map, key order included: the cache's term dictionary is
 * built in that order.
 */
export function countTerms(content: Uint8Array): { tf: Map<string, number>; length: number } {
  if (seen.size >= MEMO_LIMIT) seen = new IdentifierTable();
  return seen.count(content);
}

/**
 * Distinct identifiers kept per process (a repository repeats a small vocabulary; 35k in sympy's
 * shape); past this the table starts again, so a huge tree's memory stays bounded.
 */
const MEMO_LIMIT = 200_000;

/** 1 for `[A-Za-z_]` (may start an identifier), 2 for `[0-9]` (may continue one), 0 else; by byte. */
const CLASS = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) CLASS[c] = 1;
  else if (/[0-9]/.test(ch)) CLASS[c] = 2;
}

/**
 * Identifiers by number: an open-addressing hash table (FNV-1a over the bytes, linear probing) whose
 * probes compare the candidate's bytes with a copy of each identifier's bytes, so an identifier
 * already seen costs no allocation at all.
 */
class IdentifierTable {
  #slots = new Int32Array(1 << 16);
  #hashes = new Int32Array(1 << 15);
  /** Per identifier: occurrences in the text being scanned (reset by `takeCount`). */
  #counts = new Int32Array(1 << 15);
  readonly #names: string[] = [];
  /** Identifier i's bytes are `#bytes[#starts[i]..#starts[i + 1]]`. */
  #bytes = new Uint8Array(1 << 18);
  #starts = new Int32Array(1 << 15);
  /**
   * Identifier i's terms (as term numbers) are `#termPool[#termStart[i]..#termEnd[i]]`, split on
   * first use (`#termStart[i]` is -1 until then): one pool, not a small array per identifier.
   */
  #termStart = new Int32Array(1 << 15);
  #termEnd = new Int32Array(1 << 15);
  #termPool = new Int32Array(1 << 16);
  #termPoolSize = 0;
  /** Terms by number (each identifier's terms are kept as these numbers) and their counters. */
  readonly #termIds = new Map<string, number>();
  readonly #termNames: string[] = [];
  #termCounts = new Int32Array(1 << 15);
  #termOrder = new Int32Array(1024);
  /** Identifiers of the text being scanned, in order of first occurrence (reused between texts). */
  #order = new Int32Array(1024);

  get size(): number {
    return this.#names.length;
  }

  /** Counts every identifier of `content`; returns their numbers in order of first occurrence. */
  scan(content: Uint8Array): Int32Array {
    let distinct = 0;
    const n = content.length;
    let i = 0;
    while (i < n) {
      const first = content[i]!;
      if (CLASS[first] !== 1) {
        i++;
        continue;
      }
      const start = i;
      let h = Math.imul(0x811c9dc5 ^ first, 0x01000193);
      for (i++; i < n; i++) {
        const c = content[i]!;
        if (CLASS[c] === 0) break;
        h = Math.imul(h ^ c, 0x01000193);
      }
      const id = this.#find(content, start, i, h);
      const seenBefore = this.#counts[id]!;
      this.#counts[id] = seenBefore + 1;
      if (seenBefore === 0) {
        if (distinct === this.#order.length) this.#order = grow(this.#order, distinct + 1);
        this.#order[distinct++] = id;
      }
    }
    return this.#order.subarray(0, distinct);
  }

  /**
   * Term counts of `content`: identifiers counted by `scan`, then each one's terms (numbered) added
   * with its count into per-term counters, so the Map is built with one `set` per distinct term.
   */
  count(content: Uint8Array): { tf: Map<string, number>; length: number } {
    const order = this.scan(content);
    let distinct = 0;
    let length = 0;
    for (let k = 0; k < order.length; k++) {
      const id = order[k]!;
      const n = this.#counts[id]!;
      this.#counts[id] = 0;
      if (this.#termStart[id] === -1) this.#split(id);
      const from = this.#termStart[id]!;
      const to = this.#termEnd[id]!;
      for (let t = from; t < to; t++) {
        const term = this.#termPool[t]!;
        if (this.#termCounts[term] === 0) {
          if (distinct === this.#termOrder.length) this.#termOrder = grow(this.#termOrder, distinct + 1);
          this.#termOrder[distinct++] = term;
        }
        this.#termCounts[term]! += n;
      }
      length += (to - from) * n;
    }
    const tf = new Map<string, number>();
    for (let k = 0; k < distinct; k++) {
      const term = this.#termOrder[k]!;
      tf.set(this.#termNames[term]!, this.#termCounts[term]!);
      this.#termCounts[term] = 0;
    }
    return { tf, length };
  }

  /** Splits identifier `id` into its terms and keeps them, as term numbers, in the pool. */
  #split(id: number): void {
    const names = identifierTerms(this.#names[id]!);
    if (this.#termPoolSize + names.length > this.#termPool.length)
      this.#termPool = grow(this.#termPool, this.#termPoolSize + names.length);
    const from = this.#termPoolSize;
    for (let t = 0; t < names.length; t++) this.#termPool[from + t] = this.#termNumber(names[t]!);
    this.#termPoolSize += names.length;
    this.#termStart[id] = from;
    this.#termEnd[id] = this.#termPoolSize;
  }

  #termNumber(name: string): number {
    let term = this.#termIds.get(name);
    if (term === undefined) {
      term = this.#termNames.push(name) - 1;
      this.#termIds.set(name, term);
      if (term === this.#termCounts.length) this.#termCounts = grow(this.#termCounts, term + 1);
    }
    return term;
  }

  #find(content: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.#slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.#slots[slot]!;
      if (entry === 0) return this.#insert(content, start, end, hash, slot);
      const id = entry - 1;
      if (this.#hashes[id] !== hash) continue;
      const at = this.#starts[id]!;
      if (this.#starts[id + 1]! - at !== length) continue;
      let k = 0;
      while (k < length && this.#bytes[at + k] === content[start + k]) k++;
      if (k === length) return id;
    }
  }

  #insert(content: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const id = this.#names.push(asciiString(content, start, end)) - 1;
    if (id + 1 >= this.#starts.length) {
      this.#hashes = grow(this.#hashes, id + 2);
      this.#counts = grow(this.#counts, id + 2);
      this.#starts = grow(this.#starts, id + 2);
      this.#termStart = grow(this.#termStart, id + 2);
      this.#termEnd = grow(this.#termEnd, id + 2);
    }
    this.#termStart[id] = -1;
    const at = this.#starts[id]!;
    if (at + end - start > this.#bytes.length) {
      const bigger = new Uint8Array(Math.max(at + end - start, this.#bytes.length * 2));
      bigger.set(this.#bytes);
      this.#bytes = bigger;
    }
    this.#bytes.set(content.subarray(start, end), at);
    this.#starts[id + 1] = at + end - start;
    this.#hashes[id] = hash;
    this.#slots[slot] = id + 1;
    // At most half full, so probes stay short and always reach an empty slot.
    if (this.#names.length * 2 > this.#slots.length) this.#rehash();
    return id;
  }

  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.#names.length; id++) {
      let slot = this.#hashes[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.#slots = slots;
  }
}

/**
 * An identifier's ASCII bytes as a string (a byte is one character). `String.fromCharCode` over the
 * bytes: a `TextDecoder` call cost more than the identifier's whole first scan.
 */
function asciiString(content: Uint8Array, start: number, end: number): string {
  const bytes = content.subarray(start, end);
  // `apply` passes every byte as an argument: a very long identifier goes through the decoder.
  if (bytes.length > 1024) return LATIN1.decode(bytes);
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

const LATIN1 = new TextDecoder('latin1');

let seen = new IdentifierTable();

function grow(array: Int32Array<ArrayBuffer>, atLeast: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}
