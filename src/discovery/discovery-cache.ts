import type { CacheStore } from '../ports/cache-port.js';
import type { FileAnalysis } from './analyse-file.js';
import { extensionOf } from './language.js';

/**
 * Bump when `FileAnalysis`, the analysers or this layout change, so old entries are never read (nor
 * a rank index built from them: it is part of the index's key).
 */
export const ANALYSIS_FORMAT = 'maestro-discovery-v3';
const FORMAT = ANALYSIS_FORMAT;
const STORE_KEY = 'analyses-v2';
/** Above this many entries, a save keeps only what the current run used. */
const MAX_ENTRIES = 250_000;
const MAGIC = 0x4d444332; // "MDC2"

/** One cached analysis; term counts stay packed and are read only for the terms a query asks about. */
export type CachedAnalysis = Omit<FileAnalysis, 'tf'> & {
  /** Counts of `terms` in the file (terms it does not contain are absent). */
  termCounts(terms: readonly string[]): Record<string, number>;
  /** Calls `each` for every term of the file with its count (to build a rank index). */
  eachTerm(each: (term: string, count: number) => void): void;
};

/** [key, every field of the analysis but its term counts] — the JSON part of an entry. */
type EntryMeta = [string, Omit<FileAnalysis, 'tf'>];

/** Term ids (ascending) and their counts, each a view into the loaded file or a fresh array. */
interface Packed {
  ids: Uint32Array;
  counts: Uint32Array;
}

type Entries = Map<string, { meta: EntryMeta; tf: Packed }>;

/**
 * Per-blob analyses, persisted as one compact binary document: a JSON header (format, the term
 * dictionary, each entry's numbers, symbols and imports) followed by each entry's term counts as
 * sorted (term id, count) arrays. A warm run reads the file and parses the header, and looks term
 * counts up only for the terms, instead of building every file's term table as objects
 * (which cost most of a warm run and most of its memory). Blob ids are content hashes, so one cache
 * serves every repository and checkout; the extension is part of the key because symbol and import
 * rules depend on the language.
 */
export class DiscoveryCache {
  readonly #store: CacheStore;
  readonly #terms: string[];
  #termIds: Map<string, number> | undefined;
  /** Ids of query terms found by scanning the dictionary while no map is built. */
  readonly #queryIds = new Map<string, number | undefined>();
  readonly #entries: Map<string, { meta: EntryMeta; tf: Packed }>;
  readonly #used = new Set<string>();
  #dirty = false;
  hits = 0;
  misses = 0;

  private constructor(store: CacheStore, terms: string[], entries: Entries) {
    this.#store = store;
    this.#terms = terms;
    this.#entries = entries;
  }

  /** Loads the persisted document; a missing, corrupt or old-format one starts an empty cache. */
  static async open(store: CacheStore): Promise<DiscoveryCache> {
    const raw = await store.load(STORE_KEY);
    if (raw) {
      try {
        const decoded = decode(raw);
        if (decoded) return new DiscoveryCache(store, decoded.terms, decoded.entries);
      } catch {
        // A corrupt cache only costs a cold run.
      }
    }
    return new DiscoveryCache(store, [], new Map());
  }

  static key(blob: string, path: string): string {
    return `${blob}.${extensionOf(path)}`;
  }

  get(blob: string, path: string): CachedAnalysis | undefined {
    const key = DiscoveryCache.key(blob, path);
    const hit = this.#entries.get(key);
    if (!hit) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.#used.add(key);
    return this.#view(hit.meta, hit.tf);
  }

  set(blob: string, path: string, analysis: FileAnalysis): CachedAnalysis {
    const key = DiscoveryCache.key(blob, path);
    const tf = this.#pack(analysis.tf);
    const { tf: _counts, ...fields } = analysis;
    const meta: EntryMeta = [key, fields];
    this.#entries.set(key, { meta, tf });
    this.#used.add(key);
    this.#dirty = true;
    return this.#view(meta, tf);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Persists when anything changed. */
  async save(): Promise<void> {
    if (!this.#dirty) return;
    let entries = [...this.#entries.values()];
    if (entries.length > MAX_ENTRIES) entries = entries.filter((e) => this.#used.has(e.meta[0]));
    await this.#store.save(STORE_KEY, encode(this.#terms, entries));
    this.#dirty = false;
  }

  /**
   * Term counts as term ids (ascending) and counts. Sorted as numbers in a Float64Array (id × 2²¹ +
   * position, exact below 2⁵³) rather than as [id, count] pairs with a comparator: a cold run packs
   * every file's terms, and the pairs and the comparator were most of storing an analysis.
   */
  #pack(termCounts: ReadonlyMap<string, number>): Packed {
    const ids = this.#dictionary();
    const n = termCounts.size;
    const termIds = new Uint32Array(n);
    const counts = new Uint32Array(n);
    let k = 0;
    let sorted = true;
    for (const [term, count] of termCounts) {
      let id = ids.get(term);
      if (id === undefined) {
        id = this.#terms.push(term) - 1;
        ids.set(term, id);
      }
      if (k > 0 && id < termIds[k - 1]!) sorted = false;
      termIds[k] = id;
      counts[k++] = count;
    }
    if (sorted) return { ids: termIds, counts };
    if (n >= POSITIONS) return sortPairs(termIds, counts);
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = termIds[i]! * POSITIONS + i;
    keys.sort();
    const out = { ids: new Uint32Array(n), counts: new Uint32Array(n) };
    for (let i = 0; i < n; i++) {
      const at = keys[i]! % POSITIONS;
      out.ids[i] = termIds[at]!;
      out.counts[i] = counts[at]!;
    }
    return out;
  }

  /** Term → id, built only when a new analysis is added (a warm run never needs it). */
  #dictionary(): Map<string, number> {
    this.#termIds ??= new Map(this.#terms.map((t, i) => [t, i]));
    return this.#termIds;
  }

  #view(meta: EntryMeta, tf: Packed): CachedAnalysis {
    const termCounts = (wanted: readonly string[]) => {
      const out: Record<string, number> = {};
      for (const term of wanted) {
        const id = this.#idOf(term);
        if (id === undefined) continue;
        const count = lookup(tf, id);
        if (count > 0) out[term] = count;
      }
      return out;
    };
    const eachTerm = (each: (term: string, count: number) => void) => {
      for (let i = 0; i < tf.ids.length; i++) each(this.#terms[tf.ids[i]!]!, tf.counts[i]!);
    };
    return { ...meta[1], termCounts, eachTerm };
  }

  #idOf(term: string): number | undefined {
    if (this.#termIds) return this.#termIds.get(term);
    if (!this.#queryIds.has(term)) {
      const id = this.#terms.indexOf(term);
      this.#queryIds.set(term, id < 0 ? undefined : id);
    }
    return this.#queryIds.get(term);
  }
}

/** Positions a packed sort key can hold (2²¹): term ids stay below 2³², so keys stay below 2⁵³. */
const POSITIONS = 2 ** 21;

/** The general case of `#pack`'s sort, for a file of more than 2²¹ distinct terms. */
function sortPairs(ids: Uint32Array, counts: Uint32Array): Packed {
  const order = Array.from(ids.keys()).sort((a, b) => ids[a]! - ids[b]!);
  return { ids: Uint32Array.from(order, (i) => ids[i]!), counts: Uint32Array.from(order, (i) => counts[i]!) };
}

/** Binary search of a term id in one entry's sorted ids; 0 when absent. */
function lookup(tf: Packed, id: number): number {
  let lo = 0;
  let hi = tf.ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = tf.ids[mid]!;
    if (at === id) return tf.counts[mid]!;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/**
 * Layout: u32 magic, u32 header length, the UTF-8 JSON header `{ format, terms, entries }` padded
 * to 4 bytes, then per entry `n`, n term ids and n counts (u32, little-endian).
 */
function encode(terms: readonly string[], entries: readonly { meta: EntryMeta; tf: Packed }[]): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({ format: FORMAT, terms: terms.join('\n'), entries: entries.map((e) => e.meta) }),
  );
  const headerWords = Math.ceil(header.length / 4);
  const tfWords = entries.reduce((n, e) => n + 1 + 2 * e.tf.ids.length, 0);
  const words = new Uint32Array(2 + headerWords + tfWords);
  words[0] = MAGIC;
  words[1] = header.length;
  new Uint8Array(words.buffer).set(header, 8);
  let at = 2 + headerWords;
  for (const { tf } of entries) {
    words[at++] = tf.ids.length;
    words.set(tf.ids, at);
    words.set(tf.counts, at + tf.ids.length);
    at += 2 * tf.ids.length;
  }
  return new Uint8Array(words.buffer);
}

function decode(raw: Uint8Array): { terms: string[]; entries: Entries } | undefined {
  if (raw.byteLength < 8 || raw.byteLength % 4 !== 0) return undefined;
  // Uint32Array views need 4-byte alignment: a file read whole (its own buffer) already has it, so
  // it is used in place (a copy was a second cache-sized buffer at peak); a pooled slice is copied.
  const words =
    raw.byteOffset % 4 === 0
      ? new Uint32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4)
      : new Uint32Array(raw.byteLength / 4);
  if (words.buffer !== raw.buffer) new Uint8Array(words.buffer).set(raw);
  if (words[0] !== MAGIC) return undefined;
  const headerLength = words[1]!;
  const doc = JSON.parse(
    new TextDecoder().decode(new Uint8Array(words.buffer, words.byteOffset + 8, headerLength)),
  ) as {
    format?: string;
    terms?: string;
    entries?: EntryMeta[];
  };
  if (doc.format !== FORMAT || typeof doc.terms !== 'string' || !Array.isArray(doc.entries)) return undefined;
  const entries: Entries = new Map();
  let at = 2 + Math.ceil(headerLength / 4);
  for (const meta of doc.entries) {
    const n = words[at]!;
    if (at + 1 + 2 * n > words.length) return undefined;
    const tf = {
      ids: words.subarray(at + 1, at + 1 + n),
      counts: words.subarray(at + 1 + n, at + 1 + 2 * n),
    };
    entries.set(meta[0], { meta, tf });
    at += 1 + 2 * n;
  }
  return { terms: doc.terms ? doc.terms.split('\n') : [], entries };
}
