import type { PassResult } from '../text-pass.js';
import { NAMED_ENTITIES } from './html-entity-table.js';

/**
 * Numeric references need no `;` (browsers accept `&#60` too); named ones do, as in CommonMark.
 * Digit counts are bounded so the pattern stays linear and values stay near the Unicode range.
 */
const ENTITY = /&(?:#([0-9]{1,8});?|#[xX]([0-9a-fA-F]{1,7});?|([A-Za-z][A-Za-z0-9]{1,31});)/g;

/**
 * Decodes character references once, left to right, as a browser does. The sanitiser calls its
 * passes until nothing changes, which also unwraps double encodings such as `&amp;lt;`.
 */
export function decodeHtmlEntities(text: string): PassResult {
  let count = 0;
  const out = text.replace(ENTITY, (whole, decimal?: string, hex?: string, name?: string) => {
    const decoded = decodeOne(decimal, hex, name);
    if (decoded === undefined) return whole;
    count += 1;
    return decoded;
  });
  return { text: out, count };
}

function decodeOne(decimal?: string, hex?: string, name?: string): string | undefined {
  if (name !== undefined) return Object.hasOwn(NAMED_ENTITIES, name) ? NAMED_ENTITIES[name] : undefined;
  const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
  // What browsers substitute for NUL, surrogates and out-of-range values.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(code);
}
