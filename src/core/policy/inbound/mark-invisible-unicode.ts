import type { PassResult } from '../text-pass.js';
import { INVISIBLE_CHARACTER_SOURCE } from './strip-invisible-unicode.js';

const INVISIBLE_RUNS = new RegExp(`(?:${INVISIBLE_CHARACTER_SOURCE})+`, 'gu');

/**
 * For text the agent edits (its `read_file` / `search` tools): each run of invisible characters
 * becomes a visible, payload-free marker instead of vanishing, so the agent sees that the file
 * holds something it cannot be shown, and where. HTML comments and other visible source stay as
 * they are. The count is the number of code points replaced.
 */
export function markInvisibleUnicode(text: string): PassResult {
  let count = 0;
  const out = text.replace(INVISIBLE_RUNS, (run) => {
    const n = [...run].length;
    count += n;
    return `[${n} invisible character${n === 1 ? '' : 's'} removed]`;
  });
  return { text: out, count };
}
