import { type HtmlTag, scanHtmlTags, VOID_ELEMENTS } from '../html-tags.js';
import type { PassResult } from '../text-pass.js';

/** Elements whose content a reader never sees. `<details>` is not one: it opens on a click. */
const INVISIBLE_ELEMENTS: ReadonlySet<string> = new Set(['script', 'style', 'template', 'noscript']);
/** Inline styles that hide content (GitHub strips `style`, but other renderers and models don't). */
const HIDING_STYLE =
  /display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|font-size\s*:\s*0+(?:\.0+)?(?![.\d])|opacity\s*:\s*0+(?:\.0+)?(?![.\d])/i;

/**
 * Removes elements that are hidden from a reader together with their content: `<span hidden>`,
 * `style="display:none"` and similar, and `<script>`/`<style>`/`<template>`/`<noscript>`. An element
 * that is never closed hides the rest of the text, as in a browser, so the rest is dropped.
 */
export function stripHiddenElements(text: string): PassResult {
  const tags = scanHtmlTags(text);
  const cuts: Array<[number, number]> = [];
  for (let t = 0; t < tags.length; t++) {
    const tag = tags[t]!;
    if (tag.closing || !isHidden(tag)) continue;
    const close = VOID_ELEMENTS.has(tag.name) ? t : findClose(tags, t);
    const end = close === undefined ? text.length : tags[close]!.end;
    cuts.push([tag.start, end]);
    if (close === undefined) break;
    t = close;
  }
  let out = '';
  let at = 0;
  for (const [start, end] of cuts) {
    out += text.slice(at, start);
    at = end;
  }
  return { text: out + text.slice(at), count: cuts.length };
}

function isHidden(tag: HtmlTag): boolean {
  if (INVISIBLE_ELEMENTS.has(tag.name)) return true;
  return tag.attributes.some(
    (a) => a.name === 'hidden' || (a.name === 'style' && a.value !== undefined && HIDING_STYLE.test(a.value)),
  );
}

/** Index of the tag closing `tags[open]`, counting nested elements of the same name. */
function findClose(tags: readonly HtmlTag[], open: number): number | undefined {
  const name = tags[open]!.name;
  let depth = 0;
  for (let t = open + 1; t < tags.length; t++) {
    const tag = tags[t]!;
    if (tag.name !== name) continue;
    if (!tag.closing) depth++;
    else if (depth === 0) return t;
    else depth--;
  }
  return undefined;
}
