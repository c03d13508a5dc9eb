import type { PassResult } from '../text-pass.js';

const TITLE = String.raw`"(?:[^"\\]|\\[\s\S])*"|'(?:[^'\\]|\\[\s\S])*'|\((?:[^()\\]|\\[\s\S])*\)`;
const DESTINATION = String.raw`<[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*`;

/** `](destination "title")` of an inline link or image. */
const INLINE_TITLE = new RegExp(String.raw`\]\(\s*(${DESTINATION})\s+(?:${TITLE})\s*\)`, 'g');
/**
 * `[label]: destination "title"` of a reference definition; the title may sit on the next line.
 * `[//]: # (text)` is the well-known "markdown comment" built on exactly this.
 */
const DEFINITION_TITLE = new RegExp(
  String.raw`^( {0,3}\[(?:[^[\]\\]|\\.)+\]:[ \t]*\n?[ \t]*(?:<[^<>\n]*>|\S+))[ \t]*\n?[ \t]*(?:${TITLE})[ \t]*$`,
  'gm',
);

/**
 * Removes link titles (tooltips: shown on hover, read by a model as plain text) from inline links,
 * images and reference definitions, keeping the link.
 */
export function stripLinkTitles(text: string): PassResult {
  let count = 0;
  const count1 = (keep: string) => {
    count += 1;
    return keep;
  };
  const out = text
    .replace(INLINE_TITLE, (_whole, destination: string) => count1(`](${destination})`))
    .replace(DEFINITION_TITLE, (_whole, definition: string) => count1(definition));
  return { text: out, count };
}
