import type { PassResult } from '../text-pass.js';
import { neutralizeLiveText } from './live-text.js';

const COMMAND = /\/maestro(?![A-Za-z0-9])/gi;
/** What may stand before a command on its line: indentation and quote markers. */
const LINE_START = /^[ \t>]*$/;
const HINT = /maestro|&/i;

/**
 * Puts `/maestro` at the start of a line into a code span, so text Maestro posts never reads as a
 * command: not to Maestro (which also ignores its own comments), and not to anyone copying it.
 * Code is left alone: nothing in code is a command, and a fence is where the caller shows the
 * real approve command.
 */
export function escapeCommands(text: string): PassResult {
  if (!HINT.test(text)) return { text, count: 0 };
  return neutralizeLiveText(text, COMMAND, ({ match, lineBefore }) =>
    LINE_START.test(lineBefore) ? match[0] : undefined,
  );
}
