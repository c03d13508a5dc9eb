import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimpleGitWorkspace } from '../../../src/adapters/git/simple-git-workspace.js';
import { git, tempDir, tempRepo } from '../../support/temp-repo.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const session = 'mae-20261120-223000-7f3a';
const policy = { protectedPaths: [] };

async function setup(extra: Record<string, string> = {}) {
  const repo = tempRepo({ 'a.txt': 'one\n', '.gitignore': 'build/\n', 'src/b.txt': 'bee\n', ...extra });
  const worktrees = tempDir();
  cleanups.push(repo.dispose, worktrees.dispose);
  const ws = await SimpleGitWorkspace.open(repo.root, { worktreeRoot: worktrees.path });
  await ws.checkoutRunBranch('maestro/run');
  return { root: ws.root, ws };
}

function worktreeCount(root: string): number {
  return git(root, 'worktree', 'list', '--porcelain')
    .split('\n')
    .filter((l) => l.startsWith('worktree ')).length;
}

describe('pooled task worktrees', () => {
  it('gives the next task the same directory, reset to its base with nothing of the task before', async () => {
    const { root, ws } = await setup();
    const first = await ws.addWorktree('T1', await ws.head());
    writeFileSync(join(first.path, 'a.txt'), 'changed by T1\n');
    writeFileSync(join(first.path, 'untracked.txt'), 'left by T1\n');
    mkdirSync(join(first.path, 'build'));
    writeFileSync(join(first.path, 'build', 'out.js'), 'ignored output of T1\n');
    const integrated = await ws.integrate(first, 'T1', { session, task: 'T1', checkpoint: 1 }, policy);
    expect(integrated.kind).toBe('integrated');
    await ws.removeWorktree(first);

    const base = await ws.head();
    const second = await ws.addWorktree('T2', base);
    expect(second.path).toBe(first.path);
    expect(second.base).toBe(base);
    expect(readFileSync(join(second.path, 'a.txt'), 'utf8')).toBe('changed by T1\n');
    expect(existsSync(join(second.path, 'untracked.txt'))).toBe(true); // T1 committed it: it is in base
    expect(existsSync(join(second.path, 'build'))).toBe(false);
    // T2 works in it like in a fresh worktree: its change becomes checkpoint 2 on top of T1's.
    writeFileSync(join(second.path, 'src', 'b.txt'), 'changed by T2\n');
    const two = await ws.integrate(second, 'T2', { session, task: 'T2', checkpoint: 2 }, policy);
    expect(two.kind).toBe('integrated');
    expect(git(root, 'show', 'HEAD:src/b.txt')).toBe('changed by T2');
    expect(git(root, 'show', 'HEAD:a.txt')).toBe('changed by T1');
    await ws.removeWorktree(second);
    await ws.releaseWorktrees();
  });

  it('resets a discarded task completely, restores a rewritten .git file, and release removes them all', async () => {
    const { root, ws } = await setup();
    const base = await ws.head();
    const held = [await ws.addWorktree('T1', base), await ws.addWorktree('T2', base)];
    expect(held[0]!.path).not.toBe(held[1]!.path);
    writeFileSync(join(held[0]!.path, 'a.txt'), 'never integrated\n');
    writeFileSync(join(held[0]!.path, 'stray.txt'), 'stray\n');
    writeFileSync(join(held[0]!.path, '.git'), 'gitdir: /somewhere/else\n');
    for (const w of held) await ws.removeWorktree(w);
    expect(worktreeCount(root)).toBe(3);

    const again = await ws.addWorktree('T3', base);
    expect(held.map((w) => w.path)).toContain(again.path);
    expect(readFileSync(join(again.path, 'a.txt'), 'utf8')).toBe('one\n');
    expect(existsSync(join(again.path, 'stray.txt'))).toBe(false);
    expect(readFileSync(join(again.path, '.git'), 'utf8')).toMatch(/^gitdir: .*worktrees/);
    expect(git(again.path, 'status', '--porcelain')).toBe('');
    await ws.removeWorktree(again);

    await ws.releaseWorktrees();
    expect(worktreeCount(root)).toBe(1);
    for (const w of held) expect(existsSync(w.path)).toBe(false);
  });

  it('drops a worktree whose configuration the task changed: the next task gets a fresh, clean one', async () => {
    const { root, ws } = await setup();
    const base = await ws.head();
    const first = await ws.addWorktree('T1', base);
    const admin = git(first.path, 'rev-parse', '--absolute-git-dir');
    // What a task's command could do: give its worktree a configuration of its own.
    writeFileSync(join(admin, 'config.worktree'), '[core]\n\tsparseCheckout = true\n');
    writeFileSync(join(first.path, 'a.txt'), 'changed by T1\n');
    writeFileSync(join(first.path, 'untracked.txt'), 'left by T1\n');
    mkdirSync(join(first.path, 'build'));
    writeFileSync(join(first.path, 'build', 'out.js'), 'ignored output of T1\n');
    await ws.removeWorktree(first);

    const second = await ws.addWorktree('T2', base);
    expect(second.path).not.toBe(first.path);
    expect(existsSync(first.path)).toBe(false);
    expect(readFileSync(join(second.path, 'a.txt'), 'utf8')).toBe('one\n');
    expect(existsSync(join(second.path, 'untracked.txt'))).toBe(false);
    expect(existsSync(join(second.path, 'build'))).toBe(false);
    expect(git(second.path, '-c', 'core.fsmonitor=false', 'status', '--porcelain', '--ignored')).toBe('');
    // The new worktree is guarded like the first: its change is integrated as usual.
    writeFileSync(join(second.path, 'src', 'b.txt'), 'changed by T2\n');
    const result = await ws.integrate(second, 'T2', { session, task: 'T2', checkpoint: 1 }, policy);
    expect(result.kind).toBe('integrated');
    await ws.removeWorktree(second);
    await ws.releaseWorktrees();
    expect(worktreeCount(root)).toBe(1);
  });

  it.each([
    ['pooled', true],
    ['fresh', false],
  ])('checks out no %s worktree once a filter was planted in the repository config, and the filter never runs', async (_kind, pooled) => {
    // The attributes are in the tree from the start; the filter's program is planted after open,
    // as code a gate runs could do it.
    const { root, ws } = await setup({ '.gitattributes': '*.txt filter=planted\n' });
    const base = await ws.head();
    if (pooled) await ws.removeWorktree(await ws.addWorktree('T0', base));
    const marker = join(tmpdir(), `maestro-pool-smudge-${process.pid}-${Date.now()}`);
    git(root, 'config', 'filter.planted.smudge', `sh -c 'touch ${marker}; cat'`);
    git(root, 'config', 'filter.planted.clean', `sh -c 'touch ${marker}; cat'`);
    const added = await ws.addWorktree('T1', base).catch((error: Error) => error);
    expect(added).toBeInstanceOf(Error);
    expect((added as Error).message).toMatch(/Security stop: refused to .*git's configuration changed/);
    expect(existsSync(marker)).toBe(false);
    await ws.releaseWorktrees();
  });

  it.each([
    ['--skip-worktree'],
    ['--assume-unchanged'],
  ])('drops a worktree where the task hid a changed file with %s: the next task gets its base exactly', async (flag) => {
    const { ws } = await setup();
    const base = await ws.head();
    const first = await ws.addWorktree('T1', base);
    writeFileSync(join(first.path, 'a.txt'), 'hidden change of T1\n');
    git(first.path, 'update-index', flag, 'a.txt');
    expect(git(first.path, 'status', '--porcelain')).toBe(''); // git no longer sees the change
    await ws.removeWorktree(first);

    const second = await ws.addWorktree('T2', base);
    expect(second.path).not.toBe(first.path);
    expect(readFileSync(join(second.path, 'a.txt'), 'utf8')).toBe('one\n');
    expect(git(second.path, 'ls-files', '-v', 'a.txt')).toBe('H a.txt');
    await ws.removeWorktree(second);
    await ws.releaseWorktrees();
  });
});
