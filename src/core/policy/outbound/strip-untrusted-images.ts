import { scanHtmlTags } from '../html-tags.js';
import type { PassResult } from '../text-pass.js';
import { httpsHost } from './link-destination.js';

/** Hosts GitHub serves images from; anything else can log who viewed a comment, and when. */
export const DEFAULT_IMAGE_HOSTS: readonly string[] = [
  'github.com',
  'user-images.githubusercontent.com',
  'private-user-images.githubusercontent.com',
  'avatars.githubusercontent.com',
  'raw.githubusercontent.com',
];

const ALT = String.raw`((?:[^[\]\\]|\\[\s\S]|\[(?:[^[\]\\]|\\[\s\S])*\])*)`;
/** `![alt](destination "title")`. */
const INLINE_IMAGE = new RegExp(
  String.raw`!\[${ALT}\]\(\s*(<[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)`,
  'g',
);
/** `![alt][label]`, `![alt][]` and `![alt]`, resolved through reference definitions. */
const REFERENCE_IMAGE = new RegExp(String.raw`!\[${ALT}\](?:\[((?:[^[\]\\]|\\.)*)\])?`, 'g');
const DEFINITION = /^ {0,3}\[((?:[^[\]\\]|\\.)+)\]:[ \t]*\n?[ \t]*(<[^<>\n]*>|\S+)/gm;
/** Tags that fetch an image or media from their `src`/`srcset`/`poster`. */
const MEDIA_TAGS: ReadonlySet<string> = new Set([
  'img',
  'image',
  'source',
  'video',
  'audio',
  'picture',
  'input',
]);

/**
 * Replaces images on hosts outside `allowedHosts` by their alt text: markdown images (inline and
 * by reference) and media tags. Rendering a comment fetches its images, so a foreign image URL is
 * a way to send data out (and to track readers) without anyone clicking anything.
 */
export function stripUntrustedImages(allowedHosts: readonly string[]): (text: string) => PassResult {
  const allowed = new Set(allowedHosts.map((h) => h.toLowerCase()));
  const isAllowed = (destination: string) => {
    const host = httpsHost(destination);
    return host !== undefined && allowed.has(host);
  };
  return (text) => {
    let count = 0;
    const definitions = collectDefinitions(text);
    let out = text.replace(INLINE_IMAGE, (whole, alt: string, destination: string) => {
      if (isAllowed(destination)) return whole;
      count += 1;
      return alt;
    });
    out = out.replace(REFERENCE_IMAGE, (whole, alt: string, label?: string) => {
      const destination = definitions.get(normalizeLabel(label || alt));
      if (destination === undefined || isAllowed(destination)) return whole;
      count += 1;
      return alt;
    });
    const tags = stripMediaTags(out, isAllowed);
    return { text: tags.text, count: count + tags.count };
  };
}

function stripMediaTags(text: string, isAllowed: (destination: string) => boolean): PassResult {
  let count = 0;
  let out = '';
  let at = 0;
  for (const tag of scanHtmlTags(text)) {
    if (tag.closing || !MEDIA_TAGS.has(tag.name)) continue;
    const sources = tag.attributes
      .filter((a) => ['src', 'srcset', 'poster', 'data', 'background'].includes(a.name))
      .flatMap((a) => (a.name === 'srcset' ? (a.value ?? '').split(',') : [a.value ?? '']))
      .map((s) => s.trim().split(/\s+/)[0] ?? '');
    if (sources.every(isAllowed)) continue;
    const alt = tag.attributes.find((a) => a.name === 'alt')?.value ?? '';
    out += text.slice(at, tag.start) + alt;
    at = tag.end;
    count += 1;
  }
  return { text: out + text.slice(at), count };
}

function collectDefinitions(text: string): Map<string, string> {
  const definitions = new Map<string, string>();
  for (const [, label, destination] of text.matchAll(DEFINITION)) {
    const key = normalizeLabel(label ?? '');
    // The first definition of a label wins, as in CommonMark.
    if (!definitions.has(key) && destination !== undefined) definitions.set(key, destination);
  }
  return definitions;
}

function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}
