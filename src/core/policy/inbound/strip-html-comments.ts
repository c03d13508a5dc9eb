import type { PassResult } from '../text-pass.js';

/**
 * Removes `<!-- … -->` comments. An opener left over afterwards (unterminated, or formed by two
 * halves joined when a comment between them went) drops everything after it: a browser hides the
 * rest of the document behind an unterminated comment, so none of it was visible to a reviewer.
 * The output therefore never contains `<!--`.
 */
export function stripHtmlComments(text: string): PassResult {
  let count = 0;
  const closed = text.replace(/<!--[\s\S]*?-->/g, () => {
    count += 1;
    return '';
  });
  const open = closed.indexOf('<!--');
  if (open === -1) return { text: closed, count };
  return { text: closed.slice(0, open), count: count + 1 };
}
