import type { Adjacency, Postings } from './rank-index.js';
import { buildStringTable } from './string-table.js';

/**
 * Accumulates (key, document, value) with documents added in ascending order. Keys are interned to
 * numbers and pairs kept in growable typed arrays: at 100k files there are millions of pairs, and an
 * array per key was most of building the index (and of its garbage collection).
 */
export class PostingsBuilder {
  readonly #ids = new Map<string, number>();
  readonly #keys: string[] = [];
  #lastDoc = new Int32Array(1024);
  #lastAt = new Uint32Array(1024);
  #keyOf = new Uint32Array(4096);
  #docs = new Uint32Array(4096);
  #values = new Uint32Array(4096);
  #size = 0;

  /** A key seen again in the same document keeps one entry, its values OR-ed (flags). */
  add(key: string, doc: number, value: number): void {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#keys.push(key) - 1;
      this.#ids.set(key, id);
      if (id >= this.#lastDoc.length) {
        this.#lastDoc = grow(this.#lastDoc, id + 1);
        this.#lastAt = grow(this.#lastAt, id + 1);
      }
      this.#lastDoc[id] = -1;
    }
    if (this.#lastDoc[id] === doc) {
      const at = this.#lastAt[id]!;
      this.#values[at] = this.#values[at]! | value;
      return;
    }
    if (this.#size === this.#docs.length) {
      this.#keyOf = grow(this.#keyOf, this.#size + 1);
      this.#docs = grow(this.#docs, this.#size + 1);
      this.#values = grow(this.#values, this.#size + 1);
    }
    this.#keyOf[this.#size] = id;
    this.#docs[this.#size] = doc;
    this.#values[this.#size] = value;
    this.#lastDoc[id] = doc;
    this.#lastAt[id] = this.#size++;
  }

  build(): Postings {
    const keys = buildStringTable(this.#keys);
    // Counting sort by key number; pairs keep their order (ascending documents) within a key.
    const n = this.#keys.length;
    const start = new Uint32Array(n + 1);
    for (let i = 0; i < this.#size; i++) start[this.#keyOf[i]! + 1]!++;
    for (let i = 0; i < n; i++) start[i + 1] = start[i + 1]! + start[i]!;
    const next = start.slice(0, n);
    const docs = new Uint32Array(this.#size);
    const values = new Uint32Array(this.#size);
    let hasValues = false;
    for (let i = 0; i < this.#size; i++) {
      const at = next[this.#keyOf[i]!]!++;
      docs[at] = this.#docs[i]!;
      values[at] = this.#values[i]!;
      if (values[at]) hasValues = true;
    }
    return { keys, start, docs, values: hasValues ? values : new Uint32Array(0) };
  }
}

function grow<T extends Uint32Array | Int32Array>(array: T, atLeast: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}

export function csr(runs: readonly (readonly number[])[]): Adjacency {
  const start = new Uint32Array(runs.length + 1);
  let total = 0;
  runs.forEach((run, i) => {
    start[i] = total;
    total += run.length;
  });
  start[runs.length] = total;
  const targets = new Uint32Array(total);
  runs.forEach((run, i) => {
    targets.set(run, start[i]!);
  });
  return { start, targets };
}
