import type { PassResult } from '../text-pass.js';
import { secretEncodings } from './secret-encodings.js';
import { AWS_SECRET_ASSIGNMENT, SECRET_PATTERNS } from './secret-patterns.js';

export const REDACTED = '[REDACTED]';

/** Shorter configured values would match ordinary words; they are too weak to be secrets anyway. */
export const MIN_SECRET_LENGTH = 6;

/**
 * Replaces credentials with `[REDACTED]`: every configured secret value in each encoding it could
 * leak in, then the well-known token formats. Configured values go first and longest first, so a
 * secret that contains another is redacted whole.
 */
export function redactSecrets(secrets: readonly string[]): (text: string) => PassResult {
  const needles = compileNeedles(secrets);
  return (input) => {
    let text = input;
    let count = 0;
    // `keep` is the first capture group; only the AWS assignment pattern has one.
    const replace = (pattern: RegExp, replacement: (keep: unknown) => string) => {
      text = text.replace(pattern, (_match: string, keep: unknown) => {
        count += 1;
        return replacement(keep);
      });
    };
    for (const needle of needles) replace(needle, () => REDACTED);
    for (const pattern of SECRET_PATTERNS) replace(pattern, () => REDACTED);
    replace(AWS_SECRET_ASSIGNMENT, (keep) => `${String(keep)}${REDACTED}`);
    return { text, count };
  };
}

function compileNeedles(secrets: readonly string[]): RegExp[] {
  const exact = new Set<string>();
  const caseless = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    const encodings = secretEncodings(secret);
    for (const e of encodings.exact) exact.add(e);
    for (const e of encodings.caseless) caseless.add(e);
  }
  const byLength = (a: string, b: string) => b.length - a.length;
  const needles: RegExp[] = [];
  if (exact.size > 0) needles.push(new RegExp([...exact].sort(byLength).map(escapeRegExp).join('|'), 'g'));
  if (caseless.size > 0)
    needles.push(new RegExp([...caseless].sort(byLength).map(escapeRegExp).join('|'), 'gi'));
  return needles;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
