import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { Command } from 'commander';
import { DEFAULT_CONFIG_PATH } from '../../core/config/config-path.js';
import { configJsonSchema } from '../../core/config/json-schema.js';
import { formatConfigIssues, parseConfigText } from '../../core/config/load-config.js';
import { ConfigError, errorMessage } from '../../core/errors.js';
import type { CommandContext } from '../command-context.js';

/** `maestro config validate [file]` and `maestro config schema`. */
export function configCommand(ctx: CommandContext): Command {
  const command = new Command('config').description('Check .github/maestro.yml or print its JSON Schema.');

  command
    .command('validate')
    .description(`Validate a Maestro config file (default: ${DEFAULT_CONFIG_PATH}).`)
    .argument('[file]', 'the config file to check')
    .action(async (file: string | undefined) => validate(ctx, file));

  command
    .command('schema')
    .description('Print the JSON Schema of the config file (for editors and CI).')
    .action(() => ctx.io.stdout(`${JSON.stringify(configJsonSchema(), null, 2)}\n`));

  return command;
}

async function validate(ctx: CommandContext, file: string | undefined): Promise<void> {
  const { io } = ctx;
  const path = resolve(io.cwd, file ?? DEFAULT_CONFIG_PATH);
  const shown = displayPath(io.cwd, path);
  const text = await readText(path);
  if (text.kind === 'missing') {
    if (file === undefined) {
      io.stdout(`No ${shown} in ${io.cwd}: nothing to validate, the defaults apply.\n`);
      return;
    }
    io.stderr(`[Maestro] ✗ ${shown} does not exist (looked for ${path}).\n`);
    ctx.exit(1);
    return;
  }
  if (text.kind === 'unreadable') {
    io.stderr(`[Maestro] ✗ Could not read ${shown}: ${text.reason}\n`);
    ctx.exit(1);
    return;
  }
  try {
    parseConfigText(text.text, shown);
    io.stdout(`✓ ${shown} is valid\n`);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const count = error.issues.length;
    io.stderr(`[Maestro] ✗ ${shown} has ${count} problem${count === 1 ? '' : 's'}:\n`);
    io.stderr(`${formatConfigIssues(error, shown)}\n`);
    io.stderr('Run `maestro config schema` to see every allowed key, its type and its default.\n');
    ctx.exit(1);
  }
}

type ReadResult =
  | { kind: 'read'; text: string }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string };

async function readText(path: string): Promise<ReadResult> {
  try {
    return { kind: 'read', text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: errorMessage(error) };
  }
}

// Paths inside the working directory are shown relative to it, as a user typed them.
function displayPath(cwd: string, path: string): string {
  const inside = relative(cwd, path);
  return inside.startsWith('..') ? path : inside;
}
