import { scanHtmlTags } from '../html-tags.js';
import type { PassResult } from '../text-pass.js';

/**
 * Attributes whose text a reader does not see on the page but a model reads in the source:
 * tooltips (`title`), alternative text (`alt`), accessibility labels (`aria-*`), `data-*` payloads,
 * and `style` (which can also carry text through `content:`).
 */
function isHiddenAttribute(name: string): boolean {
  return name === 'title' || name === 'alt' || name === 'style' || /^(?:data|aria)-/.test(name);
}

/** Removes hidden-text attributes from every tag, keeping the tags themselves. */
export function stripHiddenAttributes(text: string): PassResult {
  let count = 0;
  let out = '';
  let at = 0;
  for (const tag of scanHtmlTags(text)) {
    for (const attribute of tag.attributes) {
      if (!isHiddenAttribute(attribute.name)) continue;
      out += text.slice(at, attribute.start);
      at = attribute.end;
      count += 1;
    }
  }
  return { text: out + text.slice(at), count };
}
