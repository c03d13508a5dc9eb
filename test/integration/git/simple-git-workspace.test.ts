import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimpleGitWorkspace } from '../../../src/adapters/git/simple-git-workspace.js';
import { MaestroError } from '../../../src/core/errors.js';
import { git, tempDir, tempRepo } from '../../support/temp-repo.js';

const cleanups: Array<() => void> = [];
const policy = { protectedPaths: ['.github/workflows/**'] };
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const session = 'mae-20261120-223000-7f3a';
const trailers = (task: string, checkpoint: number) => ({ session, task, checkpoint });

/** A repository on `maestro/run` with a workspace whose worktrees go to a disposable directory. */
async function setup(files: Record<string, string> = { 'a.txt': 'one\ntwo\nthree\n', 'b.txt': 'bee\n' }) {
  const repo = tempRepo(files);
  const worktrees = tempDir();
  cleanups.push(repo.dispose, worktrees.dispose);
  const ws = await SimpleGitWorkspace.open(repo.root, { worktreeRoot: worktrees.path });
  await ws.checkoutRunBranch('maestro/run');
  return { root: ws.root, ws };
}

function status(root: string): string {
  return git(root, 'status', '--porcelain');
}

describe('checkoutRunBranch', () => {
  it('creates the branch at `from` and checks it out again when it exists', async () => {
    const { root, ws } = await setup();
    const initial = await ws.head();
    writeFileSync(join(root, 'a.txt'), 'changed\n');
    await ws.commitAll('change', trailers('T1', 1), policy);
    await ws.checkoutRunBranch('maestro/other', initial);
    expect(await ws.currentBranch()).toBe('maestro/other');
    expect(await ws.head()).toBe(initial);
    await ws.checkoutRunBranch('maestro/run', initial);
    expect(await ws.currentBranch()).toBe('maestro/run');
    expect(await ws.head()).not.toBe(initial);
  });

  it('refuses a checkout with uncommitted changes to tracked files', async () => {
    const { root, ws } = await setup();
    writeFileSync(join(root, 'a.txt'), 'dirty\n');
    await expect(ws.checkoutRunBranch('maestro/next')).rejects.toThrow(/commit or stash/i);
    expect(await ws.currentBranch()).toBe('maestro/run');
  });

  it.each([
    'main',
    'feature/x',
    'maestro/$(touch x)',
    'maestro/`id`',
    'maestro/--upload-pack=x',
    'maestro/a..b',
    'maestro/a b',
    'maestro/x.lock',
    'maestro/',
  ])('refuses the branch name %j and creates nothing', async (name) => {
    const { root, ws } = await setup();
    await expect(ws.checkoutRunBranch(name)).rejects.toBeInstanceOf(MaestroError);
    expect(git(root, 'branch', '--format=%(refname:short)').split('\n').sort()).toEqual(
      ['maestro/run', 'main'].sort(),
    );
    expect(existsSync(join(root, 'x'))).toBe(false);
  });
});

describe('integrate', () => {
  it('integrates two worktrees from the same base in completion order, one commit each', async () => {
    const { root, ws } = await setup();
    const base = await ws.head();
    const first = await ws.addWorktree('T1', base);
    const second = await ws.addWorktree('T2', base);
    expect(first.path.startsWith(root)).toBe(false);
    writeFileSync(join(first.path, 'a.txt'), 'one\ntwo\nTHREE\n');
    writeFileSync(join(second.path, 'b.txt'), 'BEE\n');

    // T2 finishes first; both integrations are started at once, as concurrent tasks would.
    const [r2, r1] = await Promise.all([
      ws.integrate(second, 'feat: bee', trailers('T2', 1), policy),
      ws.integrate(first, 'feat: three', trailers('T1', 2), policy),
    ]);
    expect(r2.kind).toBe('integrated');
    expect(r1.kind).toBe('integrated');
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('one\ntwo\nTHREE\n');
    expect(readFileSync(join(root, 'b.txt'), 'utf8')).toBe('BEE\n');
    expect(git(root, 'rev-list', '--count', `${base}..HEAD`)).toBe('2');
    expect((await ws.checkpoints(session)).map((c) => [c.task, c.checkpoint, c.subject])).toEqual([
      ['T2', 1, 'feat: bee'],
      ['T1', 2, 'feat: three'],
    ]);
    expect(git(root, 'log', '-1', '--format=%an <%ae>|%cn <%ce>')).toBe(
      'Maestro <maestro@users.noreply.github.com>|Maestro <maestro@users.noreply.github.com>',
    );
    expect(status(root)).toBe('');
    await ws.removeWorktree(first);
    await ws.removeWorktree(second);
    // Kept for the next task until the run releases them.
    expect(existsSync(first.path)).toBe(true);
    await ws.releaseWorktrees();
    expect(existsSync(first.path)).toBe(false);
    expect(existsSync(second.path)).toBe(false);
  });

  it('returns a conflict for two edits of the same line and leaves branch and checkout unchanged', async () => {
    const { root, ws } = await setup();
    const base = await ws.head();
    const first = await ws.addWorktree('T1', base);
    const second = await ws.addWorktree('T2', base);
    writeFileSync(join(first.path, 'a.txt'), 'one\nTWO from T1\nthree\n');
    writeFileSync(join(second.path, 'a.txt'), 'one\nTWO from T2\nthree\n');
    writeFileSync(join(second.path, 'new-from-t2.txt'), 'new\n');
    expect((await ws.integrate(first, 'T1', trailers('T1', 1), policy)).kind).toBe('integrated');
    const head = await ws.head();

    expect(await ws.integrate(second, 'T2', trailers('T2', 2), policy)).toEqual({
      kind: 'conflict',
      files: ['a.txt'],
    });
    expect(await ws.head()).toBe(head);
    expect(status(root)).toBe('');
    expect(existsSync(join(root, 'new-from-t2.txt'))).toBe(false);
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('one\nTWO from T1\nthree\n');
    // The worktree keeps the task's work for a retry.
    expect(readFileSync(join(second.path, 'a.txt'), 'utf8')).toBe('one\nTWO from T2\nthree\n');
  });

  it('lands a task on an unmoved run branch as its own tree: one commit on the base, the checkout updated', async () => {
    const { root, ws } = await setup();
    const base = await ws.head();
    const wt = await ws.addWorktree('T1', base);
    writeFileSync(join(wt.path, 'a.txt'), 'one\ntwo\nTHREE\n');
    writeFileSync(join(wt.path, 'c.txt'), 'new\n');
    rmSync(join(wt.path, 'b.txt'));
    const result = await ws.integrate(wt, 'feat: three', trailers('T1', 1), policy);
    expect(result.kind).toBe('integrated');
    const sha = result.kind === 'integrated' ? result.sha : '';
    expect(await ws.head()).toBe(sha);
    expect(git(root, 'rev-parse', `${sha}^`)).toBe(base);
    expect(git(root, 'rev-parse', `${sha}^{tree}`)).toBe(git(wt.path, 'write-tree'));
    expect(git(root, 'log', '-1', '--format=%B')).toContain('Maestro-Task: T1');
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('one\ntwo\nTHREE\n');
    expect(readFileSync(join(root, 'c.txt'), 'utf8')).toBe('new\n');
    expect(existsSync(join(root, 'b.txt'))).toBe(false);
    expect(status(root)).toBe('');
  });

  it('reports an untracked file of the main checkout in the way of an unmoved branch as a conflict, changing nothing', async () => {
    const { root, ws } = await setup();
    const base = await ws.head();
    const wt = await ws.addWorktree('T1', base);
    writeFileSync(join(wt.path, 'a.txt'), 'changed\n');
    for (const name of ['x.txt', 'y.txt']) {
      writeFileSync(join(wt.path, name), `task ${name}\n`);
      writeFileSync(join(root, name), `untracked ${name}\n`);
    }
    expect(await ws.integrate(wt, 'T1', trailers('T1', 1), policy)).toEqual({
      kind: 'conflict',
      files: ['x.txt', 'y.txt'],
    });
    expect(await ws.head()).toBe(base);
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('one\ntwo\nthree\n');
    expect(readFileSync(join(root, 'x.txt'), 'utf8')).toBe('untracked x.txt\n');
    expect(status(root)).toBe('?? x.txt\n?? y.txt');
  });

  it('carries new, deleted and renamed files over, but not ignored ones', async () => {
    const { root, ws } = await setup({
      'a.txt': 'a\n',
      'old.txt': 'gone\n',
      'move-me.txt': 'moving\n'.repeat(20),
      '.gitignore': 'dist/\n',
    });
    const wt = await ws.addWorktree('T1', await ws.head());
    writeFileSync(join(wt.path, 'created.txt'), 'hello\n');
    rmSync(join(wt.path, 'old.txt'));
    git(wt.path, 'mv', 'move-me.txt', 'moved.txt');
    writeFileSync(join(wt.path, 'empty.txt'), '');
    const before = await ws.head();
    const result = await ws.integrate(wt, 'files', trailers('T1', 1), policy);
    expect(result.kind).toBe('integrated');
    expect(existsSync(join(root, 'created.txt'))).toBe(true);
    expect(existsSync(join(root, 'old.txt'))).toBe(false);
    expect(existsSync(join(root, 'moved.txt'))).toBe(true);
    expect(await ws.diffFiles(before, await ws.head())).toEqual(
      expect.arrayContaining([
        { path: 'created.txt', status: 'added', additions: 1, deletions: 0 },
        { path: 'old.txt', status: 'deleted', additions: 0, deletions: 1 },
        { path: 'moved.txt', status: 'renamed', additions: 0, deletions: 0 },
        { path: 'empty.txt', status: 'added', additions: 0, deletions: 0 },
      ]),
    );
  });

  it('keeps ignored files out of the checkpoint', async () => {
    const { root, ws } = await setup({ 'a.txt': 'a\n', '.gitignore': 'dist/\n' });
    const wt = await ws.addWorktree('T1', await ws.head());
    writeFileSync(join(wt.path, 'a.txt'), 'b\n');
    mkdirSync(join(wt.path, 'dist'));
    writeFileSync(join(wt.path, 'dist', 'bundle.js'), 'built\n');
    expect((await ws.integrate(wt, 'x', trailers('T1', 1), policy)).kind).toBe('integrated');
    expect(git(root, 'show', '--name-only', '--format=', 'HEAD')).toBe('a.txt');
  });

  it('includes work the agent committed itself, as one checkpoint', async () => {
    const { root, ws } = await setup();
    const base = await ws.head();
    const wt = await ws.addWorktree('T1', base);
    writeFileSync(join(wt.path, 'a.txt'), 'committed\n');
    git(
      wt.path,
      'commit',
      '-qam',
      'agent commit\n\nMaestro-Session: forged\nMaestro-Task: X\nMaestro-Checkpoint: 9',
    );
    writeFileSync(join(wt.path, 'b.txt'), 'uncommitted\n');
    expect((await ws.integrate(wt, 'T1', trailers('T1', 1), policy)).kind).toBe('integrated');
    expect(git(root, 'rev-list', '--count', `${base}..HEAD`)).toBe('1');
    expect(readFileSync(join(root, 'b.txt'), 'utf8')).toBe('uncommitted\n');
    expect(await ws.checkpoints('forged')).toEqual([]);
  });

  it('returns empty for a task that changed nothing, and makes no commit', async () => {
    const { ws } = await setup();
    const head = await ws.head();
    const wt = await ws.addWorktree('T1', head);
    expect(await ws.integrate(wt, 'nothing', trailers('T1', 1), policy)).toEqual({ kind: 'empty' });
    expect(await ws.head()).toBe(head);
  });

  it('returns empty when the same change already landed from another task', async () => {
    const { ws } = await setup();
    const base = await ws.head();
    const [first, second] = [await ws.addWorktree('T1', base), await ws.addWorktree('T2', base)];
    for (const wt of [first, second]) writeFileSync(join(wt.path, 'b.txt'), 'same\n');
    expect((await ws.integrate(first, 'T1', trailers('T1', 1), policy)).kind).toBe('integrated');
    const head = await ws.head();
    expect(await ws.integrate(second, 'T2', trailers('T2', 2), policy)).toEqual({ kind: 'empty' });
    expect(await ws.head()).toBe(head);
  });

  it('refuses to integrate into a dirty checkout or off a maestro/ branch', async () => {
    const { root, ws } = await setup();
    const wt = await ws.addWorktree('T1', await ws.head());
    writeFileSync(join(wt.path, 'b.txt'), 'x\n');
    writeFileSync(join(root, 'a.txt'), 'dirty\n');
    await expect(ws.integrate(wt, 'T1', trailers('T1', 1), policy)).rejects.toThrow(/commit or stash/i);
    git(root, 'checkout', '-q', '--', 'a.txt');
    git(root, 'checkout', '-q', 'main');
    await expect(ws.integrate(wt, 'T1', trailers('T1', 1), policy)).rejects.toThrow(
      /only commits to its own run branch/,
    );
  });

  it('does not use git discovery inside the worktree (a rewritten .git file is ignored)', async () => {
    const { root, ws } = await setup();
    const wt = await ws.addWorktree('T1', await ws.head());
    writeFileSync(join(wt.path, 'b.txt'), 'x\n');
    const evil = tempRepo({ 'z.txt': 'z\n' });
    cleanups.push(evil.dispose);
    git(evil.root, 'config', 'core.fsmonitor', `touch ${join(root, 'PWNED')}`);
    writeFileSync(join(wt.path, '.git'), `gitdir: ${join(evil.root, '.git')}\n`);
    expect((await ws.integrate(wt, 'T1', trailers('T1', 1), policy)).kind).toBe('integrated');
    expect(existsSync(join(root, 'PWNED'))).toBe(false);
    await ws.removeWorktree(wt);
  });
});

describe('addWorktree', () => {
  // Git reads every worktree's administrative files on add; a concurrent add used to fail with
  // "failed to read …/commondir" (seen in CI with two parallel tasks).
  it('creates and removes many worktrees at once without racing git', async () => {
    const { root, ws } = await setup();
    const base = await ws.head();
    for (let round = 0; round < 3; round++) {
      const created = await Promise.all(Array.from({ length: 6 }, (_, i) => ws.addWorktree(`T${i}`, base)));
      expect(new Set(created.map((wt) => wt.path)).size).toBe(6);
      await Promise.all(created.map((wt) => ws.removeWorktree(wt)));
    }
    // The pool holds the six between rounds (reused, never more); the run's end removes them.
    expect(git(root, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(7);
    await ws.releaseWorktrees();
    expect(git(root, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
  });
});

describe('integrate with a step that may change only some paths', () => {
  // What a test script created counts as much as the agent's own writes: the commit is checked.
  it('refuses a change outside the allowed paths, renames included, and commits nothing', async () => {
    const { root, ws } = await setup();
    const base = await ws.head();
    const only = { ...policy, onlyPaths: { paths: ['test/**', '**/*.test.*'], why: 'test files' } };
    const wt = await ws.addWorktree('T1', base);
    mkdirSync(join(wt.path, 'test'), { recursive: true });
    writeFileSync(join(wt.path, 'test', 'a.test.js'), 'ok\n');
    writeFileSync(join(wt.path, 'a.txt'), 'changed by a test script\n');
    const refused = await ws.integrate(wt, 'test: add', trailers('T1', 1), only);
    expect(refused.kind).toBe('refused');
    expect(refused.kind === 'refused' && refused.reason).toContain('a.txt (only test files may change)');
    expect(git(root, 'rev-parse', 'HEAD')).toBe(base);
    await ws.removeWorktree(wt);

    const ok = await ws.addWorktree('T2', base);
    mkdirSync(join(ok.path, 'test'), { recursive: true });
    writeFileSync(join(ok.path, 'test', 'a.test.js'), 'ok\n');
    expect((await ws.integrate(ok, 'test: add', trailers('T2', 1), only)).kind).toBe('integrated');
    await ws.removeWorktree(ok);
  });
});

describe('removeWorktree', () => {
  it('never throws for a worktree that is already gone', async () => {
    const { root, ws } = await setup();
    const wt = await ws.addWorktree('../../etc/passwd $(x)', await ws.head());
    expect(wt.path).toMatch(/etc-passwd-x-/);
    await ws.removeWorktree(wt);
    await ws.removeWorktree(wt);
    expect(git(root, 'worktree', 'list', '--porcelain')).not.toContain(wt.path);
  });
});

describe('commitAll and commit messages', () => {
  it('commits the working tree with trailers, and returns empty when nothing changed', async () => {
    const { root, ws } = await setup();
    expect(await ws.commitAll('wip', trailers('wip', 1), policy)).toEqual({ kind: 'empty' });
    writeFileSync(join(root, 'new.txt'), 'n\n');
    rmSync(join(root, 'b.txt'));
    const result = await ws.commitAll('wip: interrupted', trailers('wip', 1), policy);
    expect(result).toEqual({ kind: 'integrated', sha: await ws.head() });
    expect(status(root)).toBe('');
    expect(git(root, 'log', '-1', '--format=%(trailers:key=Maestro-Task,valueonly)')).toBe('wip');
    // The identity comes from `-c` on each call, never from the repository's config.
    expect(readFileSync(join(root, '.git', 'config'), 'utf8')).not.toMatch(/maestro|\[user\]/i);
  });

  it('commits messages with quotes, $(…), backticks and newlines verbatim', async () => {
    const { root, ws } = await setup();
    const message = `fix: "quoted" and 'single' $(touch pwned) \`id\` $HOME\n\n# not a comment\n--body line; rm -rf /\n\\n literal`;
    writeFileSync(join(root, 'a.txt'), 'x\n');
    await ws.commitAll(message, trailers('T1', 1), policy);
    expect(git(root, 'log', '-1', '--format=%B')).toBe(
      `${message}\n\nMaestro-Session: ${session}\nMaestro-Task: T1\nMaestro-Checkpoint: 1`,
    );
    expect(existsSync(join(root, 'pwned'))).toBe(false);
  });

  it('refuses trailer values that could break the trailer block', async () => {
    const { root, ws } = await setup();
    writeFileSync(join(root, 'a.txt'), 'x\n');
    await expect(
      ws.commitAll('m', { session: 'a\nMaestro-Task: x', task: 'T1', checkpoint: 1 }, policy),
    ).rejects.toThrow(/Invalid checkpoint session/);
  });
});

describe('restoreTree and checkpoints', () => {
  it('restores checkpoint 1 as a new commit, keeping the later commits in history', async () => {
    const { root, ws } = await setup();
    writeFileSync(join(root, 'a.txt'), 'first\n');
    const one = await ws.commitAll('one', trailers('T1', 1), policy);
    writeFileSync(join(root, 'a.txt'), 'second\n');
    writeFileSync(join(root, 'added.txt'), 'added\n');
    const two = await ws.commitAll('two', trailers('T2', 2), policy);
    if (one.kind !== 'integrated' || two.kind !== 'integrated') throw new Error('expected commits');

    const restored = await ws.restoreTree(one.sha, 'rollback to 1', trailers('rollback', 3));
    expect(await ws.head()).toBe(restored);
    expect(git(root, 'rev-parse', `${restored}^{tree}`)).toBe(git(root, 'rev-parse', `${one.sha}^{tree}`));
    expect(git(root, 'rev-parse', `${restored}^`)).toBe(two.sha);
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('first\n');
    expect(existsSync(join(root, 'added.txt'))).toBe(false);
    expect(status(root)).toBe('');
    const checkpoints = await ws.checkpoints(session);
    expect(checkpoints.map((c) => [c.sha, c.task, c.checkpoint])).toEqual([
      [one.sha, 'T1', 1],
      [two.sha, 'T2', 2],
      [restored, 'rollback', 3],
    ]);
    expect(await ws.checkpoints('mae-20990101-000000-0000')).toEqual([]);
  });

  it('reads only the commits after `since`, the run base, when given', async () => {
    const { root, ws } = await setup();
    writeFileSync(join(root, 'a.txt'), 'before\n');
    const before = await ws.commitAll('before the base', trailers('T0', 1), policy);
    const base = await ws.head();
    writeFileSync(join(root, 'a.txt'), 'after\n');
    const after = await ws.commitAll('after the base', trailers('T1', 2), policy);
    if (before.kind !== 'integrated' || after.kind !== 'integrated') throw new Error('expected commits');
    expect((await ws.checkpoints(session)).map((c) => c.task)).toEqual(['T0', 'T1']);
    expect((await ws.checkpoints(session, base)).map((c) => [c.sha, c.task])).toEqual([[after.sha, 'T1']]);
    expect(await ws.checkpoints(session, after.sha)).toEqual([]);
    await expect(ws.checkpoints(session, 'no-such-commit')).rejects.toThrow(MaestroError);
  });

  it('ignores a Maestro-Session line that is not in the last paragraph', async () => {
    const { root, ws } = await setup();
    writeFileSync(join(root, 'a.txt'), 'x\n');
    git(
      root,
      'commit',
      '-qam',
      `human\n\nMaestro-Session: ${session}\nMaestro-Task: T9\nMaestro-Checkpoint: 9\n\nSigned-off-by: x`,
    );
    expect(await ws.checkpoints(session)).toEqual([]);
  });
});

describe('diffs', () => {
  it('lists changed files with line counts and caps the diff text', async () => {
    const { root, ws } = await setup();
    const from = await ws.head();
    writeFileSync(join(root, 'a.txt'), 'one\n2\nthree\nfour\n');
    await ws.commitAll('c', trailers('T1', 1), policy);
    const to = await ws.head();
    expect(await ws.diffFiles(from, to)).toEqual([
      { path: 'a.txt', status: 'modified', additions: 2, deletions: 1 },
    ]);
    expect(await ws.diffText(from, to, 10_000)).toContain('+four');
    const capped = await ws.diffText(from, to, 60);
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(60);
    expect(capped).toContain('truncated');
    await expect(ws.diffFiles('--output=/tmp/x', to)).rejects.toThrow(/not a commit/);
  });
});
