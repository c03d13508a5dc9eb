import { createInterface } from 'node:readline/promises';
import { Command, CommanderError } from 'commander';
import { errorMessage, MaestroError } from '../core/errors.js';
import { redactingIo } from './cli-secrets.js';
import type { CommandContext } from './command-context.js';
import { configCommand } from './commands/config.js';
import { contextCommand } from './commands/context.js';
import { demoCommand } from './commands/demo.js';
import { resumeCommand } from './commands/resume.js';
import { rollbackCommand } from './commands/rollback.js';
import { runCommand } from './commands/run.js';
import { sessionsCommand } from './commands/sessions.js';
import type { CliIo } from './io.js';

/** Builds the `maestro` program; each command lives in its own file under commands/. */
export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('maestro')
    .description('Turn an issue into an approved plan and then into a pull request.')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s) })
    .exitOverride();
  program.addCommand(demoCommand(ctx));
  program.addCommand(runCommand(ctx));
  program.addCommand(resumeCommand(ctx));
  program.addCommand(sessionsCommand(ctx));
  program.addCommand(rollbackCommand(ctx));
  program.addCommand(contextCommand(ctx));
  program.addCommand(configCommand(ctx));
  for (const sub of program.commands) {
    sub
      .exitOverride()
      .configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s) });
  }
  return program;
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
    await buildProgram(ctx).parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof MaestroError) {
      io.stderr(`[Maestro] ✗ ${error.message}\n`);
      return 1;
    }
    io.stderr(`[Maestro] ✗ Unexpected error: ${errorMessage(error)}\n`);
    return 2;
  }
}

export function processIo(): CliIo {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    readLine: async (prompt) => {
      const rl = createInterface({
        input: process.stdin,
        output: process.stdout,
        terminal: process.stdin.isTTY,
      });
      try {
        return await rl.question(prompt);
      } catch {
        return undefined;
      } finally {
        rl.close();
      }
    },
  };
}
