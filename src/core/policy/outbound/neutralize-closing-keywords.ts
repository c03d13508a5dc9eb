import type { PassResult } from '../text-pass.js';
import { mapProse } from './markdown-code.js';

/** An issue reference: `#12`, `GH-12`, `owner/repo#12`, or an issue/PR URL. */
const REFERENCE = String.raw`(?:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#\d+|GH-\d+|https?:\/\/(?:www\.)?github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/(?:issues|pull)\/\d+`;
/** A closing keyword with the reference (or list of references) it applies to. */
const CLOSING = new RegExp(
  String.raw`(?<![A-Za-z0-9_])(?:close[sd]?|fix(?:es|ed)?|resolve[sd]?)(?:\s*:)?\s+(?:${REFERENCE})(?:\s*(?:,|&|\band\b)\s*(?:${REFERENCE}))*`,
  'gi',
);

/**
 * Keeps model text from closing issues: every closing keyword with a reference goes into a code
 * span (GitHub ignores references in code), except exactly `Closes #<issueNumber>`, the link the
 * PR is meant to have.
 */
export function neutralizeClosingKeywords(issueNumber: number | undefined): (text: string) => PassResult {
  const allowed = issueNumber === undefined ? undefined : `Closes #${issueNumber}`;
  return (text) => {
    let count = 0;
    const out = mapProse(
      text,
      (prose, codeSpan) =>
        prose.replace(CLOSING, (whole: string, offset: number) => {
          if (whole === allowed) return whole;
          count += 1;
          return codeSpan(whole.replace(/\s+/g, ' '), offset, whole.length);
        }),
      { spans: true },
    );
    return { text: out, count };
  };
}
