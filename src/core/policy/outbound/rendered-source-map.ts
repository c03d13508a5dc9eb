import { decodeReference } from './parse-markdown.js';

/*
 * Where each rendered character of a markdown node came from in the source. The parser gives a
 * node's rendered value and its source range, not a per-character map: escapes, character
 * references and container markers (`>`, indentation) make the two differ, so a match in the
 * rendered text is placed back on the source through these maps.
 */

/** A character reference as a browser reads it: numeric ones need no `;`. */
export const HTML_REFERENCE = /^&(?:#[xX][0-9A-Fa-f]{1,6};?|#[0-9]{1,7};?|[A-Za-z][A-Za-z0-9]{0,31};)/;

export function decodeHtmlReference(reference: string): string | undefined {
  const numeric = /^&#([xX])?([0-9A-Fa-f]+);?$/.exec(reference);
  if (numeric) {
    const code = Number.parseInt(numeric[2]!, numeric[1] ? 16 : 10);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : '\uFFFD';
  }
  const decoded = decodeReference(reference);
  return decoded === reference ? undefined : decoded;
}

export interface SourceMap {
  starts: number[];
  ends: number[];
}

export function identity(start: number, end: number): SourceMap {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let s = start; s < end; s++) {
    starts.push(s);
    ends.push(s + 1);
  }
  return { starts, ends };
}

const REFERENCE = /&(?:#[xX][0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{0,31});/y;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * Traces a node's rendered `value` back to the source between `start` and `end`, line by line:
 * each later line may begin with container markers (`>`, indentation) the value does not have,
 * and a line may end with whitespace the value dropped. With `decode`, backslash escapes and
 * character references are what the value shows in their place.
 */
export function align(
  text: string,
  start: number,
  end: number,
  value: string,
  decode: boolean,
): SourceMap | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  const lines = value.split(/(\r\n|\r|\n)/);
  let s = start;
  for (let k = 0; k < lines.length; k += 2) {
    const line = lines[k]!;
    const ending = lines[k + 1];
    let lineEnd = s;
    while (lineEnd < end && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    let prefix = 0;
    if (k > 0) while (s + prefix < lineEnd && /[ \t>]/.test(text[s + prefix]!)) prefix++;
    let aligned: SourceMap | undefined;
    for (let p = 0; p <= prefix && aligned === undefined; p++)
      aligned = alignLine(text, s + p, lineEnd, line, decode);
    for (let p = 0; p <= prefix && aligned === undefined; p++)
      aligned = alignIndentedLine(text, s + p, lineEnd, line, decode);
    if (aligned === undefined) return undefined;
    starts.push(...aligned.starts);
    ends.push(...aligned.ends);
    if (ending === undefined) break;
    if (text.slice(lineEnd, lineEnd + ending.length) !== ending) return undefined;
    for (let c = 0; c < ending.length; c++) {
      starts.push(lineEnd + c);
      ends.push(lineEnd + c + 1);
    }
    s = lineEnd + ending.length;
  }
  return starts.length === value.length ? { starts, ends } : undefined;
}

function alignLine(
  text: string,
  from: number,
  end: number,
  line: string,
  decode: boolean,
): SourceMap | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  let s = from;
  let i = 0;
  const map = (units: number, width: number) => {
    for (let u = 0; u < units; u++) {
      starts.push(s);
      ends.push(s + width);
    }
    i += units;
    s += width;
  };
  while (i < line.length) {
    if (s >= end) return undefined;
    const char = text[s]!;
    if (
      decode &&
      char === '\\' &&
      s + 1 < end &&
      ASCII_PUNCTUATION.test(text[s + 1]!) &&
      line[i] === text[s + 1]
    ) {
      map(1, 2);
      continue;
    }
    if (decode && char === '&') {
      REFERENCE.lastIndex = s;
      const reference = REFERENCE.exec(text)?.[0];
      const decoded =
        reference !== undefined && s + reference.length <= end ? decodeReference(reference) : undefined;
      if (
        reference !== undefined &&
        decoded !== undefined &&
        decoded !== reference &&
        line.startsWith(decoded, i)
      ) {
        map(decoded.length, reference.length);
        continue;
      }
    }
    if (char === '\t' && line[i] === ' ') {
      // A tab partly used up by a container marker is rendered as the spaces left of it.
      let spaces = 1;
      while (spaces < 4 && line[i + spaces] === ' ') spaces++;
      map(spaces, 1);
      continue;
    }
    if (char === line[i] || (char === '\0' && line[i] === '\uFFFD')) {
      map(1, 1);
      continue;
    }
    return undefined;
  }
  for (; s < end; s++) if (text[s] !== ' ' && text[s] !== '\t') return undefined;
  return { starts, ends };
}

/**
 * A line whose rendered indentation differs from its source: a tab after a container marker
 * (`>\t<div>`) is expanded to columns, part of it eaten by the marker, and what is left shows as
 * spaces, which may even lie before the node's start offset. Only whitespace is loose: the rendered
 * indentation maps onto the source's (or the tab just before `from`), the rest must align exactly.
 */
function alignIndentedLine(
  text: string,
  from: number,
  end: number,
  line: string,
  decode: boolean,
): SourceMap | undefined {
  const shown = /^[ \t]*/.exec(line)![0].length;
  if (shown === 0) return undefined;
  let source = 0;
  while (from + source < end && (text[from + source] === ' ' || text[from + source] === '\t')) source++;
  let first = from;
  const last = from + source;
  if (source === 0) {
    while (first > 0 && (text[first - 1] === ' ' || text[first - 1] === '\t')) first--;
    if (first === from) return undefined;
  }
  const rest = alignLine(text, from + source, end, line.slice(shown), decode);
  if (rest === undefined) return undefined;
  const width = last - first;
  const starts: number[] = [];
  const ends: number[] = [];
  for (let u = 0; u < shown; u++) {
    const at = first + Math.min(u, width - 1);
    starts.push(at);
    ends.push(at + 1);
  }
  return { starts: [...starts, ...rest.starts], ends: [...ends, ...rest.ends] };
}
