import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so the same content always hashes the same
 * regardless of key order (model output and re-parsed comments differ in order, not meaning).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** SHA-256 of the canonical JSON, hex. Approvals bind to the first 12 characters. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

export const SHORT_HASH_LENGTH = 12;

export function shortHash(value: unknown): string {
  return contentHash(value).slice(0, SHORT_HASH_LENGTH);
}
