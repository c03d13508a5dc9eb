import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';

/**
 * `bin/maestro.js` runs the bundle `scripts/build-cli.mjs` makes (lib/bundle/). Built here into a
 * temporary copy of the package's layout (package.json, node_modules, lib/bundle/ and the analysis
 * pool's lib/adapters/local/), then run as a process: it must find its package and demo files and
 * print exactly what the CLI from source prints.
 */
const root = resolve(import.meta.dirname, '../../..');
let pkg: string;
let repo: string;

beforeAll(() => {
  pkg = mkdtempSync(join(tmpdir(), 'maestro-bundle-'));
  copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'));
  symlinkSync(join(root, 'demo'), join(pkg, 'demo'));
  const built = spawnSync(
    process.execPath,
    [join(root, 'scripts', 'build-cli.mjs'), '--outdir', join(pkg, 'lib', 'bundle')],
    { encoding: 'utf8' },
  );
  expect(built.status, built.stderr).toBe(0);
  // tsc's copy of the pool, which the bundle imports from lib/ (its threads' entry sits beside it).
  buildSync({
    entryPoints: ['src/adapters/local/analysis-pool.ts', 'src/adapters/local/analysis-worker.ts'],
    absWorkingDir: root,
    outdir: join(pkg, 'lib', 'adapters', 'local'),
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  repo = join(pkg, 'repo');
  mkdirSync(repo);
  writeFileSync(join(repo, 'invoice.ts'), 'export function computeInvoiceTotal(lines) {\n  return 1;\n}\n');
  writeFileSync(join(repo, 'README.md'), '# Billing\n\nSee invoice.ts.\n');
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['add', '-A'],
    ['-c', 'user.email=t@e.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', 'commit', '-qm', 'init'],
  ]) {
    expect(spawnSync('git', args, { cwd: repo }).status).toBe(0);
  }
  writeFileSync(
    join(pkg, 'issue.md'),
    '# computeInvoiceTotal is wrong\n\nThe invoice total is off by one.\n',
  );
});

afterAll(() => rmSync(pkg, { recursive: true, force: true }));

function bundled(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(pkg, 'lib', 'bundle', 'maestro.js'), ...args], {
    cwd: pkg,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function fromSource(args: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    env,
    cwd: pkg,
    isTTY: false,
    readLine: async () => undefined,
  };
  return { code: await main(args, io), stdout, stderr };
}

describe('the CLI bundle', () => {
  it('says the package’s version and lists every command', () => {
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
    expect(bundled(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = bundled(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['demo', 'run', 'resume', 'sessions', 'rollback', 'context', 'config'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('prints the same `context --json` as the CLI from source, cold and warm', async () => {
    const args = ['context', '--issue-file', 'issue.md', '--repo', 'repo', '--json'];
    const expected = await fromSource(args, { MAESTRO_CACHE_DIR: join(pkg, 'cache-source') });
    expect(expected.code, expected.stderr).toBe(0);
    expect(expected.stdout).toContain('invoice.ts');
    const env = { MAESTRO_CACHE_DIR: join(pkg, 'cache-bundle') };
    for (const run of [bundled(args, env), bundled(args, env)]) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe(expected.stdout);
    }
  }, 30_000);

  it('runs the demo from the package’s demo/ files', () => {
    const out = bundled(['demo', '--dir', join(pkg, 'demo-run')]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Checkpoint 3/);
  }, 120_000);
});
