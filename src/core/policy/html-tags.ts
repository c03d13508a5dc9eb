/** One attribute of a scanned tag; `start` includes the whitespace before it, so removal is clean. */
export interface HtmlAttribute {
  name: string;
  value: string | undefined;
  start: number;
  end: number;
}

/** An opening or closing tag found in text, with positions into that text (`end` exclusive). */
export interface HtmlTag {
  name: string;
  closing: boolean;
  start: number;
  end: number;
  attributes: HtmlAttribute[];
}

/**
 * Tags longer than this are left as text. It bounds the scan (each `<` looks ahead at most this
 * far, so a body full of unterminated `<a "` stays linear) while being far longer than any tag a
 * person writes in an issue.
 */
const MAX_TAG_LENGTH = 16_384;

/** Void elements have no content and no closing tag. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/**
 * Finds HTML tags the way a browser tokenises them closely enough for sanitising: quoted attribute
 * values may contain `>` (so `<img alt="a>b">` is one tag whose alt hides `b`), and names are
 * lower-cased. Comments are not recognised here; strip them first.
 */
export function scanHtmlTags(text: string): HtmlTag[] {
  const tags: HtmlTag[] = [];
  let from = 0;
  for (let lt = text.indexOf('<', from); lt !== -1; lt = text.indexOf('<', from)) {
    const tag = scanTagAt(text, lt);
    if (tag) tags.push(tag);
    from = tag ? tag.end : lt + 1;
  }
  return tags;
}

function scanTagAt(text: string, start: number): HtmlTag | undefined {
  const closing = text[start + 1] === '/';
  const nameMatch = /^[A-Za-z][A-Za-z0-9-]*/.exec(text.slice(start + (closing ? 2 : 1), start + 66));
  if (!nameMatch) return undefined;
  const limit = Math.min(text.length, start + MAX_TAG_LENGTH);
  const attributes: HtmlAttribute[] = [];
  let i = start + (closing ? 2 : 1) + nameMatch[0].length;
  while (i < limit) {
    const attrStart = i;
    while (i < limit && isSpace(text[i])) i++;
    const c = text[i];
    if (c === '>') return { name: nameMatch[0].toLowerCase(), closing, start, end: i + 1, attributes };
    // A `<` outside quotes ends the attempt; the scan restarts there. Browsers would read it as part
    // of an attribute name, but restarting finds the same attributes one tag later, and it keeps
    // every stretch of text scanned once (linear time on hostile input).
    if (c === '<') return undefined;
    if (c === '/' || c === undefined) {
      i++;
      continue;
    }
    const attr = scanAttribute(text, i, limit);
    if (!attr) return undefined;
    attributes.push({ ...attr, start: attrStart });
    i = attr.end;
  }
  return undefined;
}

function scanAttribute(text: string, from: number, limit: number): Omit<HtmlAttribute, 'start'> | undefined {
  let i = from;
  while (i < limit && !isNameEnd(text[i]) && (i === from || text[i] !== '=')) i++;
  const name = text.slice(from, i).toLowerCase();
  let j = i;
  while (j < limit && isSpace(text[j])) j++;
  if (text[j] !== '=') return { name, value: undefined, end: i };
  j++;
  while (j < limit && isSpace(text[j])) j++;
  const quote = text[j];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, j + 1);
    if (close === -1 || close >= limit) return undefined;
    return { name, value: text.slice(j + 1, close), end: close + 1 };
  }
  let k = j;
  while (k < limit && !isSpace(text[k]) && text[k] !== '>' && text[k] !== '<') k++;
  return { name, value: text.slice(j, k), end: k };
}

function isNameEnd(c: string | undefined): boolean {
  return isSpace(c) || c === '>' || c === '/' || c === '<';
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}
