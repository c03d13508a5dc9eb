import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gitHead, uncommittedChanges } from '../../../src/adapters/git/git-dirs.js';
import { GitRepositoryReader } from '../../../src/adapters/git/git-repository-reader.js';
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
});
