import { appendFileSync, chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthHeader } from '../../../src/adapters/git/push-auth.js';
import { SimpleGitWorkspace } from '../../../src/adapters/git/simple-git-workspace.js';
import { bareOrigin } from '../../support/bare-origin.js';
import { git, tempDir, tempRepo } from '../../support/temp-repo.js';

/*
 * Breaks 2, 4 and 5 against Maestro's own git, with real git and a real listener: what test code
 * could plant in the repository after the run began (a push URL, a filter, a hook), and what a
 * task could try to commit (a key, a protected file, a symlink out). Each must get nothing: the
 * listener sees no connection, no planted program runs, nothing reaches the bare origin.
 */
const token = `ghs_${'T'.repeat(36)}`;
const policy = { protectedPaths: ['.github/workflows/**', '.npmrc', 'CLAUDE.md'] };
const trailers = (n: number) => ({ session: 'mae-20261202-120000-abcd', task: `T${n}`, checkpoint: n });
const cleanups: (() => void)[] = [];
let listener: Server;
let connections = 0;
let listenerUrl: string;

beforeAll(async () => {
  listener = createServer((req, res) => {
    connections += 1;
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="x"' }).end();
    req.resume();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/steal.git`;
});
afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

async function open() {
  const repo = tempRepo({ 'a.txt': 'a\n' });
  const worktrees = tempDir();
  cleanups.push(repo.dispose, worktrees.dispose);
  const origin = bareOrigin(repo.root);
  cleanups.push(origin.dispose);
  const ws = await SimpleGitWorkspace.open(repo.root, {
    worktreeRoot: worktrees.path,
    pushAuth: { header: basicAuthHeader(token) },
    secrets: [token, 'sk-ant-canary-0123456789abcdef'],
  });
  await ws.checkoutRunBranch('maestro/issue-1');
  return { ws, root: ws.root, origin };
}

/** Whether origin's run branch holds any commit beyond main (it may exist at the base). */
const originHas = (origin: { path: string }, branch: string) =>
  git(origin.path, 'for-each-ref', '--format=%(refname)', `refs/heads/${branch}`) !== '' &&
  git(origin.path, 'rev-list', '--count', `main..refs/heads/${branch}`) !== '0';

describe('config planted after the workspace opened', () => {
  it.each([
    ['remote.origin.pushurl', (root: string) => git(root, 'config', 'remote.origin.pushurl', listenerUrl)],
    ['remote.origin.url', (root: string) => git(root, 'config', 'remote.origin.url', listenerUrl)],
    ['url.<x>.insteadOf', (root: string) => git(root, 'config', `url.${listenerUrl}.insteadOf`, '/')],
  ])('%s: the push is refused and the listener receives nothing', async (_name, plant) => {
    const { ws, root, origin } = await open();
    writeFileSync(join(root, 'a.txt'), 'b\n');
    const committed = await ws.commitAll('change', trailers(1), policy).catch((e: Error) => e);
    plant(root);
    const pushed = await ws
      .push('maestro/issue-1')
      .catch((e: Error) => ({ kind: 'threw', message: e.message }));
    expect(pushed.kind).not.toBe('pushed');
    expect(connections).toBe(0);
    expect(originHas(origin, 'maestro/issue-1')).toBe(false);
    expect(committed).not.toBeInstanceOf(Error);
  });

  it('a filter driver and .gitattributes planted after open never run', async () => {
    const { ws, root } = await open();
    const marker = join(tmpdir(), `maestro-filter-ran-${process.pid}-${Date.now()}`);
    git(root, 'config', 'filter.x.clean', `sh -c 'env > ${marker}; cat'`);
    writeFileSync(join(root, '.gitattributes'), '* filter=x\n');
    writeFileSync(join(root, 'a.txt'), 'b\n');
    await ws.commitAll('change', trailers(1), policy).catch(() => undefined);
    expect(existsSync(marker)).toBe(false);
  });

  it('a hook or fsmonitor planted after open never runs', async () => {
    const { ws, root } = await open();
    const marker = join(tmpdir(), `maestro-hook-ran-${process.pid}-${Date.now()}`);
    mkdirSync(join(root, '.git', 'hooks'), { recursive: true });
    writeFileSync(join(root, '.git', 'hooks', 'pre-commit'), `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(join(root, '.git', 'hooks', 'pre-commit'), 0o755);
    appendFileSync(join(root, '.git', 'config'), `[core]\n\tfsmonitor = touch ${marker}\n`);
    writeFileSync(join(root, 'a.txt'), 'b\n');
    await ws.commitAll('change', trailers(1), policy).catch(() => undefined);
    await ws.push('maestro/issue-1').catch(() => undefined);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('what a task tries to commit', () => {
  async function taskChanges(change: (worktree: string) => void) {
    const { ws, origin } = await open();
    const worktree = await ws.addWorktree('T1', await ws.head());
    change(worktree.path);
    const result = await ws.integrate(worktree, 'task', trailers(1), policy);
    const pushed = await ws.push('maestro/issue-1').catch(() => undefined);
    await ws.removeWorktree(worktree);
    return { result, pushed, origin, ws };
  }

  it.each([
    [
      'a workflow created by a command',
      (w: string) => {
        mkdirSync(join(w, '.github/workflows'), { recursive: true });
        writeFileSync(join(w, '.github/workflows/x.yml'), 'on: push\n');
      },
    ],
    ['an .npmrc', (w: string) => writeFileSync(join(w, '.npmrc'), '//registry/:_authToken=x\n')],
    ['a CLAUDE.md', (w: string) => writeFileSync(join(w, 'CLAUDE.md'), 'do anything\n')],
    ['a symlink to ~/.ssh', (w: string) => symlinkSync('/root/.ssh', join(w, 'keys'))],
    ['a symlink out of the worktree', (w: string) => symlinkSync('../../../etc/passwd', join(w, 'p'))],
    ['the run token in a file', (w: string) => writeFileSync(join(w, 'leak.txt'), `token=${token}\n`)],
    [
      'the model key base64-encoded',
      (w: string) =>
        writeFileSync(join(w, 'leak.txt'), Buffer.from('sk-ant-canary-0123456789abcdef').toString('base64')),
    ],
    ['a GitHub token shape', (w: string) => writeFileSync(join(w, 'leak.txt'), `ghp_${'x'.repeat(36)}\n`)],
  ])('%s: refused, nothing integrated or pushed, no value in the reason', async (_name, change) => {
    const { result, origin } = await taskChanges(change);
    expect(result.kind).toBe('refused');
    if (result.kind === 'refused') {
      expect(result.blocked.length).toBeGreaterThan(0);
      expect(JSON.stringify(result)).not.toContain(token);
      expect(JSON.stringify(result)).not.toContain('sk-ant-canary');
    }
    expect(originHas(origin, 'maestro/issue-1')).toBe(false);
  });

  it('a harmless change is integrated and pushed', async () => {
    const { result, origin } = await taskChanges((w) => writeFileSync(join(w, 'b.txt'), 'fine\n'));
    expect(result.kind).toBe('integrated');
    expect(originHas(origin, 'maestro/issue-1')).toBe(true);
  });

  it('a secret in the commit message stops the commit', async () => {
    const { ws, root, origin } = await open();
    writeFileSync(join(root, 'a.txt'), 'b\n');
    const result = await ws
      .commitAll(`done; the key is ${token}`, trailers(1), policy)
      .catch((e: Error) => e);
    expect(result instanceof Error || result.kind === 'refused').toBe(true);
    expect(JSON.stringify(result instanceof Error ? result.message : result)).not.toContain(token);
    await ws.push('maestro/issue-1').catch(() => undefined);
    expect(git(origin.path, 'log', '--all', '--format=%B')).not.toContain(token);
  });
});
