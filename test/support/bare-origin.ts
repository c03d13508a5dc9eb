import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git } from './temp-repo.js';

/**
 * A bare repository added as `origin` of `root`, with `root`'s current branch pushed to it — the
 * shape of a CI checkout. `clone()` gives "someone else's" checkout of it, to race pushes.
 */
export function bareOrigin(root: string): { path: string; clone(): string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), 'maestro-origin-'));
  const clones: string[] = [];
  git(path, 'init', '-q', '--bare', '-b', 'main');
  git(root, 'remote', 'add', 'origin', path);
  git(root, 'push', '-q', 'origin', 'HEAD:refs/heads/main');
  return {
    path,
    clone() {
      const dir = mkdtempSync(join(tmpdir(), 'maestro-clone-'));
      clones.push(dir);
      git(dir, 'clone', '-q', path, '.');
      return dir;
    },
    dispose() {
      for (const dir of [path, ...clones]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
