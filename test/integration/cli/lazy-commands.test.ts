import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../src/cli/command-context.js';
import { buildProgram, COMMANDS, commandOf } from '../../../src/cli/main.js';

const root = resolve(import.meta.dirname, '../../..');
const scratch = mkdtempSync(join(tmpdir(), 'maestro-lazy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let logs = 0;

/** The help text a program prints for `--help`. */
async function helpOf(load: (name: string) => boolean): Promise<string> {
  let out = '';
  const write = (s: string) => {
    out += s;
  };
  const ctx: CommandContext = {
    io: {
      stdout: write,
      stderr: write,
      env: {},
      cwd: root,
      isTTY: false,
      readLine: async () => undefined,
    },
    exit: () => undefined,
  };
  const program = await buildProgram(ctx, load);
  program.configureOutput({ writeOut: write, writeErr: write });
  await program.parseAsync(['--help'], { from: 'user' }).catch(() => undefined);
  return out;
}

/**
 * Runs the CLI from source in a fresh Node process with a module hook that records every module
 * URL it resolves, so the test sees what a command really imports.
 */
function importsOf(args: string[], env: Record<string, string> = {}): string[] {
  const log = join(scratch, `imports-${logs++}.txt`);
  const hooks = join(scratch, 'hooks.mjs');
  writeFileSync(
    hooks,
    [
      "import { appendFileSync } from 'node:fs';",
      'export async function resolve(specifier, context, next) {',
      '  const result = await next(specifier, context);',
      '  appendFileSync(process.env.IMPORT_LOG, result.url + "\\n");',
      '  return result;',
      '}',
    ].join('\n'),
  );
  const register = join(scratch, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  const result = spawnSync(
    process.execPath,
    ['--import', register, '--import', 'tsx', join(root, 'src/cli/entry.ts'), ...args],
    { cwd: root, env: { ...process.env, ...env, IMPORT_LOG: log }, encoding: 'utf8' },
  );
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(log, 'utf8').trim().split('\n');
}

const HEAVY = [
  /gpt-tokenizer/,
  /node_modules\/ai\//,
  /@ai-sdk\//,
  /simple-git/,
  /src\/discovery\//,
  /probot/,
];

describe('the CLI loads a command only when it runs', () => {
  it('prints the same top-level help as the program with every command loaded', async () => {
    const lazy = await helpOf(() => false);
    const eager = await helpOf(() => true);
    expect(lazy).toContain('context [options]');
    expect(lazy).toBe(eager);
  });

  it('finds the command in argv, including `help <command>`', () => {
    expect(commandOf(['--help'])).toBeUndefined();
    expect(commandOf(['context', '--issue-file', 'x.md'])).toBe('context');
    expect(commandOf(['help', 'run'])).toBe('run');
    expect(commandOf(['nope'])).toBeUndefined();
    expect(COMMANDS.map((c) => c.name)).toEqual([
      'demo',
      'run',
      'resume',
      'sessions',
      'rollback',
      'context',
      'config',
    ]);
  });

  it('`maestro --help` imports no tokenizer, AI SDK, simple-git or discovery; `context --help` does', () => {
    const help = importsOf(['--help']);
    expect(help.some((url) => url.includes('/src/cli/main.ts'))).toBe(true);
    for (const heavy of HEAVY) expect(help.filter((url) => heavy.test(url))).toEqual([]);
    // The recorder sees heavy imports when a command does load them.
    const context = importsOf(['context', '--help']);
    expect(context.some((url) => /src\/discovery\//.test(url))).toBe(true);
    const run = importsOf(['run', '--help']);
    expect(run.some((url) => /simple-git/.test(url))).toBe(true);
  }, 60_000);

  // A warm `maestro context` is the path people wait on (issue 12): it reads the cached rank index
  // and the remembered token counts, and runs git itself (no simple-git, which settles late).
  it('a warm `maestro context` imports no tokenizer, AI SDK, simple-git, Probot, analysis pool or readline', () => {
    const repo = join(scratch, 'repo');
    spawnSync('git', ['init', '-q', '-b', 'main', repo]);
    writeFileSync(join(repo, 'invoice.ts'), 'export function computeInvoiceTotal() { return 1; }\n');
    spawnSync('git', ['-C', repo, 'add', '-A']);
    spawnSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-qm', 'init']);
    const issue = join(scratch, 'issue.md');
    writeFileSync(issue, '# computeInvoiceTotal is wrong\n\nThe invoice total is off by one.\n');
    const args = ['context', '--issue-file', issue, '--repo', repo, '--json'];
    const env = { MAESTRO_CACHE_DIR: join(scratch, 'cache') };
    const cold = importsOf(args, env);
    expect(cold.some((url) => /gpt-tokenizer/.test(url))).toBe(true); // counted exactly once, cold
    const warm = importsOf(args, env);
    expect(warm.some((url) => /src\/discovery\//.test(url))).toBe(true);
    for (const heavy of HEAVY.filter((h) => !h.test('src/discovery/')))
      expect(warm.filter((url) => heavy.test(url))).toEqual([]);
    // Nothing to analyse, so no analysis threads' pool; nothing to ask, so no line reader.
    expect(cold.some((url) => /analysis-pool/.test(url))).toBe(true);
    expect(warm.filter((url) => /analysis-pool|readline/.test(url))).toEqual([]);
  }, 60_000);
});
