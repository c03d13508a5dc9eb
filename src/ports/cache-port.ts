/**
 * A small key → binary document store for caches that survive the process (discovery's per-blob
 * analyses). Losing it only costs time: callers treat a missing or unreadable entry as a miss.
 */
export interface CacheStore {
  /** The stored document, or undefined when there is none (or it cannot be read). */
  load(key: string): Promise<Uint8Array | undefined>;
  /** Replaces the document atomically, so a crash never leaves half a file behind. */
  save(key: string, data: Uint8Array): Promise<void>;
}

/** An in-memory store, for tests and one-shot runs that should not touch the disk. */
export function memoryCacheStore(): CacheStore & { entries: Map<string, Uint8Array> } {
  const entries = new Map<string, Uint8Array>();
  return {
    entries,
    load: async (key) => entries.get(key),
    save: async (key, data) => void entries.set(key, data),
  };
}
