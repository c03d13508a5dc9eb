import { chainNames, resolveChainName } from '../chains/chains.js';
import { INVISIBLE_CHARACTER } from '../policy/inbound/strip-invisible-unicode.js';

/** The command words of product.md §2, in the order the help table lists them. */
export const commandNames = [
  'approve',
  'revise',
  'chain',
  'cancel',
  'resume',
  'status',
  'help',
  'fix',
] as const;
export type CommandName = (typeof commandNames)[number];

/**
 * What a comment asks Maestro to do.
 *
 * - `none`: not a command at all (the common case: an ordinary comment). Say nothing.
 * - `unknown`: `/maestro <word>` with a word Maestro does not know; answer with the help table.
 * - `invalid`: a known command whose argument is unusable (`/maestro approve lgtm`,
 *   `/maestro chain` without a name). It is its own kind, not `approve` with a flag, so that code
 *   switching on `kind === 'approve'` can never approve by accident; answer with `problem`.
 */
export type ParsedCommand =
  | { kind: 'none' }
  | { kind: 'approve'; hash?: string }
  | { kind: 'revise'; feedback: string }
  | { kind: 'chain'; name: string }
  | { kind: 'cancel' }
  | { kind: 'resume' }
  | { kind: 'status' }
  | { kind: 'help' }
  | { kind: 'fix'; what: string }
  | { kind: 'unknown'; word: string }
  | { kind: 'invalid'; command: CommandName; argument: string; problem: string };

/** A PRD revision hash as Maestro prints it (a prefix of at least 7 hex digits, like git). */
const REVISION_HASH = /^[0-9a-f]{7,64}$/;
const CHAIN_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** An unknown word is echoed back in the help reply, so only short plain ASCII qualifies. */
const ECHOABLE_WORD = /^[A-Za-z0-9_-]{1,32}$/;
/**
 * `/maestro` spelled with ASCII letters in any case (a phone may capitalise it), at most three
 * leading spaces (four is an indented code block; a tab is four columns), then whitespace or the
 * end of the line. Letters are listed explicitly rather than using the `i` flag: with `u`, case
 * folding would accept look-alikes such as U+017F (ſ) for `s` and U+212A (Kelvin sign) for `k`.
 */
const COMMAND_LINE = /^ {0,3}\/[Mm][Aa][Ee][Ss][Tt][Rr][Oo](?:[ \t]+([^ \t]+)[ \t]*(.*))?[ \t]*$/;

const NONE: ParsedCommand = { kind: 'none' };

/**
 * Reads the command in an issue or PR comment body (product.md §2).
 *
 * Only the first non-blank line counts, and only when it literally starts with `/maestro`, so a
 * command quoted (`>`), fenced, indented, in a code span, or inside an HTML comment never fires.
 * HTML comments are removed before looking, and an unterminated `<!--` hides everything after it,
 * as it does on github.com: what counts is what the approver could see. Invisible or bidi
 * characters anywhere on the command line refuse the whole comment instead of being normalised
 * away, because a line that renders differently from its bytes is not a deliberate command.
 * Authorisation is not decided here: see `command-permissions.ts`.
 */
export function parseCommand(body: string): ParsedCommand {
  const lines = stripHtmlComments(body).split(/\r\n|\r|\n/);
  const first = lines.findIndex((line) => !isBlank(line));
  const line = lines[first];
  if (line === undefined || INVISIBLE_CHARACTER.test(line)) return NONE;
  const match = COMMAND_LINE.exec(line);
  if (!match) return NONE;
  const [, word, rest = ''] = match;
  if (word === undefined) return { kind: 'help' };
  const name = asCommandName(word);
  if (name === undefined) return ECHOABLE_WORD.test(word) ? { kind: 'unknown', word } : NONE;
  return withArgument(name, rest.trim(), lines.slice(first + 1).join('\n'));
}

/** `argument` is the rest of the command line; `more` the lines below it (free text for revise/fix). */
function withArgument(name: CommandName, argument: string, more: string): ParsedCommand {
  switch (name) {
    case 'approve':
      return parseApprove(argument);
    case 'chain':
      // E002: an unknown chain is refused here, before anything is planned or labelled.
      return CHAIN_NAME.test(argument.toLowerCase()) && resolveChainName(argument) !== undefined
        ? { kind: 'chain', name: argument.toLowerCase() }
        : invalid(
            name,
            argument,
            `E002: unknown chain; valid chains: ${chainNames.join(', ')} (also deploy for release)`,
          );
    case 'revise':
    case 'fix': {
      const text = `${argument}\n${more}`.trim();
      if (text === '') return invalid(name, '', `say what to ${name === 'fix' ? 'fix' : 'change'}`);
      return name === 'fix' ? { kind: 'fix', what: text } : { kind: 'revise', feedback: text };
    }
    // The remaining commands take no argument; trailing words ("/maestro cancel please") are
    // harmless, so they are ignored rather than refused.
    default:
      return { kind: name };
  }
}

/**
 * `approve` accepts nothing or exactly one revision hash. Anything else is refused rather than
 * read as a bare approve: someone who typed a (wrong) hash meant a specific revision, and approving
 * the current one instead would bind their approval to text they may not have read.
 */
function parseApprove(argument: string): ParsedCommand {
  if (argument === '') return { kind: 'approve' };
  const hash = argument.toLowerCase();
  if (REVISION_HASH.test(hash)) return { kind: 'approve', hash };
  return invalid('approve', argument, 'expected a revision hash of 7 to 64 hex digits, or nothing');
}

function invalid(command: CommandName, argument: string, problem: string): ParsedCommand {
  return { kind: 'invalid', command, argument, problem };
}

function asCommandName(word: string): CommandName | undefined {
  // Only ASCII words can be commands: `toLowerCase` maps some non-ASCII letters to ASCII ones.
  if (!/^[A-Za-z]+$/.test(word)) return undefined;
  const lower = word.toLowerCase();
  return commandNames.find((name) => name === lower);
}

/** Blank means ASCII spaces and tabs only; a line of U+00A0 or U+3000 is content (fail closed). */
function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

function stripHtmlComments(body: string): string {
  const closed = body.replace(/<!--[\s\S]*?-->/g, '');
  const open = closed.indexOf('<!--');
  return open === -1 ? closed : closed.slice(0, open);
}
