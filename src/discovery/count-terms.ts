import { identifierTerms } from './tokenize.js';

/**
 * `termFrequencies(tokenize(text))` and its length, without the per-occurrence garbage that was most
 * of a cold discovery: identifiers are scanned by character code and hashed as they are read, looked
 * up in a table of every identifier this process has seen (no substring, no Map lookup by a fresh
 * string, no match array), counted per identifier, and only then each distinct identifier's terms
 * (split once per process) are added with that count. Terms are inserted in the order `tokenize`
 * first yields them (identifiers in order of first occurrence, each one's terms in order), so the
 * result is the same Map, key order included: the cache's term dictionary is built in that order.
 */
export function countTerms(text: string): { tf: Map<string, number>; length: number } {
  if (seen.size >= MEMO_LIMIT) seen = new IdentifierTable();
  return seen.count(text);
}

/**
 * Distinct identifiers kept per process (a repository repeats a small vocabulary; 35k in sympy's
 * shape); past this the table starts again, so a huge tree's memory stays bounded.
 */
const MEMO_LIMIT = 200_000;

/** 1 for `[A-Za-z_]` (may start an identifier), 2 for `[0-9]` (may continue one), by char code < 128. */
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) CLASS[c] = 1;
  else if (/[0-9]/.test(ch)) CLASS[c] = 2;
}

/**
 * Identifiers by number: an open-addressing hash table (FNV-1a over UTF-16 code units, linear
 * probing) whose probes compare the candidate against the text in place (`startsWith` at the
 * offset), so an identifier already seen costs no allocation at all.
 */
class IdentifierTable {
  #slots = new Int32Array(1 << 16);
  #hashes = new Int32Array(1 << 15);
  /** Per identifier: occurrences in the text being scanned (reset by `takeCount`). */
  #counts = new Int32Array(1 << 15);
  readonly #names: string[] = [];
  readonly #terms: (Int32Array | undefined)[] = [];
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

  /** Counts every identifier of `text`; returns their numbers in order of first occurrence. */
  scan(text: string): Int32Array {
    let distinct = 0;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const first = text.charCodeAt(i);
      if (first >= 128 || CLASS[first] !== 1) {
        i++;
        continue;
      }
      const start = i;
      let h = Math.imul(0x811c9dc5 ^ first, 0x01000193);
      for (i++; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c >= 128 || CLASS[c] === 0) break;
        h = Math.imul(h ^ c, 0x01000193);
      }
      const id = this.#find(text, start, i, h);
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
   * Term counts of `text`: identifiers counted by `scan`, then each one's terms (numbered) added with
   * its count into per-term counters, so the Map is built with one `set` per distinct term.
   */
  count(text: string): { tf: Map<string, number>; length: number } {
    const order = this.scan(text);
    let distinct = 0;
    let length = 0;
    for (let k = 0; k < order.length; k++) {
      const id = order[k]!;
      const n = this.#counts[id]!;
      this.#counts[id] = 0;
      const terms = this.#termsOf(id);
      for (let t = 0; t < terms.length; t++) {
        const term = terms[t]!;
        if (this.#termCounts[term] === 0) {
          if (distinct === this.#termOrder.length) this.#termOrder = grow(this.#termOrder, distinct + 1);
          this.#termOrder[distinct++] = term;
        }
        this.#termCounts[term]! += n;
      }
      length += terms.length * n;
    }
    const tf = new Map<string, number>();
    for (let k = 0; k < distinct; k++) {
      const term = this.#termOrder[k]!;
      tf.set(this.#termNames[term]!, this.#termCounts[term]!);
      this.#termCounts[term] = 0;
    }
    return { tf, length };
  }

  /** The identifier's terms as term numbers, split on first use. */
  #termsOf(id: number): Int32Array {
    let terms = this.#terms[id];
    if (!terms) {
      const names = identifierTerms(this.#names[id]!);
      terms = new Int32Array(names.length);
      for (let t = 0; t < names.length; t++) terms[t] = this.#termNumber(names[t]!);
      this.#terms[id] = terms;
    }
    return terms;
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

  #find(text: string, start: number, end: number, hash: number): number {
    const mask = this.#slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.#slots[slot]!;
      if (entry === 0) return this.#insert(text.slice(start, end), hash, slot);
      const id = entry - 1;
      const name = this.#names[id]!;
      if (this.#hashes[id] === hash && name.length === length && text.startsWith(name, start)) return id;
    }
  }

  #insert(name: string, hash: number, slot: number): number {
    const id = this.#names.push(name) - 1;
    this.#terms.push(undefined);
    if (id === this.#hashes.length) {
      this.#hashes = grow(this.#hashes, id + 1);
      this.#counts = grow(this.#counts, id + 1);
    }
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

let seen = new IdentifierTable();

function grow(array: Int32Array<ArrayBuffer>, atLeast: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}
