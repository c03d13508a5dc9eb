import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../src/cli/command-context.js';
import { configCommand } from '../../../src/cli/commands/config.js';
import type { CliIo } from '../../../src/cli/io.js';
import { configJsonSchema } from '../../../src/core/config/json-schema.js';

type FakeIo = CliIo & { out: string; err: string };

function fakeIo(cwd: string): FakeIo {
  const io: FakeIo = {
    out: '',
    err: '',
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
    env: {},
    cwd,
    isTTY: false,
  };
  return io;
}

// Drives the real `main` when the whole CLI is importable; until every command file exists, a
// program built the way `main` builds it (exit overrides, output through io, exit code from ctx).
async function runCli(argv: string[], io: CliIo): Promise<number> {
  const cli = await import('../../../src/cli/main.js').catch(() => undefined);
  if (cli) return cli.main(argv, io);
  let code = 0;
  const ctx: CommandContext = {
    io,
    exit: (c) => {
      code = c;
    },
  };
  const output = { writeOut: (s: string) => io.stdout(s), writeErr: (s: string) => io.stderr(s) };
  const program = new Command('maestro').exitOverride().configureOutput(output);
  program.addCommand(configCommand(ctx));
  for (const sub of program.commands) sub.exitOverride().configureOutput(output);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
}

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'maestro-config-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function writeConfig(path: string, text: string): Promise<void> {
  await mkdir(join(cwd, path, '..'), { recursive: true });
  await writeFile(join(cwd, path), text);
}

describe('maestro config validate', () => {
  it('says the defaults apply when there is no .github/maestro.yml', async () => {
    const io = fakeIo(cwd);
    expect(await runCli(['config', 'validate'], io)).toBe(0);
    expect(io.out).toContain('No .github/maestro.yml');
    expect(io.out).toContain('the defaults apply');
    expect(io.err).toBe('');
  });

  it('fails when a file named on the command line does not exist', async () => {
    const io = fakeIo(cwd);
    expect(await runCli(['config', 'validate', 'missing.yml'], io)).toBe(1);
    expect(io.err).toContain('missing.yml does not exist');
  });

  it('accepts a valid default file', async () => {
    await writeConfig('.github/maestro.yml', 'orchestrator:\n  max_parallel: 4\n');
    const io = fakeIo(cwd);
    expect(await runCli(['config', 'validate'], io)).toBe(0);
    expect(io.out).toBe('✓ .github/maestro.yml is valid\n');
  });

  it('accepts a valid file given by path', async () => {
    await writeConfig('conf/other.yml', 'trigger: { label: ai }\n');
    const io = fakeIo(cwd);
    expect(await runCli(['config', 'validate', 'conf/other.yml'], io)).toBe(0);
    expect(io.out).toBe('✓ conf/other.yml is valid\n');
  });

  it('lists every problem with its line and points to the schema', async () => {
    await writeConfig('.github/maestro.yml', 'orchestrator:\n  max_paralel: 4\n  max_parallel: 40\n');
    const io = fakeIo(cwd);
    expect(await runCli(['config', 'validate'], io)).toBe(1);
    expect(io.out).toBe('');
    const lines = io.err.trimEnd().split('\n');
    expect(lines).toEqual([
      '[Maestro] ✗ .github/maestro.yml has 2 problems:',
      '  .github/maestro.yml:2  orchestrator.max_paralel: unknown key `max_paralel`: did you mean `max_parallel`?',
      '  .github/maestro.yml:3  orchestrator.max_parallel: must be at most 16 (got 40)',
      expect.stringContaining('maestro config schema'),
    ]);
  });

  it('reports invalid YAML with its line', async () => {
    await writeConfig('.github/maestro.yml', 'trigger:\n  label: maestro\n bad: [\n');
    const io = fakeIo(cwd);
    expect(await runCli(['config', 'validate'], io)).toBe(1);
    expect(io.err).toMatch(/\.github\/maestro\.yml:3 {2}invalid YAML: /);
  });

  it('refuses workflow edits without the acknowledgement', async () => {
    await writeConfig('.github/maestro.yml', 'paths:\n  allow_workflow_edits: true\n');
    const io = fakeIo(cwd);
    expect(await runCli(['config', 'validate'], io)).toBe(1);
    expect(io.err).toContain(
      ".github/maestro.yml:2  paths.allow_workflow_edits: is unsafe: an edited workflow runs with the repository's secrets. To allow it anyway, add `i_understand_workflow_edits_run_with_repository_secrets: true`",
    );
  });
});

describe('maestro config schema', () => {
  it('prints the JSON Schema', async () => {
    const io = fakeIo(cwd);
    expect(await runCli(['config', 'schema'], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual(configJsonSchema());
  });
});
