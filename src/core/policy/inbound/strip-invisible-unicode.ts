import type { PassResult } from '../text-pass.js';

/**
 * Characters a human reader cannot see but a model reads: every format character (`\p{Cf}`: zero
 * width space/joiners, bidi embeddings/overrides/isolates, U+061C, U+FEFF, soft hyphen, invisible
 * operators, the assigned Tag characters), the whole Tags block (unassigned ones included, so a
 * newer Unicode version cannot reopen the channel), variation selectors, filler letters that render
 * as nothing (Hangul fillers, combining grapheme joiner, Khmer inherent vowels, Mongolian selectors),
 * line/paragraph separators, C0/C1 controls other than tab/newline/carriage return, and lone
 * surrogates (invalid UTF-16 that renders as nothing or as a replacement box).
 */
export const INVISIBLE_CHARACTER_SOURCE =
  '[\\p{Cf}\\p{Cs}\\u{E0000}-\\u{E007F}\\u{FE00}-\\u{FE0F}\\u{E0100}-\\u{E01EF}\\u{180B}-\\u{180F}' +
  '\\u{034F}\\u{115F}\\u{1160}\\u{17B4}\\u{17B5}\\u{3164}\\u{FFA0}\\u{2028}\\u{2029}' +
  '\\u{0000}-\\u{0008}\\u{000B}\\u{000C}\\u{000E}-\\u{001F}\\u{007F}-\\u{009F}]';

/** Tests a single string for any invisible character (no `g` flag, so it carries no state). */
export const INVISIBLE_CHARACTER = new RegExp(INVISIBLE_CHARACTER_SOURCE, 'u');

const INVISIBLE_CHARACTERS = new RegExp(INVISIBLE_CHARACTER_SOURCE, 'gu');

/** Removes invisible and format Unicode; the count is the number of code points removed. */
export function stripInvisibleUnicode(text: string): PassResult {
  let count = 0;
  const out = text.replace(INVISIBLE_CHARACTERS, () => {
    count += 1;
    return '';
  });
  return { text: out, count };
}
