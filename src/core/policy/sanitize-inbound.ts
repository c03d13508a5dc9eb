import { collapseWhitespace } from './inbound/collapse-whitespace.js';
import { decodeHtmlEntities } from './inbound/decode-html-entities.js';
import { stripHiddenAttributes } from './inbound/strip-hidden-attributes.js';
import { stripHiddenElements } from './inbound/strip-hidden-elements.js';
import { stripHtmlComments } from './inbound/strip-html-comments.js';
import { stripImageAltText } from './inbound/strip-image-alt-text.js';
import { INVISIBLE_CHARACTER_SOURCE, stripInvisibleUnicode } from './inbound/strip-invisible-unicode.js';
import { stripLinkTitles } from './inbound/strip-link-titles.js';
import type { TextPass } from './text-pass.js';

/*
 * Inbound sanitiser (security.md rule 5): what reaches the model is what a reviewer could see.
 *
 * The order matters:
 *  1. entities are decoded first, so `&lt;!--`, `&#x200B;` or `&#xE0041;` become the real thing and
 *     the passes below can see them;
 *  2. invisible characters go next, because they can split a construct the later passes look for
 *     (`<!\u200B--`, `hid\u200Bden`);
 *  3. comments before hidden elements, because a comment can hide a closing tag
 *     (`<span hidden><!-- </span> -->secret</span>` must lose "secret");
 *  4. hidden elements before hidden attributes, because `hidden`/`style` decide which elements go;
 *  5. markdown alt text and link titles; 6. whitespace last, tidying what the removals left.
 *
 * Any removal can join two halves into something an earlier pass removes (`<!<!-- -->--`,
 * `&l<!-- -->t;`), so the passes run again until nothing changes. That also makes the sanitiser
 * idempotent. Input built to need more rounds than any real text does is quarantined instead.
 */
const PASSES = [
  ['html-entities', decodeHtmlEntities],
  ['invisible-unicode', stripInvisibleUnicode],
  ['html-comments', stripHtmlComments],
  ['hidden-elements', stripHiddenElements],
  ['hidden-attributes', stripHiddenAttributes],
  ['image-alt-text', stripImageAltText],
  ['link-titles', stripLinkTitles],
  ['whitespace', collapseWhitespace],
] as const satisfies ReadonlyArray<readonly [string, TextPass]>;

export type InboundPassName = (typeof PASSES)[number][0] | 'quarantine';

/** How many things each pass removed or decoded; never the removed text itself. */
export type RemovalReport = Record<InboundPassName, number>;

const MAX_ROUNDS = 6;

/** Makes untrusted GitHub text (issue, comment, file) safe to show the model. */
export function sanitizeInbound(text: string): { text: string; removed: RemovalReport } {
  const removed = emptyReport();
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = current;
    for (const [name, pass] of PASSES) {
      const result = pass(current);
      current = result.text;
      removed[name] += result.count;
    }
    if (current === before) return { text: current, removed };
  }
  removed.quarantine = 1;
  return { text: quarantine(current), removed };
}

/**
 * Last resort for adversarial nesting: drop every character any pass acts on (markup, entity and
 * markdown link punctuation, invisible characters), which leaves a fixed point of all passes.
 */
function quarantine(text: string): string {
  const stripped = text.replace(new RegExp(`${INVISIBLE_CHARACTER_SOURCE}|[<>&!"'()[\\]]`, 'gu'), '');
  return collapseWhitespace(stripped).text;
}

function emptyReport(): RemovalReport {
  const report = {} as RemovalReport;
  for (const [name] of PASSES) report[name] = 0;
  report.quarantine = 0;
  return report;
}
