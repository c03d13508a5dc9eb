import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkspaceGuard } from '../../../src/adapters/executors/workspace-guard.js';
import { tempRepo } from '../../support/temp-repo.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function workspace() {
  const repo = tempRepo({ 'src/a.ts': 'a', 'README.md': 'r' });
  // The workdir is reached through a symlink, as /tmp → /private/tmp on macOS.
  const linkDir = mkdtempSync(join(tmpdir(), 'maestro-link-'));
  const workdir = join(linkDir, 'repo');
  symlinkSync(repo.root, workdir);
  cleanups.push(repo.dispose, () => rmSync(linkDir, { recursive: true, force: true }));
  return { workdir, guard: createWorkspaceGuard({ workdir, protectedPaths: ['.github/workflows/**'] }) };
}

describe('workspace guard', () => {
  it.each([
    ['src/a.ts', 'src/a.ts'],
    ['./src/../README.md', 'README.md'],
    ['src/new/dir/file.ts', 'src/new/dir/file.ts'],
    ['.', ''],
  ])('allows %s', async (path, relative) => {
    const { guard } = workspace();
    expect(await guard.check(path, 'write')).toMatchObject({ kind: 'allowed', relative });
  });

  it('allows absolute paths inside the workdir, spelled either way', async () => {
    const { workdir, guard } = workspace();
    expect(await guard.check(join(workdir, 'src/a.ts'), 'read')).toMatchObject({
      kind: 'allowed',
      relative: 'src/a.ts',
    });
  });

  it('reads protected paths but refuses to change them', async () => {
    const { guard } = workspace();
    expect((await guard.check('.github/workflows/ci.yml', 'read')).kind).toBe('allowed');
    expect(await guard.check('.github/workflows/ci.yml', 'delete')).toMatchObject({
      kind: 'refused',
      blocked: { kind: 'protected-path', what: 'delete .github/workflows/ci.yml' },
    });
  });

  it.each([
    ['/etc/passwd', 'path-escape'],
    ['src/../../x', 'path-escape'],
    ['.git', 'protected-path'],
    ['sub/.git', 'protected-path'],
    ['.GIT/config', 'protected-path'],
    ['a\0b', 'other'],
  ])('refuses %j', async (path, kind) => {
    const { guard } = workspace();
    expect(await guard.check(path, 'read')).toMatchObject({ kind: 'refused', blocked: { kind } });
  });

  it('refuses every change in a read-only review, and still allows reading', async () => {
    const { workdir } = workspace();
    const guard = createWorkspaceGuard({ workdir, protectedPaths: [], access: { mode: 'read-only' } });
    expect((await guard.check('src/a.ts', 'read')).kind).toBe('allowed');
    expect((await guard.check('src', 'list')).kind).toBe('allowed');
    expect(await guard.check('src/a.ts', 'write')).toEqual({
      kind: 'refused',
      blocked: { kind: 'protected-path', what: 'write src/a.ts (read-only review)' },
      reason: 'this is a read-only review: no file may change',
    });
    expect(await guard.check('README.md', 'delete')).toMatchObject({
      blocked: { kind: 'protected-path', what: 'delete README.md (read-only review)' },
    });
  });

  it('allows changes only where the only globs match, as given and where the path really leads', async () => {
    const { workdir } = workspace();
    symlinkSync('src', join(workdir, 'test-src'));
    const guard = createWorkspaceGuard({
      workdir,
      protectedPaths: ['.github/workflows/**'],
      access: { mode: 'only', paths: ['test/**', 'test-src/**'], why: 'test files' },
    });
    expect(await guard.check('test/new.test.ts', 'write')).toMatchObject({ kind: 'allowed' });
    expect((await guard.check('src/a.ts', 'read')).kind).toBe('allowed');
    expect(await guard.check('src/a.ts', 'delete')).toEqual({
      kind: 'refused',
      blocked: { kind: 'protected-path', what: 'delete src/a.ts (only test files may change)' },
      reason: 'only test files may change in this step: write only paths matching test/**, test-src/**',
    });
    // The glob matches the name, but the file is src/a.ts.
    expect(await guard.check('test-src/a.ts', 'write')).toMatchObject({
      blocked: { what: 'write test-src/a.ts (only test files may change)' },
    });
    // An allow list reads narrowly: other case is another path.
    expect((await guard.check('TEST/new.test.ts', 'write')).kind).toBe('refused');
  });

  it('refuses to delete the repository root', async () => {
    const { guard } = workspace();
    expect(await guard.check('.', 'delete')).toMatchObject({ kind: 'refused' });
  });

  it('keeps control characters out of the blocked description', async () => {
    const { guard } = workspace();
    expect(await guard.check('/etc/\u202epasswd\n', 'read')).toMatchObject({
      blocked: { what: 'read /etc/?passwd?' },
    });
  });
});
