import type { PassResult } from '../text-pass.js';
import { mapProse } from './markdown-code.js';

/**
 * `@login` or `@org/team` as GitHub links them: not after a word character, `/` or `.` (URLs and
 * e-mail addresses), a login of up to 39 characters without a leading or doubled hyphen.
 */
const MENTION =
  /(?<![A-Za-z0-9_/.])@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(\/[A-Za-z0-9_.-]+)?/g;

/**
 * Wraps mentions in a code span so GitHub does not notify anyone: team mentions always (one line
 * can page a whole organisation), user mentions unless the login is in `allowed`. Text that is
 * already code is left alone, which also keeps the pass idempotent.
 */
export function neutralizeMentions(allowed: readonly string[]): (text: string) => PassResult {
  const allowedLogins = new Set(allowed.map((login) => login.replace(/^@/, '').toLowerCase()));
  return (text) => {
    let count = 0;
    const out = mapProse(
      text,
      (prose, codeSpan) =>
        prose.replace(MENTION, (whole: string, login: string, team: string | undefined, offset: number) => {
          if (team === undefined && allowedLogins.has(login.toLowerCase())) return whole;
          count += 1;
          return codeSpan(whole, offset, whole.length);
        }),
      { spans: true },
    );
    return { text: out, count };
  };
}
