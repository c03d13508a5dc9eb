import type { PassResult } from '../text-pass.js';

/**
 * Tidies what the removals leave behind: CRLF to LF, trailing blanks on each line, runs of blank
 * lines down to one, and blank lines at either end. Indentation is kept (it is meaningful in code).
 * The count is the number of characters removed.
 */
export function collapseWhitespace(text: string): PassResult {
  const out = text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
  return { text: out, count: text.length - out.length };
}
