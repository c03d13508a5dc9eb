const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The spellings under which a secret can leak through text: as is, reversed, URL-encoded (both
 * `encodeURIComponent` and every byte as `%XX`), hex, and base64 (standard and URL-safe) at each of
 * the three byte alignments it can have inside a longer encoded blob. Hex and `%XX` forms are
 * listed in lower case; the caller matches them case-insensitively.
 */
export function secretEncodings(secret: string): { exact: string[]; caseless: string[] } {
  const bytes = new TextEncoder().encode(secret);
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  const base64 = [0, 1, 2].map((offset) => alignedBase64(bytes, offset));
  const exact = [
    secret,
    [...secret].reverse().join(''),
    encodeURIComponent(secret),
    ...base64,
    ...base64.map((b) => b.replace(/\+/g, '-').replace(/\//g, '_')),
  ];
  const caseless = [hex, hex.replace(/../g, '%$&')];
  return { exact: unique(exact), caseless: unique(caseless) };
}

/**
 * The base64 characters that depend only on the secret when it starts `offset` bytes into the
 * encoded data: characters mixing in bits of the neighbouring bytes are dropped at both ends.
 */
function alignedBase64(bytes: Uint8Array, offset: number): string {
  const padded = new Uint8Array(offset + bytes.length);
  padded.set(bytes, offset);
  const firstBit = offset * 8;
  const endBit = padded.length * 8;
  let out = '';
  for (let bit = Math.ceil(firstBit / 6) * 6; bit + 6 <= endBit; bit += 6) {
    out += BASE64[sixBits(padded, bit)];
  }
  return out;
}

function sixBits(bytes: Uint8Array, bit: number): number {
  let value = 0;
  for (let i = 0; i < 6; i++) {
    const b = bit + i;
    value = (value << 1) | (((bytes[b >> 3] ?? 0) >> (7 - (b & 7))) & 1);
  }
  return value;
}

function unique(values: string[]): string[] {
  return [...new Set(values)].filter((v) => v !== '');
}
