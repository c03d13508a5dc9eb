import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gitHead, uncommittedChanges } from '../../../src/adapters/git/git-dirs.js';
import { GitRepositoryReader } from '../../../src/adapters/git/git-repository-reader.js';
import { SimpleGitWorkspace } from '../../../src/adapters/git/simple-git-workspace.js';
import { git, tempDir, tempRepo } from '../../support/temp-repo.js';

// Every git call goes through the one hardened client (git-client.ts), including the readers that
// used to call simple-git bare: a repository's own config cannot make them run a command, and the
// orchestrator's environment cannot point them at another repository.
describe('git readers use the hardened client', () => {
  const disposers: Array<() => void> = [];
  afterEach(() => {
    vi.unstubAllEnvs();
    for (const dispose of disposers.splice(0)) dispose();
  });
  const repo = (files: Record<string, string>) => {
    const r = tempRepo(files);
    disposers.push(r.dispose);
    return r;
  };

  it('a core.fsmonitor command in the repository’s config never runs', async () => {
    const r = repo({ 'a.txt': 'one\n' });
    const out = tempDir();
    disposers.push(out.dispose);
    const marker = join(out.path, 'fsmonitor-ran');
    const hook = join(out.path, 'hook.sh');
    writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
    git(r.root, 'config', 'core.fsmonitor', hook);
    writeFileSync(join(r.root, 'a.txt'), 'two\n');
    // Plain git does run it: the attack is real.
    git(r.root, 'status', '--porcelain');
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);

    expect(await uncommittedChanges(r.root)).toEqual(['a.txt']);
    const reader = await GitRepositoryReader.open(r.root);
    expect(reader.root).toBeTruthy();
    expect(existsSync(marker)).toBe(false);
  });

  it('GIT_DIR in the environment cannot point a reader at another repository', async () => {
    const mine = repo({ 'mine.txt': 'x\n' });
    const other = repo({ 'other.txt': 'y\n' });
    vi.stubEnv('GIT_DIR', join(other.root, '.git'));
    const head = await gitHead(mine.root);
    vi.unstubAllEnvs();
    expect(head.head).toBe(git(mine.root, 'rev-parse', 'HEAD').trim());
    expect(head.head).not.toBe(git(other.root, 'rev-parse', 'HEAD').trim());
  });

  // A checkpoint's `update-ref` runs outside simple-git (quietGit: no 50 ms wait for a silent
  // process) with the same config and environment: the reference-transaction hook git runs on
  // every ref update stays off, and the orchestrator's GIT_DIR cannot redirect the ref.
  it('a checkpoint’s ref update runs no reference-transaction hook and ignores GIT_DIR', async () => {
    const r = repo({ 'a.txt': 'one\n' });
    const other = repo({ 'other.txt': 'y\n' });
    const out = tempDir();
    disposers.push(out.dispose);
    const marker = join(out.path, 'hook-ran');
    mkdirSync(join(r.root, '.git', 'hooks'), { recursive: true });
    writeFileSync(join(r.root, '.git', 'hooks', 'reference-transaction'), `#!/bin/sh\ntouch '${marker}'\n`, {
      mode: 0o755,
    });
    // Plain git does run it on a ref update: the attack is real.
    git(r.root, 'update-ref', 'refs/heads/probe', 'HEAD');
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);

    const worktrees = tempDir();
    disposers.push(worktrees.dispose);
    const ws = await SimpleGitWorkspace.open(r.root, { worktreeRoot: worktrees.path });
    await ws.checkoutRunBranch('maestro/run');
    rmSync(marker, { force: true });
    const otherHead = git(other.root, 'rev-parse', 'HEAD').trim();
    writeFileSync(join(r.root, 'a.txt'), 'two\n');
    vi.stubEnv('GIT_DIR', join(other.root, '.git'));
    const result = await ws.commitAll(
      'change',
      { session: 'mae-20261120-223000-7f3a', task: 'T1', checkpoint: 1 },
      {
        protectedPaths: [],
      },
    );
    vi.unstubAllEnvs();
    expect(result.kind).toBe('integrated');
    expect(result.kind === 'integrated' && result.sha).toBe(git(r.root, 'rev-parse', 'maestro/run').trim());
    expect(git(r.root, 'show', 'maestro/run:a.txt').trim()).toBe('two');
    expect(git(other.root, 'rev-parse', 'HEAD').trim()).toBe(otherHead);
    expect(existsSync(marker)).toBe(false);
  });
});
