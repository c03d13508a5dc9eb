import type { PassResult } from '../text-pass.js';
import { mapProse } from './markdown-code.js';

/** `/maestro` at the start of a line, after any indentation or quote markers. */
const COMMAND = /^([ \t>]*)(\/maestro)(?![A-Za-z0-9])/gim;

/**
 * Puts `/maestro` at the start of a line into a code span, so text Maestro posts never reads as a
 * command: not to Maestro (which also ignores its own comments), and not to anyone copying it.
 * Fenced code is left alone: nothing in a fence is a command, and it is where the caller shows the
 * real approve command.
 */
export function escapeCommands(text: string): PassResult {
  let count = 0;
  const out = mapProse(
    text,
    (prose, codeSpan) =>
      prose.replace(COMMAND, (_whole: string, lead: string, word: string, offset: number) => {
        count += 1;
        return lead + codeSpan(word, offset + lead.length, word.length);
      }),
    { spans: false },
  );
  return { text: out, count };
}
