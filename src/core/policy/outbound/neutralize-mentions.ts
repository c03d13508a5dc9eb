import type { PassResult } from '../text-pass.js';
import { neutralizeLiveText } from './live-text.js';

/**
 * `@login` or `@org/team` as GitHub links them: a login of up to 39 characters without a leading
 * or doubled hyphen, not after a word character, `/` or `.` (URLs and e-mail addresses).
 */
const MENTION = /@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(\/[A-Za-z0-9_.-]+)?/g;
const NOT_AFTER = /[A-Za-z0-9_/.]/;
/** Nothing can render as `@` without one of these in the source. */
const HINT = /[@&]/;

/**
 * Wraps mentions in a code span so GitHub does not notify anyone: team mentions always (one line
 * can page a whole organisation), user mentions unless the login is in `allowed`. Mentions are
 * found in the text as GitHub renders it (`&#64;team` is `@team`), outside code; GitHub links no
 * mention inside a link, so autolinks are left whole.
 */
export function neutralizeMentions(allowed: readonly string[]): (text: string) => PassResult {
  const allowedLogins = new Set(allowed.map((login) => login.replace(/^@/, '').toLowerCase()));
  return (text) => {
    if (!HINT.test(text)) return { text, count: 0 };
    return neutralizeLiveText(text, MENTION, ({ match, previous, inAutolink }) => {
      if (inAutolink || (previous !== undefined && NOT_AFTER.test(previous))) return undefined;
      const [whole, login = '', team] = match;
      if (team === undefined && allowedLogins.has(login.toLowerCase())) return undefined;
      return whole;
    });
  };
}
