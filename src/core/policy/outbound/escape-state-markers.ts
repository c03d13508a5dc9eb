import type { PassResult } from '../text-pass.js';

/** Anything a state reader might take for Maestro's marker: `<!-- maestro:state v1 …`, any spacing or case. */
const MARKER = /<!--(\s*maestro)/gi;

/**
 * Escapes look-alikes of Maestro's hidden state marker (`<!-- maestro:…`), so model output cannot
 * plant state for a later run; the caller appends its real marker after redaction. Also escapes a
 * comment opener that is never closed, which would otherwise hide the caller's own text (the
 * marker, the approve instructions) that follows the model's. Escaped openers show as text.
 */
export function escapeStateMarkers(text: string): PassResult {
  let count = 0;
  let out = text.replace(MARKER, (_whole, rest: string) => {
    count += 1;
    return `&lt;!--${rest}`;
  });
  // Once one opener has no closer, no later one has either: escape them all.
  let scanned = 0;
  for (let open = out.indexOf('<!--'); open !== -1; open = out.indexOf('<!--', scanned)) {
    const close = out.indexOf('-->', open + 4);
    if (close === -1) {
      const openers = out.slice(open).split('<!--').length - 1;
      out = out.slice(0, open) + out.slice(open).replaceAll('<!--', '&lt;!--');
      count += openers;
      break;
    }
    scanned = close + 3;
  }
  return { text: out, count };
}
