import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GitRepositoryReader, materializeCommit } from '../../../src/adapters/git/git-repository-reader.js';
import { ValidationError } from '../../../src/core/errors.js';

const dirs: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

function repoWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-reader-'));
  dirs.push(dir);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 't@example.com');
  git(dir, 'config', 'user.name', 't');
  git(dir, 'config', 'commit.gpgsign', 'false');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'init');
  return dir;
}

describe('GitRepositoryReader', () => {
  it('lists tracked and untracked files with their index blob ids, leaving ignored ones out', async () => {
    const dir = repoWith({
      'src/a.ts': 'export const a = 1;\n',
      '.gitignore': 'ignored/\n*.log\n',
      'b c.py': 'x = 1\n',
    });
    writeFileSync(join(dir, 'new.ts'), 'export const n = 2;\n');
    mkdirSync(join(dir, 'ignored'));
    writeFileSync(join(dir, 'ignored/x.ts'), 'nope');
    writeFileSync(join(dir, 'debug.log'), 'nope');
    const files = await (await GitRepositoryReader.open(dir)).listFiles();
    expect(files.map((f) => f.path)).toEqual(['.gitignore', 'b c.py', 'new.ts', 'src/a.ts']);
    const a = files.find((f) => f.path === 'src/a.ts')!;
    expect(a).toMatchObject({ blob: git(dir, 'rev-parse', 'HEAD:src/a.ts'), size: 20, mode: '100644' });
    expect(files.find((f) => f.path === 'new.ts')!.blob).toBe(git(dir, 'hash-object', 'new.ts'));
  });

  it('gives a modified file the blob id of its working-tree content and skips deleted ones', async () => {
    const dir = repoWith({ 'a.ts': 'one\n', 'gone.ts': 'bye\n' });
    const before = git(dir, 'rev-parse', 'HEAD:a.ts');
    writeFileSync(join(dir, 'a.ts'), 'two\n');
    rmSync(join(dir, 'gone.ts'));
    const reader = await GitRepositoryReader.open(dir);
    const files = await reader.listFiles();
    expect(files.map((f) => f.path)).toEqual(['a.ts']);
    expect(files[0]!.blob).not.toBe(before);
    expect(files[0]!.blob).toBe(git(dir, 'hash-object', 'a.ts'));
    expect((await reader.readFile('a.ts')).toString()).toBe('two\n');
  });

  it('skips a tracked file whose directory became a file in the working tree', async () => {
    const dir = repoWith({ 'a.ts': 'one\n', 'pkg/b.ts': 'bee\n' });
    rmSync(join(dir, 'pkg'), { recursive: true });
    writeFileSync(join(dir, 'pkg'), 'now a file\n');
    const files = await (await GitRepositoryReader.open(dir)).listFiles();
    expect(files.map((f) => f.path)).toEqual(['a.ts', 'pkg']);
  });

  // Clean files take their size from the index (`ls-files --debug`), not from an lstat each: every
  // case where the index's size could be wrong goes through lstat, so each size is the file's.
  it('gives every listed file its working-tree size, whatever git knows of it', async () => {
    const dir = repoWith({
      'clean.py': 'x = 1\n',
      'empty.py': '',
      'grown.py': 'a\n',
      'assumed.py': 'old\n',
      'sparse/gone.py': 'skip me\n',
      'spaced name\nwith newline.py': 'odd = True\n',
      'link-target.py': 'target\n',
    });
    writeFileSync(join(dir, 'grown.py'), 'a much longer content than before\n');
    git(dir, 'update-index', '--assume-unchanged', 'assumed.py');
    writeFileSync(join(dir, 'assumed.py'), "changed behind git's back, and longer\n");
    git(dir, 'update-index', '--skip-worktree', 'sparse/gone.py');
    rmSync(join(dir, 'sparse'), { recursive: true });
    symlinkSync('link-target.py', join(dir, 'link.py'));
    writeFileSync(join(dir, 'untracked.py'), 'new = 1\n');
    const files = await (await GitRepositoryReader.open(dir)).listFiles();
    expect(files.map((f) => f.path)).toEqual([
      'assumed.py',
      'clean.py',
      'empty.py',
      'grown.py',
      'link-target.py',
      'spaced name\nwith newline.py',
      'untracked.py',
    ]);
    for (const f of files) expect([f.path, f.size]).toEqual([f.path, lstatSync(join(dir, f.path)).size]);
    expect(files.find((f) => f.path === 'grown.py')!.blob).toBe(git(dir, 'hash-object', 'grown.py'));
  });

  it('stats the files of an index that holds no sizes (read-tree without a refresh)', async () => {
    const dir = repoWith({ 'a.py': 'alpha\n', 'b.py': 'beta beta\n' });
    rmSync(join(dir, '.git', 'index'));
    git(dir, 'read-tree', 'HEAD'); // entries without stat data: recorded sizes are 0
    expect(git(dir, 'ls-files', '--debug')).toMatch(/size: 0/);
    const files = await (await GitRepositoryReader.open(dir)).listFiles();
    expect(files.map((f) => [f.path, f.size, f.blob])).toEqual([
      ['a.py', 6, git(dir, 'rev-parse', 'HEAD:a.py')],
      ['b.py', 10, git(dir, 'rev-parse', 'HEAD:b.py')],
    ]);
  });

  it('refuses paths outside the repository', async () => {
    const reader = await GitRepositoryReader.open(repoWith({ 'a.ts': '' }));
    await expect(reader.readFile('../etc/passwd')).rejects.toBeInstanceOf(ValidationError);
  });

  it('says what to do when the directory is not a git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-nogit-'));
    dirs.push(dir);
    await expect(GitRepositoryReader.open(dir)).rejects.toThrow(/not a git repository.*--repo/);
  });

  it('materialises an old commit in another directory without touching the source', async () => {
    const dir = repoWith({ 'a.ts': 'v1\n' });
    const first = git(dir, 'rev-parse', 'HEAD');
    writeFileSync(join(dir, 'a.ts'), 'v2\n');
    git(dir, 'commit', '-q', '-am', 'v2');
    const statusBefore = git(dir, 'status', '--porcelain');
    const dest = join(mkdtempSync(join(tmpdir(), 'maestro-mat-')), 'repo');
    dirs.push(dirname(dest));
    await materializeCommit(dir, first, dest);
    const reader = await GitRepositoryReader.open(dest);
    expect((await reader.readFile('a.ts')).toString()).toBe('v1\n');
    expect(await reader.headCommit()).toBe(first);
    expect(git(dir, 'rev-parse', 'HEAD')).not.toBe(first);
    expect(git(dir, 'status', '--porcelain')).toBe(statusBefore);
  });

  // The reader runs git itself (execFile, not simple-git) with the hardened client's config and
  // environment (git-env.ts): the listing's `diff` would run a repository's fsmonitor program, and
  // the orchestrator's GIT_DIR would point it at another repository.
  it('lists without running the repository’s fsmonitor program', async () => {
    const dir = repoWith({ 'a.ts': 'one\n' });
    const out = mkdtempSync(join(tmpdir(), 'maestro-fsmonitor-'));
    dirs.push(out);
    const marker = join(out, 'ran');
    const hook = join(out, 'hook.sh');
    writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
    git(dir, 'config', 'core.fsmonitor', hook);
    writeFileSync(join(dir, 'a.ts'), 'two\n');
    git(dir, 'diff', '--name-only'); // plain git does run it: the attack is real
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);

    const reader = await GitRepositoryReader.open(dir);
    const files = await reader.listFiles();
    expect(files.map((f) => [f.path, f.blob])).toEqual([['a.ts', git(dir, 'hash-object', 'a.ts')]]);
    expect(await reader.headCommit()).toBe(git(dir, 'rev-parse', 'HEAD'));
    expect(existsSync(marker)).toBe(false);
  });

  it('lists its own repository when GIT_DIR in the environment names another', async () => {
    const mine = repoWith({ 'mine.ts': 'x\n' });
    const other = repoWith({ 'other.ts': 'y\n' });
    const head = git(mine, 'rev-parse', 'HEAD');
    vi.stubEnv('GIT_DIR', join(other, '.git'));
    expect(git(mine, 'ls-files')).toBe('other.ts'); // plain git follows it: the attack is real
    const reader = await GitRepositoryReader.open(mine);
    expect((await reader.listFiles()).map((f) => f.path)).toEqual(['mine.ts']);
    expect(await reader.headCommit()).toBe(head);
  });

  it('has no head commit in a repository without commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-empty-'));
    dirs.push(dir);
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'new.ts'), 'n\n');
    const reader = await GitRepositoryReader.open(dir);
    expect(await reader.headCommit()).toBeUndefined();
    expect((await reader.listFiles()).map((f) => f.path)).toEqual(['new.ts']);
  });

  it('gives a path with a merge conflict the blob id of its working-tree content, once', async () => {
    const dir = repoWith({ 'f.ts': 'base\n' });
    git(dir, 'checkout', '-q', '-b', 'other');
    writeFileSync(join(dir, 'f.ts'), 'other\n');
    git(dir, 'commit', '-q', '-am', 'other');
    git(dir, 'checkout', '-q', 'main');
    writeFileSync(join(dir, 'f.ts'), 'main\n');
    git(dir, 'commit', '-q', '-am', 'main');
    spawnSync('git', ['merge', '-q', 'other'], { cwd: dir }); // conflicts: stages 1-3 in the index
    expect(git(dir, 'ls-files', '-s').split('\n')).toHaveLength(3);
    const files = await (await GitRepositoryReader.open(dir)).listFiles();
    expect(files.map((f) => [f.path, f.blob])).toEqual([['f.ts', git(dir, 'hash-object', 'f.ts')]]);
  });
});
