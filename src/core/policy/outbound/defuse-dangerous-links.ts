import { scanHtmlTags } from '../html-tags.js';
import type { PassResult } from '../text-pass.js';
import { isDangerousDestination } from './link-destination.js';

const TEXT = String.raw`((?:[^[\]\\]|\\[\s\S]|\[(?:[^[\]\\]|\\[\s\S])*\])*)`;
/** `[text](destination "title")`; images are handled by the image pass before this one. */
const INLINE_LINK = new RegExp(
  String.raw`\[${TEXT}\]\(\s*(<[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)`,
  'g',
);
/** `[label]: destination`; a dangerous one is pointed at `#` so references to it go nowhere. */
const DEFINITION = /^( {0,3}\[(?:[^[\]\\]|\\.)+\]:[ \t]*\n?[ \t]*)(<[^<>\n]*>|\S+)/gm;
/** `<scheme:…>` autolinks. */
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>/g;
const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);

/**
 * Defuses links whose scheme runs code or embeds content (`javascript:`, `vbscript:`, `data:`,
 * `file:`): markdown links keep their text and lose the link, autolinks become code, and URL
 * attributes of HTML tags are dropped. Obfuscated spellings (`&#106;avascript:`, `java\tscript:`,
 * mixed case) are recognised. GitHub's own sanitiser blocks these too; this does not rely on it.
 */
export function defuseDangerousLinks(text: string): PassResult {
  let count = 0;
  const defuse = <T>(keep: T, replacement: T): T => {
    count += 1;
    return replacement ?? keep;
  };
  let out = text
    .replace(INLINE_LINK, (whole, label: string, destination: string) =>
      isDangerousDestination(destination) ? defuse(whole, label) : whole,
    )
    .replace(DEFINITION, (whole, prefix: string, destination: string) =>
      isDangerousDestination(destination) ? defuse(whole, `${prefix}#`) : whole,
    )
    .replace(AUTOLINK, (whole, destination: string) =>
      isDangerousDestination(destination) ? defuse(whole, `\`${destination.replace(/`/g, '')}\``) : whole,
    );
  let rebuilt = '';
  let at = 0;
  for (const tag of scanHtmlTags(out)) {
    for (const attribute of tag.attributes) {
      if (!URL_ATTRIBUTES.has(attribute.name) || !isDangerousDestination(attribute.value ?? '')) continue;
      rebuilt += out.slice(at, attribute.start);
      at = attribute.end;
      count += 1;
    }
  }
  out = rebuilt + out.slice(at);
  return { text: out, count };
}
