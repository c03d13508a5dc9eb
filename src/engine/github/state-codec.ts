import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Large state (a plan revision, a run's task list) travels in a comment's marker compressed:
 * deflate + base64url keeps a 20 kB revision to a few kB, so the visible comment keeps its room
 * under GitHub's 65,536-character limit. The payload is validated by the reader's schema.
 */
export function packState(value: unknown): string {
  return deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8'), { level: 9 }).toString('base64url');
}

/** The value packed by `packState`, or undefined when the text is not one (never throws). */
export function unpackState(packed: unknown): unknown {
  if (typeof packed !== 'string') return undefined;
  try {
    return JSON.parse(inflateRawSync(Buffer.from(packed, 'base64url')).toString('utf8'));
  } catch {
    return undefined;
  }
}
