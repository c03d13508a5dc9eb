import { Command, Help } from 'commander';
import { redactingIo } from './cli-secrets.js';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES_HELP, exitFor } from './exit-codes.js';
import type { CliIo } from './io.js';
import { processIo } from './process-io.js';
import { packageVersion } from './version.js';

export { processIo };

type CommandFactory = (ctx: CommandContext) => Command;

/**
 * The commands, in help order. Each module is imported only when its command runs: a command's
 * module pulls in what it needs (discovery and the tokenizer, the AI SDK, simple-git), and
 * `maestro --help` should not pay for all of that. `term` and `description` are what the top-level
 * help shows; a test compares that help with the one built from the loaded commands.
 */
export const COMMANDS: readonly {
  name: string;
  term: string;
  description: string;
  load(): Promise<CommandFactory>;
}[] = [
  {
    name: 'demo',
    term: 'demo [options]',
    description:
      'Run the whole lifecycle offline on a bundled sample project (a recorded model session; no key needed)',
    load: async () => (await import('./commands/demo.js')).demoCommand,
  },
  {
    name: 'run',
    term: 'run [options] [request]',
    description:
      'Plan an issue (phase 1: discovery, questions, decisions, PRD, task preview), then ask for approval',
    load: async () => (await import('./commands/run.js')).runCommand,
  },
  {
    name: 'resume',
    term: 'resume [options] [session]',
    description: 'Continue a session from its last checkpoint (default: the newest session)',
    load: async () => (await import('./commands/resume.js')).resumeCommand,
  },
  {
    name: 'sessions',
    term: 'sessions [options]',
    description: 'List the Maestro sessions of this repository, newest first, with their status',
    load: async () => (await import('./commands/sessions.js')).sessionsCommand,
  },
  {
    name: 'rollback',
    term: 'rollback [options] <session> [n]',
    description: 'Restore checkpoint N of a session as a new commit on its branch (history is kept)',
    load: async () => (await import('./commands/rollback.js')).rollbackCommand,
  },
  {
    name: 'context',
    term: 'context [options]',
    description: 'Show the files discovery ranks and packs for an issue (no model call)',
    load: async () => (await import('./commands/context.js')).contextCommand,
  },
  {
    name: 'config',
    term: 'config',
    description: 'Check .github/maestro.yml or print its JSON Schema.',
    load: async () => (await import('./commands/config.js')).configCommand,
  },
];

/**
 * Builds the `maestro` program. `load` names the commands whose modules are imported (default:
 * all); every other command is a stub with its name and description, enough for the top-level
 * help and for commander's "unknown command" suggestions.
 */
export async function buildProgram(
  ctx: CommandContext,
  load: (name: string) => boolean = () => true,
): Promise<Command> {
  const program = new Command('maestro')
    .description('Turn an issue into an approved plan and then into a pull request.')
    .version(packageVersion())
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s) })
    .exitOverride();
  const stubTerms = new Map<string, string>();
  for (const entry of COMMANDS) {
    if (load(entry.name)) program.addCommand((await entry.load())(ctx));
    else {
      program.addCommand(new Command(entry.name).description(entry.description));
      stubTerms.set(entry.name, entry.term);
    }
  }
  program.configureHelp({
    subcommandTerm: (cmd) => stubTerms.get(cmd.name()) ?? defaultSubcommandTerm(cmd),
  });
  for (const sub of program.commands) {
    sub
      .exitOverride()
      .configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s) });
  }
  return program;
}

function defaultSubcommandTerm(cmd: Command): string {
  return new Help().subcommandTerm(cmd);
}

/** The command `argv` runs: its first word that is not an option (undefined for `--help`, `-V`, …). */
export function commandOf(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  // `maestro help context` shows the help of context, so context is loaded.
  const word = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.some((c) => c.name === word) ? word : undefined;
}

/** Runs the CLI and returns the exit code (never calls process.exit, so tests can drive it). */
export async function main(argv: string[], rawIo: CliIo = processIo()): Promise<number> {
  // Everything the CLI prints passes the secret redactor with the environment's keys and tokens.
  const io = redactingIo(rawIo);
  let code = 0;
  const ctx: CommandContext = {
    io,
    exit: (c) => {
      code = c;
    },
  };
  try {
    const chosen = commandOf(argv);
    const program = await buildProgram(ctx, (name) => name === chosen);
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    const exit = exitFor(error);
    if (exit.message) io.stderr(`[Maestro] ✗ ${exit.message}\n`);
    return exit.code;
  }
}
