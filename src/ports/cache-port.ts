/**
 * A small key → binary document store for caches that survive the process (discovery's per-blob
 * analyses). Losing it only costs time: callers treat a missing or unreadable entry as a miss.
 */
export interface CacheStore {
  /** The stored document, or undefined when there is none (or it cannot be read). */
  load(key: string): Promise<Uint8Array | undefined>;
  /**
   * Replaces the document atomically, so a crash never leaves half a file behind. A document may
   * come in parts (written one after the other): discovery's caches at 100k files are tens of MB,
   * and joining them first was a second copy at the run's peak of memory. The parts may be views of
   * the caller's buffers, valid until the returned promise settles: a store that keeps them copies.
   */
  save(key: string, data: Uint8Array | readonly Uint8Array[]): Promise<void>;
}

/** An in-memory store, for tests and one-shot runs that should not touch the disk. */
export function memoryCacheStore(): CacheStore & { entries: Map<string, Uint8Array> } {
  const entries = new Map<string, Uint8Array>();
  return {
    entries,
    load: async (key) => entries.get(key),
    save: async (key, data) => void entries.set(key, data instanceof Uint8Array ? data : joinParts(data)),
  };
}

function joinParts(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
