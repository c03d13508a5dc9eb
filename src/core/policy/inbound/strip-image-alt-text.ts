import type { PassResult } from '../text-pass.js';

/**
 * `![alt]` of a markdown image, allowing one level of nested brackets and escapes. Alt text is
 * shown only when the image fails to load, so it is a place to hide instructions.
 */
const IMAGE_ALT = /!\[((?:[^[\]\\]|\\[\s\S]|\[(?:[^[\]\\]|\\[\s\S])*\])+)\]/g;

/** Empties the alt text of markdown images (`![hidden](url)` → `![](url)`). */
export function stripImageAltText(text: string): PassResult {
  let count = 0;
  const out = text.replace(IMAGE_ALT, () => {
    count += 1;
    return '![]';
  });
  return { text: out, count };
}
