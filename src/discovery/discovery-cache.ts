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

/**
 * One entry: where its term counts are — `n`, n term ids (ascending), n counts, at word `at` of the
 * loaded document (`words`) or, for an entry added in this run, of the arena — and its fields: as
 * parsed from the loaded document (`meta`), or for an entry added in this run, as the JSON text it
 * is saved as, in the meta arena from byte `from` to `to` (at 100k files, an object, an array and
 * strings per entry held until saving were ~60 MB, their JSON text half of that).
 */
export type CacheEntry =
  | { readonly words: Uint32Array; readonly at: number; readonly meta: EntryMeta }
  | { readonly words: undefined; readonly at: number; readonly from: number; readonly to: number };

type Entries = Map<string, CacheEntry>;

/**
 * Per-blob analyses, persisted as one compact binary document: a JSON header (format, the term
 * dictionary, each entry's numbers, symbols and imports) followed by each entry's term counts as
 * sorted (term id, count) arrays. A warm run reads the file and parses the header, and looks term
 * counts up only for the terms, instead of building every file's term table as objects
 * (which cost most of a warm run and most of its memory). Blob ids are content hashes, so one cache
 * serves every repository and checkout; the extension is part of the key because symbol and import
 * rules depend on the language. Term counts added in a run go into one growable arena laid out as
 * the document is (a typed array per entry cost ~300 bytes each at 100k files), and are written
 * from it in place.
 */
export class DiscoveryCache {
  readonly #store: CacheStore;
  readonly #terms: string[];
  #termIds: Map<string, number> | undefined;
  /** Ids of query terms found by scanning the dictionary while no map is built. */
  readonly #queryIds = new Map<string, number | undefined>();
  readonly #entries: Entries;
  readonly #used = new Set<string>();
  readonly #arenaBuffer = arenaBuffer();
  readonly #arena = new Uint32Array(this.#arenaBuffer);
  #arenaSize = 0;
  /** Entries added in this run: `,` and the JSON of each one's `EntryMeta`, back to back. */
  readonly #metasBuffer = arenaBuffer();
  readonly #metas = new Uint8Array(this.#metasBuffer);
  #metasSize = 0;
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

  /** Whether the cache holds this blob's analysis (not counted as a hit or a miss). */
  has(blob: string, path: string): boolean {
    return this.#entries.has(DiscoveryCache.key(blob, path));
  }

  get(blob: string, path: string): CachedAnalysis | undefined {
    const hit = this.entry(blob, path);
    return hit && this.#view(hit, this.fields(hit));
  }

  set(blob: string, path: string, analysis: FileAnalysis): CachedAnalysis {
    const { tf: _counts, ...fields } = analysis;
    return this.#view(this.store(blob, path, analysis), fields);
  }

  /** `get` without the view: its fields read with `fields`, its terms with `eachTermId`. */
  entry(blob: string, path: string): CacheEntry | undefined {
    const key = DiscoveryCache.key(blob, path);
    const hit = this.#entries.get(key);
    if (!hit) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.#used.add(key);
    return hit;
  }

  /** `set` without the view (the caller has the analysis). */
  store(blob: string, path: string, analysis: FileAnalysis): CacheEntry {
    const key = DiscoveryCache.key(blob, path);
    const at = this.#pack(analysis.tf);
    const { tf: _counts, ...fields } = analysis;
    const from = this.#metasSize;
    this.#appendMeta(`,${JSON.stringify([key, fields] satisfies EntryMeta)}`);
    const entry: CacheEntry = { words: undefined, at, from, to: this.#metasSize };
    this.#entries.set(key, entry);
    this.#used.add(key);
    this.#dirty = true;
    return entry;
  }

  /** The entry's fields (all of its analysis but the term counts). */
  fields(entry: CacheEntry): Omit<FileAnalysis, 'tf'> {
    if (entry.words) return entry.meta[1];
    const json = new TextDecoder().decode(this.#metas.subarray(entry.from + 1, entry.to));
    return (JSON.parse(json) as EntryMeta)[1];
  }

  /** Adding is over (the index is built next): the term → id map, ~15 MB at 100k files, can go. */
  doneAdding(): void {
    this.#termIds = undefined;
  }

  /**
   * The run is done with the cache (saved, index built): the arenas' memory goes back at once, not
   * at the next full collection (~70 MB at 100k files, and the rank index is built and ranking and
   * packing run next). The cache is empty afterwards.
   */
  close(): void {
    this.#entries.clear();
    this.#used.clear();
    this.#arenaSize = this.#metasSize = 0;
    this.#arenaBuffer.resize(0);
    this.#metasBuffer.resize(0);
  }

  /** The entry's terms as dictionary ids (ascending) with their counts; `term` names an id. */
  eachTermId(entry: CacheEntry, each: (id: number, count: number) => void): void {
    const words = entry.words ?? this.#arena;
    const n = words[entry.at]!;
    const ids = entry.at + 1;
    for (let i = 0; i < n; i++) each(words[ids + i]!, words[ids + n + i]!);
  }

  term(id: number): string {
    return this.#terms[id]!;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Persists when anything changed; the document is written in parts, never copied whole. */
  async save(): Promise<void> {
    if (!this.#dirty) return;
    let entries = [...this.#entries];
    if (entries.length > MAX_ENTRIES) entries = entries.filter(([key]) => this.#used.has(key));
    const arenas = { words: this.#arena, metas: this.#metas };
    await this.#store.save(
      STORE_KEY,
      encode(
        this.#terms,
        entries.map(([, e]) => e),
        arenas,
      ),
    );
    this.#dirty = false;
  }

  /**
   * Appends term counts to the arena as term ids (ascending) and counts; returns where. Sorted as
   * numbers in a Float64Array (id × 2²¹ + position, exact below 2⁵³) rather than as [id, count]
   * pairs with a comparator: a cold run packs every file's terms, and the pairs and the comparator
   * were most of storing an analysis.
   */
  #pack(termCounts: ReadonlyMap<string, number>): number {
    const ids = this.#dictionary();
    const n = termCounts.size;
    const at = this.#reserve(1 + 2 * n);
    const arena = this.#arena;
    arena[at] = n;
    const termIds = arena.subarray(at + 1, at + 1 + n);
    const counts = arena.subarray(at + 1 + n, at + 1 + 2 * n);
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
    if (!sorted) sortPairs(termIds, counts);
    return at;
  }

  /** Appends `text` (UTF-8) to the meta arena. */
  #appendMeta(text: string): void {
    const most = text.length * 3; // UTF-8 bytes of a UTF-16 code unit
    growTo(this.#metasBuffer, this.#metasSize + most);
    this.#metasSize += encoder.encodeInto(text, this.#metas.subarray(this.#metasSize)).written;
  }

  /** Room for `words` more words at the arena's end; returns where they start. */
  #reserve(words: number): number {
    const at = this.#arenaSize;
    growTo(this.#arenaBuffer, (at + words) * 4);
    this.#arenaSize = at + words;
    return at;
  }

  /** Term → id, built only when a new analysis is added (a warm run never needs it). */
  #dictionary(): Map<string, number> {
    this.#termIds ??= new Map(this.#terms.map((t, i) => [t, i]));
    return this.#termIds;
  }

  #view(entry: CacheEntry, fields: Omit<FileAnalysis, 'tf'>): CachedAnalysis {
    const termCounts = (wanted: readonly string[]) => {
      const out: Record<string, number> = {};
      for (const term of wanted) {
        const id = this.#idOf(term);
        if (id === undefined) continue;
        const count = lookup(entry.words ?? this.#arena, entry.at, id);
        if (count > 0) out[term] = count;
      }
      return out;
    };
    const eachTerm = (each: (term: string, count: number) => void) =>
      this.eachTermId(entry, (id, count) => each(this.#terms[id]!, count));
    return { ...fields, termCounts, eachTerm };
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

/**
 * A run's new entries go into resizable buffers: they grow in place (no copy, no spare half as a
 * doubling array has) up to this many bytes of reserved address space, committed as they grow, and
 * `close` hands their memory back without waiting for the garbage collector.
 */
const ARENA_MAX = 2 ** 32;
/** Arenas grow by at least this many bytes at a time. */
const ARENA_STEP = 1 << 20;

/** ES2024's resizable ArrayBuffer (Node 20 has it; the project's ES2023 lib does not declare it). */
interface ResizableBuffer extends ArrayBuffer {
  readonly maxByteLength: number;
  resize(bytes: number): void;
}

function arenaBuffer(): ResizableBuffer {
  const Resizable = ArrayBuffer as unknown as new (
    bytes: number,
    options: { maxByteLength: number },
  ) => ResizableBuffer;
  return new Resizable(0, { maxByteLength: ARENA_MAX });
}

function growTo(buffer: ResizableBuffer, bytes: number): void {
  if (bytes <= buffer.byteLength) return;
  if (bytes > buffer.maxByteLength) {
    throw new Error(`discovery cache: more than ${ARENA_MAX} bytes of new analyses in one run`);
  }
  buffer.resize(Math.min(buffer.maxByteLength, Math.ceil(bytes / ARENA_STEP) * ARENA_STEP));
}

/** Positions a packed sort key can hold (2²¹): term ids stay below 2³², so keys stay below 2⁵³. */
const POSITIONS = 2 ** 21;

/** Sorts (id, count) pairs by id in place. */
function sortPairs(ids: Uint32Array, counts: Uint32Array): void {
  const n = ids.length;
  const from = { ids: ids.slice(), counts: counts.slice() };
  let order: ArrayLike<number>;
  if (n < POSITIONS) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = from.ids[i]! * POSITIONS + i;
    keys.sort();
    order = keys.map((key) => key % POSITIONS);
  } else {
    order = Array.from(ids.keys()).sort((a, b) => from.ids[a]! - from.ids[b]!);
  }
  for (let i = 0; i < n; i++) {
    ids[i] = from.ids[order[i]!]!;
    counts[i] = from.counts[order[i]!]!;
  }
}

/** Binary search of a term id in the entry at word `at` (its sorted ids); 0 when absent. */
function lookup(words: Uint32Array, at: number, id: number): number {
  const n = words[at]!;
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const found = words[at + 1 + mid]!;
    if (found === id) return words[at + 1 + n + mid]!;
    if (found < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/**
 * Layout: u32 magic, u32 header length, the UTF-8 JSON header `{ format, terms, entries }` padded
 * to 4 bytes, then per entry `n`, n term ids and n counts (u32, little-endian). Returned as parts:
 * entries added in this run as views of their JSON text and term counts where they are (consecutive
 * entries in one view), loaded ones encoded a slice at a time, so saving never builds a second
 * cache-sized buffer.
 */
function encode(
  terms: readonly string[],
  entries: readonly CacheEntry[],
  arenas: { words: Uint32Array; metas: Uint8Array },
): Uint8Array[] {
  const header: Uint8Array[] = [
    encoder.encode(
      `{"format":${JSON.stringify(FORMAT)},"terms":${JSON.stringify(terms.join('\n'))},"entries":[`,
    ),
  ];
  // Each entry's JSON starts with a comma, but for the first.
  let first = true;
  const metaText = (from: number, to: number) => {
    header.push(arenas.metas.subarray(first ? from + 1 : from, to));
    first = false;
  };
  let loaded: string[] = [];
  const flushLoaded = () => {
    if (loaded.length === 0) return;
    const text = loaded.join(',');
    header.push(encoder.encode(first ? text : `,${text}`));
    first = false;
    loaded = [];
  };
  const runs = new Runs();
  for (const e of entries) {
    if (e.words) {
      runs.flushMeta(metaText);
      loaded.push(JSON.stringify(e.meta));
      if (loaded.length === HEADER_SLICE) flushLoaded();
      runs.add(e.words, e.at);
    } else {
      flushLoaded();
      runs.addMeta(e.from, e.to, metaText);
      runs.add(arenas.words, e.at);
    }
  }
  flushLoaded();
  runs.flushMeta(metaText);
  header.push(encoder.encode(']}'));
  const headerLength = header.reduce((n, part) => n + part.byteLength, 0);
  const start = new Uint32Array([MAGIC, headerLength]);
  const padding = new Uint8Array(pad(headerLength) - headerLength);
  return [new Uint8Array(start.buffer), ...header, padding, ...runs.done()];
}

/** Consecutive ranges joined: the term counts (words) and the JSON text (bytes) of entries. */
class Runs {
  readonly #parts: Uint8Array[] = [];
  #words: Uint32Array | undefined;
  #from = 0;
  #to = 0;
  #metaFrom = 0;
  #metaTo = -1;

  add(words: Uint32Array, at: number): void {
    const end = at + 1 + 2 * words[at]!;
    if (words === this.#words && at === this.#to) {
      this.#to = end;
      return;
    }
    this.#flush();
    this.#words = words;
    this.#from = at;
    this.#to = end;
  }

  addMeta(from: number, to: number, emit: (from: number, to: number) => void): void {
    if (from === this.#metaTo) {
      this.#metaTo = to;
      return;
    }
    this.flushMeta(emit);
    this.#metaFrom = from;
    this.#metaTo = to;
  }

  flushMeta(emit: (from: number, to: number) => void): void {
    if (this.#metaTo > this.#metaFrom) emit(this.#metaFrom, this.#metaTo);
    this.#metaFrom = 0;
    this.#metaTo = -1;
  }

  done(): Uint8Array[] {
    this.#flush();
    return this.#parts;
  }

  #flush(): void {
    const words = this.#words;
    if (words && this.#to > this.#from) {
      this.#parts.push(
        new Uint8Array(words.buffer, words.byteOffset + this.#from * 4, (this.#to - this.#from) * 4),
      );
    }
  }
}

/** Entries whose header JSON is encoded at once. */
const HEADER_SLICE = 4096;

function pad(n: number): number {
  return Math.ceil(n / 4) * 4;
}

const encoder = new TextEncoder();

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
    entries.set(meta[0], { meta, words, at });
    at += 1 + 2 * n;
  }
  return { terms: doc.terms ? doc.terms.split('\n') : [], entries };
}
