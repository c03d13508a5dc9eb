import type { CacheStore } from '../ports/cache-port.js';
import type { FileAnalysis } from './analyse-file.js';
import { extensionOf } from './language.js';

/** Bump when `FileAnalysis` or the analysers change, so old entries are never read. */
const FORMAT = 'maestro-discovery-v1';
const STORE_KEY = 'analyses-v1';
/** Above this many entries, a save keeps only what the current run used. */
const MAX_ENTRIES = 250_000;

/**
 * Per-blob analyses, in memory and persisted as one document. Blob ids are content hashes, so one
 * cache serves every repository and checkout; the extension is part of the key because symbol and
 * import rules depend on the language.
 */
export class DiscoveryCache {
  readonly #store: CacheStore;
  readonly #entries: Map<string, FileAnalysis>;
  readonly #used = new Set<string>();
  #dirty = false;
  hits = 0;
  misses = 0;

  private constructor(store: CacheStore, entries: Map<string, FileAnalysis>) {
    this.#store = store;
    this.#entries = entries;
  }

  /** Loads the persisted document; a missing, corrupt or old-format one starts an empty cache. */
  static async open(store: CacheStore): Promise<DiscoveryCache> {
    const raw = await store.load(STORE_KEY);
    let entries = new Map<string, FileAnalysis>();
    if (raw) {
      try {
        const doc = JSON.parse(raw) as { format?: string; entries?: Record<string, FileAnalysis> };
        if (doc.format === FORMAT && doc.entries) entries = new Map(Object.entries(doc.entries));
      } catch {
        // A corrupt cache only costs a cold run.
      }
    }
    return new DiscoveryCache(store, entries);
  }

  static key(blob: string, path: string): string {
    return `${blob}.${extensionOf(path)}`;
  }

  get(blob: string, path: string): FileAnalysis | undefined {
    const key = DiscoveryCache.key(blob, path);
    const hit = this.#entries.get(key);
    if (hit) {
      this.hits++;
      this.#used.add(key);
    } else this.misses++;
    return hit;
  }

  set(blob: string, path: string, analysis: FileAnalysis): void {
    const key = DiscoveryCache.key(blob, path);
    this.#entries.set(key, analysis);
    this.#used.add(key);
    this.#dirty = true;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Persists when anything changed. */
  async save(): Promise<void> {
    if (!this.#dirty) return;
    let entries = this.#entries;
    if (entries.size > MAX_ENTRIES) entries = new Map([...entries].filter(([k]) => this.#used.has(k)));
    await this.#store.save(
      STORE_KEY,
      JSON.stringify({ format: FORMAT, entries: Object.fromEntries(entries) }),
    );
    this.#dirty = false;
  }
}
