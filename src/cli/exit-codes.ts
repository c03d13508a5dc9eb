import { constants } from 'node:os';
import { CommanderError } from 'commander';
import { errorMessage, MaestroError } from '../core/errors.js';

/**
 * The CLI's exit codes, documented in `maestro --help` and the README: scripts branch on them.
 * 2 is a mistake in how Maestro was called (fix the command line); 1 is a run that could not
 * finish (read the message); 128+N is a run stopped by signal N (130 for Ctrl-C).
 */
export const EXIT = { done: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0    done (a plan shown, approved and run; a dry run; a listing)
  1    the run failed or was refused (the message says why and what to do next)
  2    usage error: a wrong option or argument, an unknown chain, no terminal to answer questions
  130  interrupted (Ctrl-C; 143 for SIGTERM): work in progress is kept as a checkpoint
`;

/** A mistake in the command line itself: exit 2, and the message says how to call it instead. */
export class UsageError extends MaestroError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super(message, { code: 'cli.usage' });
  }
}

/** Codes of MaestroErrors that are usage errors wherever they are thrown (E002: an unknown chain). */
const USAGE_CODES = new Set(['cli.usage', 'E002']);

/** 128 + the signal's number, as a shell reports a process killed by it (130 for SIGINT). */
export function exitCodeForSignal(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 2);
}

/** What `main` prints and returns for an error that ended a command. */
export function exitFor(error: unknown): { code: number; message?: string } {
  if (error instanceof CommanderError) {
    // Help and --version end through commander's exit too; they are not errors.
    const shown = ['commander.helpDisplayed', 'commander.help', 'commander.version'];
    return { code: shown.includes(error.code) || error.exitCode === 0 ? EXIT.done : EXIT.usage };
  }
  if (error instanceof MaestroError)
    return { code: USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.failed, message: error.message };
  return { code: EXIT.failed, message: `Unexpected error: ${errorMessage(error)}` };
}
