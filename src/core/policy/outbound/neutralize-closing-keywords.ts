import type { PassResult } from '../text-pass.js';
import { neutralizeLiveText } from './live-text.js';

/** An issue reference: `#12`, `GH-12`, `owner/repo#12`, or an issue/PR URL. */
const REFERENCE = String.raw`(?:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#\d+|GH-\d+|https?:\/\/(?:www\.)?github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/(?:issues|pull)\/\d+`;
/** A closing keyword with the reference (or list of references) it applies to. */
const CLOSING = new RegExp(
  String.raw`(?:close[sd]?|fix(?:es|ed)?|resolve[sd]?)(?:\s*:)?\s+(?:${REFERENCE})(?:\s*(?:,|&|\band\b)\s*(?:${REFERENCE}))*`,
  'gi',
);
const WORD = /[A-Za-z0-9_]/;
/** Nothing can render as a keyword without one of these in the source (`&` for a character reference). */
const HINT = /clos|fix|resolv|&/i;

/**
 * Keeps model text from closing issues: every closing keyword with a reference that GitHub would
 * read (outside code, as rendered) goes into a code span, except exactly `Closes #<issueNumber>`,
 * the link the PR is meant to have.
 */
export function neutralizeClosingKeywords(issueNumber: number | undefined): (text: string) => PassResult {
  const allowed = issueNumber === undefined ? undefined : `Closes #${issueNumber}`;
  return (text) => {
    if (!HINT.test(text)) return { text, count: 0 };
    return neutralizeLiveText(text, CLOSING, ({ match, previous }) => {
      if (previous !== undefined && WORD.test(previous)) return undefined;
      return match[0] === allowed ? undefined : match[0].replace(/\s+/g, ' ');
    });
  };
}
