import { isAbsolute, join } from 'node:path';
import { gitClient } from './git-client.js';
import { DEFAULT_AUTHOR } from './git-env.js';

/** The repository's shared git directory (the main one, also from inside a worktree). */
export async function gitCommonDir(root: string): Promise<string> {
  const dir = (await gitClient(root, DEFAULT_AUTHOR).revparse(['--git-common-dir'])).trim();
  return isAbsolute(dir) ? dir : join(root, dir);
}

/** HEAD's commit and branch name, when there is a commit at all. */
export async function gitHead(root: string): Promise<{ head?: string; branch?: string }> {
  const git = gitClient(root, DEFAULT_AUTHOR);
  const head = await git.revparse(['HEAD']).then(
    (s) => s.trim(),
    () => undefined,
  );
  const branch = await git.revparse(['--abbrev-ref', 'HEAD']).then(
    (s) => s.trim(),
    () => undefined,
  );
  return { head, branch: branch === 'HEAD' ? undefined : branch };
}

/** Tracked files with uncommitted changes (untracked files do not count: they are not touched). */
export async function uncommittedChanges(root: string): Promise<string[]> {
  // The hardened client: `git status` would otherwise run a `core.fsmonitor` command from the repo's config.
  const out = await gitClient(root, DEFAULT_AUTHOR).raw(['status', '--porcelain', '--untracked-files=no']);
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.slice(3));
}
