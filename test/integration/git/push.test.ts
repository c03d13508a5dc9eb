import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { basicAuthHeader } from '../../../src/adapters/git/push-auth.js';
import { SimpleGitWorkspace } from '../../../src/adapters/git/simple-git-workspace.js';
import { bareOrigin } from '../../support/bare-origin.js';
import { git, tempDir, tempRepo } from '../../support/temp-repo.js';

const cleanups: Array<() => void> = [];
const policy = { protectedPaths: ['.github/workflows/**'] };
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const trailers = (checkpoint: number) => ({
  session: 'mae-20261120-223000-7f3a',
  task: `T${checkpoint}`,
  checkpoint,
});

async function setup(options: { origin?: boolean; token?: string } = {}) {
  const repo = tempRepo({ 'a.txt': 'a\n' });
  const worktrees = tempDir();
  cleanups.push(repo.dispose, worktrees.dispose);
  const origin = options.origin === false ? undefined : bareOrigin(repo.root);
  if (origin) cleanups.push(origin.dispose);
  const ws = await SimpleGitWorkspace.open(repo.root, {
    worktreeRoot: worktrees.path,
    ...(options.token ? { pushAuth: { header: basicAuthHeader(options.token) } } : {}),
  });
  await ws.checkoutRunBranch('maestro/issue-1');
  writeFileSync(join(ws.root, 'a.txt'), 'changed\n');
  await ws.commitAll('change', trailers(1), policy);
  return { ws, root: ws.root, origin };
}

describe('push', () => {
  it('pushes the run branch to the bare origin', async () => {
    const { ws, origin } = await setup();
    expect(await ws.push('maestro/issue-1')).toEqual({ kind: 'pushed' });
    expect(git(origin!.path, 'rev-parse', 'refs/heads/maestro/issue-1')).toBe(await ws.head());
    expect(git(origin!.path, 'for-each-ref', '--format=%(refname)').split('\n').sort()).toEqual(
      ['refs/heads/main', 'refs/heads/maestro/issue-1'].sort(),
    );
  });

  it('returns no-remote when there is no origin', async () => {
    const { ws } = await setup({ origin: false });
    expect(await ws.push('maestro/issue-1')).toEqual({ kind: 'no-remote' });
  });

  it("returns moved with origin's tip, without forcing, when someone else pushed to the branch", async () => {
    const { ws, origin } = await setup();
    expect((await ws.push('maestro/issue-1')).kind).toBe('pushed');
    const other = origin!.clone();
    git(other, 'checkout', '-q', 'maestro/issue-1');
    writeFileSync(join(other, 'b.txt'), 'theirs\n');
    git(other, 'add', '-A');
    git(other, 'commit', '-qm', 'someone else');
    git(other, 'push', '-q', 'origin', 'maestro/issue-1');
    const theirs = git(other, 'rev-parse', 'HEAD');

    writeFileSync(join(ws.root, 'a.txt'), 'ours\n');
    await ws.commitAll('ours', trailers(2), policy);
    const result = await ws.push('maestro/issue-1');
    expect(result).toEqual({
      kind: 'moved',
      reason: expect.stringMatching(/fetch first|non-fast-forward/),
      head: theirs,
    });
    expect(git(origin!.path, 'rev-parse', 'refs/heads/maestro/issue-1')).toBe(theirs);

    // The same commits go to another maestro/ branch beside it, and nowhere else.
    expect(await ws.push('maestro/issue-1', { to: 'maestro/issue-1-rescue' })).toEqual({ kind: 'pushed' });
    expect(git(origin!.path, 'rev-parse', 'refs/heads/maestro/issue-1-rescue')).toBe(await ws.head());
    expect(git(origin!.path, 'rev-parse', 'refs/heads/maestro/issue-1')).toBe(theirs);
    await expect(ws.push('maestro/issue-1', { to: 'main' })).rejects.toThrow(/Refusing branch "main"/);
  });

  it("returns rejected with the hook's words, token-like values redacted, when origin declines the update", async () => {
    const { ws, origin } = await setup();
    const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    const hook = join(origin!.path, 'hooks', 'pre-receive');
    writeFileSync(
      hook,
      `#!/bin/sh\necho "error: GH006: Protected branch update failed for refs/heads/maestro/issue-1 (${token})" >&2\nexit 1\n`,
    );
    chmodSync(hook, 0o755);
    const result = await ws.push('maestro/issue-1');
    expect(result).toEqual({
      kind: 'rejected',
      reason: expect.stringContaining(
        'pre-receive hook declined: GH006: Protected branch update failed for refs/heads/maestro/issue-1',
      ),
    });
    expect(JSON.stringify(result)).not.toContain(token);
    expect(JSON.stringify(result)).toContain('[REDACTED]');
    expect(() => git(origin!.path, 'rev-parse', '--verify', '-q', 'refs/heads/maestro/issue-1')).toThrow();
  });

  it('refuses to push a branch that is not a maestro/ branch', async () => {
    const { ws, origin } = await setup();
    const mainBefore = git(origin!.path, 'rev-parse', 'refs/heads/main');
    await expect(ws.push('main')).rejects.toThrow(/only works on branches named like maestro/);
    await expect(ws.push('maestro/x:refs/heads/main')).rejects.toThrow(/Refusing branch/);
    expect(git(origin!.path, 'rev-parse', 'refs/heads/main')).toBe(mainBefore);
  });

  it('passes the auth header for the one push only, never into .git/config or the remote URL', async () => {
    const token = 'ghs_canaryTOKEN1234567890abcdefghijklmnop';
    const { ws, root } = await setup({ token });
    expect(await ws.push('maestro/issue-1')).toEqual({ kind: 'pushed' });
    const config = readFileSync(join(root, '.git', 'config'), 'utf8');
    const encoded = Buffer.from(`x-access-token:${token}`).toString('base64');
    for (const secret of [token, encoded, 'AUTHORIZATION', 'extraheader']) {
      expect(config.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    expect(git(root, 'remote', 'get-url', 'origin')).not.toContain(token);
  });
});
