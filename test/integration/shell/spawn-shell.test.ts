import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scrubbedEnv } from '../../../src/adapters/shell/scrubbed-env.js';
import { SpawnShell } from '../../../src/adapters/shell/spawn-shell.js';

const node = process.execPath;
const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-shell-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Alive and not a zombie: a container's PID 1 may never reap the orphans we killed. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  return !existsSync(stat) || !/^\d+ \(.*\) Z/.test(readFileSync(stat, 'utf8'));
}

describe('SpawnShell', () => {
  it('runs argv and reports the exit code and output', async () => {
    const result = await new SpawnShell().run({
      command: node,
      args: ['-e', 'process.stdout.write("out"); process.stderr.write("err"); process.exit(3)'],
      cwd: scratch(),
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({
      kind: 'exited',
      exitCode: 3,
      stdout: 'out',
      stderr: 'err',
      truncated: false,
    });
  });

  it('kills the whole process group of a hung command at its timeout', async () => {
    const dir = scratch();
    const pidFile = join(dir, 'child.pid');
    // The parent spawns a grandchild that would outlive it, then both hang (and ignore SIGTERM).
    const script = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));
      process.on('SIGTERM', () => {});
      setInterval(() => {}, 1000);`;
    const shell = new SpawnShell({ killGraceMs: 300 });
    const started = Date.now();
    const result = await shell.run({ command: node, args: ['-e', script], cwd: dir, timeoutMs: 800 });
    expect(result.kind).toBe('timed-out');
    expect(Date.now() - started).toBeLessThan(5000);
    const childPid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(childPid)).toBe(false);
  });

  it('kills the group when the signal aborts', async () => {
    const controller = new AbortController();
    const running = new SpawnShell({ killGraceMs: 200 }).run({
      command: node,
      args: ['-e', 'setInterval(() => {}, 1000)'],
      cwd: scratch(),
      timeoutMs: 30_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 200);
    expect((await running).kind).toBe('aborted');
  });

  it('does not wait for background processes a finished command left behind', async () => {
    const script = `require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' }).unref(); console.log('done')`;
    const result = await new SpawnShell({ killGraceMs: 200 }).run({
      command: node,
      args: ['-e', script],
      cwd: scratch(),
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ kind: 'exited', exitCode: 0, stdout: 'done\n' });
  });

  it('keeps the tail of the output up to maxOutputBytes', async () => {
    const result = await new SpawnShell().run({
      command: node,
      args: ['-e', 'process.stdout.write("a".repeat(100000) + "THE END")'],
      cwd: scratch(),
      timeoutMs: 10_000,
      maxOutputBytes: 1000,
    });
    expect(result.kind).toBe('exited');
    if (result.kind !== 'exited') return;
    expect(result.truncated).toBe(true);
    expect(result.stdout).toHaveLength(1000);
    expect(result.stdout.endsWith('THE END')).toBe(true);
  });

  it('passes stdin', async () => {
    const result = await new SpawnShell().run({
      command: node,
      args: ['-e', 'process.stdin.pipe(process.stdout)'],
      cwd: scratch(),
      timeoutMs: 10_000,
      stdin: 'hello',
    });
    expect(result).toMatchObject({ kind: 'exited', stdout: 'hello' });
  });

  it('reports a missing program as failed-to-start', async () => {
    const result = await new SpawnShell().run({
      command: 'maestro-no-such-program',
      args: ['secret-arg'],
      cwd: scratch(),
      timeoutMs: 10_000,
    });
    expect(result).toEqual({ kind: 'failed-to-start', error: 'maestro-no-such-program: ENOENT' });
  });

  it('passes a shell-looking title as a plain argument: nothing is executed', async () => {
    const marker = join(tmpdir(), `pwned-${process.pid}-${Date.now()}`);
    const titles = [
      `$(touch ${marker})`,
      `\`touch ${marker}\``,
      `a"; touch ${marker}; echo "`,
      '--upload-pack=touch x',
    ];
    for (const title of titles) {
      const result = await new SpawnShell().run({
        command: node,
        args: ['-e', 'process.stdout.write(process.argv[1])', '--', title],
        cwd: scratch(),
        timeoutMs: 10_000,
      });
      expect(result).toMatchObject({ kind: 'exited', stdout: title });
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('gives the child no secrets from the parent environment', async () => {
    const parentEnv = {
      ...process.env,
      ANTHROPIC_API_KEY: 'sk-ant-canary-1',
      GITHUB_TOKEN: 'ghs_canary2',
      AWS_SECRET_ACCESS_KEY: 'canary3',
      NODE_OPTIONS: '--require=/tmp/evil.js',
      SOME_UNLISTED_VAR: 'x',
    };
    const result = await new SpawnShell({ parentEnv }).run({
      command: node,
      args: ['-e', 'process.stdout.write(JSON.stringify(process.env))'],
      cwd: scratch(),
      env: { NPM_TOKEN: 'canary4', MY_SETTING: 'kept' },
      timeoutMs: 10_000,
    });
    expect(result.kind).toBe('exited');
    if (result.kind !== 'exited') return;
    const env = JSON.parse(result.stdout) as Record<string, string>;
    expect(result.stdout).not.toMatch(/canary/);
    expect(env).not.toHaveProperty('ANTHROPIC_API_KEY');
    expect(env).not.toHaveProperty('GITHUB_TOKEN');
    expect(env).not.toHaveProperty('NODE_OPTIONS');
    expect(env).not.toHaveProperty('SOME_UNLISTED_VAR');
    expect(env).toMatchObject({
      MY_SETTING: 'kept',
      CI: 'true',
      GIT_TERMINAL_PROMPT: '0',
      PATH: process.env.PATH,
    });
  });
});

describe('scrubbedEnv', () => {
  it('drops secret-looking names even when passed explicitly', () => {
    const env = scrubbedEnv(
      { GH_AUTH: 'x', DB_PASSWORD: 'x', SESSION_ID: 'x', MY_COOKIE: 'x', PRIVATE_KEY_PATH: 'x', FOO: 'bar' },
      { PATH: '/bin', HOME: '/home/x', OPENAI_API_KEY: 'x' },
    );
    expect(env).toEqual({ PATH: '/bin', HOME: '/home/x', FOO: 'bar', CI: 'true', GIT_TERMINAL_PROMPT: '0' });
  });
});
