import { createHash } from 'node:crypto';
import type { CacheStore } from '../ports/cache-port.js';
import type { RepoFile } from '../ports/repository-port.js';
import { ANALYSIS_FORMAT } from './discovery-cache.js';
import type { DropReason } from './inventory.js';
import type { Adjacency, Postings, RankIndex } from './rank-index.js';

/**
 * Bump when `RankIndex` or this layout change, or anything the index computes from paths: import
 * resolution (`ImportResolver`), file roles (file-roles.ts), path terms (tokenize.ts). Analysers
 * are covered by `ANALYSIS_FORMAT`, which is part of the key.
 */
const FORMAT = 'maestro-rank-index-v3';
const STORE_KEY = 'rank-index-v1';
const MAGIC = 0x4d524931; // "MRI1"

/** The cached index of one tree, with what discovery needs besides ranking. */
export interface RankIndexRecord {
  /** What the index was built from (see `treeKey`): a record for another tree is never used. */
  key: string;
  index: RankIndex;
  /** Estimated tokens per document (packing's first guess). */
  tokens: Uint32Array;
  /** Files dropped by their content (binary, generated) while the index was built. */
  dropped: Partial<Record<DropReason, number>>;
}

/** The stored index's bytes, whichever tree's: a caller reads them while it lists the files. */
export function readRankIndex(store: CacheStore): Promise<Uint8Array | undefined> {
  return store.load(STORE_KEY).catch(() => undefined);
}

/**
 * The record for `key`, or undefined when the store holds none, another tree's, or a damaged one.
 * `stored` is what `readRankIndex` read (by default, read now).
 */
export async function loadRankIndex(
  store: CacheStore,
  key: string,
  stored: Promise<Uint8Array | undefined> = readRankIndex(store),
): Promise<RankIndexRecord | undefined> {
  const raw = await stored;
  if (!raw) return undefined;
  try {
    return decode(raw, key);
  } catch {
    return undefined; // a damaged index only costs rebuilding it
  }
}

/** Replaces the stored record: one tree at a time (the one being worked on). */
export async function saveRankIndex(store: CacheStore, record: RankIndexRecord): Promise<void> {
  await store.save(STORE_KEY, encode(record));
}

/**
 * What a rank index depends on: the indexed files' paths and blob ids (content hashes, so a modified
 * or untracked file changes the key too), the Go module imports resolve against, and the version of
 * the analyses it is built from (a changed analyser must not be served by an old index).
 */
export function treeKey(
  files: readonly Pick<RepoFile, 'path' | 'blob'>[],
  goModule: string | undefined,
): string {
  // One update of the joined text (the same digest as one per file): a native call per file cost
  // more than the hashing at 2k files.
  const text = files.map((f) => `${f.path}\0${f.blob}\0`).join('');
  return createHash('sha256')
    .update(`${FORMAT}\0${ANALYSIS_FORMAT}\0${goModule ?? ''}\0${text}`)
    .digest('hex');
}

type Section = Uint8Array | Uint32Array;

/** Every typed array of a record, in a fixed order (the layout). */
function sections(r: RankIndexRecord): Section[] {
  const { index: x } = r;
  return [
    strings(x.paths),
    x.lengths,
    r.tokens,
    ...postings(x.content),
    ...postings(x.pathTerms),
    ...postings(x.symbols),
    ...postings(x.lowerSymbols),
    x.imports.start,
    x.imports.targets,
    x.importedBy.start,
    x.importedBy.targets,
    strings(x.literals.values),
    x.literals.start,
    x.literals.docs,
    x.roles,
  ];
}

function postings(p: Postings): Section[] {
  return [p.keys.bytes, p.keys.offsets, p.keys.slots, p.start, p.docs, p.values];
}

/**
 * Layout: u32 magic, u32 header length, the UTF-8 JSON header `{ format, key, dropped, sizes }`
 * padded to 4 bytes, then each section (byte size in `sizes`, little-endian u32 or bytes) padded to 4.
 * Returned as parts (the sections themselves, not copies): at 100k files the index is ~70 MB, and
 * one buffer of it beside the index itself was the cold run's peak of memory.
 */
function encode(record: RankIndexRecord): Uint8Array[] {
  const parts = sections(record);
  const header = new TextEncoder().encode(
    JSON.stringify({
      format: FORMAT,
      key: record.key,
      dropped: record.dropped,
      sizes: parts.map((p) => p.byteLength),
    }),
  );
  const start = new Uint8Array(8);
  const view = new DataView(start.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  const out: Uint8Array[] = [start, header, padding(header.length)];
  for (const p of parts)
    out.push(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), padding(p.byteLength));
  return out;
}

/** The zero bytes after `n` bytes that bring them to a multiple of 4. */
function padding(n: number): Uint8Array {
  return new Uint8Array(pad(n) - n);
}

function decode(raw: Uint8Array, key: string): RankIndexRecord | undefined {
  if (raw.byteLength < 8) return undefined;
  // Uint32Array views need 4-byte alignment: a file read whole has it and is used in place.
  const bytes = raw.byteOffset % 4 === 0 ? raw : raw.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return undefined;
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as {
    format?: unknown;
    key?: unknown;
    dropped?: Partial<Record<DropReason, number>>;
    sizes?: number[];
  };
  if (header.format !== FORMAT || header.key !== key || !Array.isArray(header.sizes)) return undefined;
  let at = 8 + pad(headerLength);
  const sizes = header.sizes;
  const next = () => {
    const size = sizes.shift();
    if (size === undefined || at + size > bytes.byteLength) throw new Error('truncated rank index');
    const part = bytes.subarray(at, at + size);
    at += pad(size);
    return part;
  };
  const words = () => {
    const part = next();
    return new Uint32Array(part.buffer, part.byteOffset, part.byteLength / 4);
  };
  const nextPostings = (): Postings => ({
    keys: { bytes: next(), offsets: words(), slots: words() },
    start: words(),
    docs: words(),
    values: words(),
  });
  const adjacency = (): Adjacency => ({ start: words(), targets: words() });
  const paths = stringsOf(next());
  const lengths = words();
  const tokens = words();
  const index: RankIndex = {
    paths,
    lengths,
    content: nextPostings(),
    pathTerms: nextPostings(),
    symbols: nextPostings(),
    lowerSymbols: nextPostings(),
    imports: adjacency(),
    importedBy: adjacency(),
    literals: { values: stringsOf(next()), start: words(), docs: words() },
    roles: next(),
  };
  if ([lengths, tokens, index.roles].some((a) => a.length !== paths.length)) return undefined;
  return { key, index, tokens, dropped: header.dropped ?? {} };
}

/** NUL-separated: no path, literal or directory name holds a NUL. */
function strings(values: readonly string[]): Uint8Array {
  return new TextEncoder().encode(values.join('\0'));
}

function stringsOf(bytes: Uint8Array): string[] {
  return bytes.byteLength === 0 ? [] : new TextDecoder().decode(bytes).split('\0');
}

function pad(n: number): number {
  return Math.ceil(n / 4) * 4;
}
