import type { SimpleGit } from 'simple-git';
import { MaestroError } from '../../core/errors.js';
import type { IntegrationResult } from '../../ports/git-workspace-port.js';
import { tryRaw } from './git-client.js';
import { splitNul } from './parse-diff.js';

/**
 * Applies a task's snapshot commit onto HEAD of the (clean) main checkout with a three-way
 * `cherry-pick --no-commit` (renames and binary files included), then lets `commit` record the
 * result as one checkpoint (a `git commit`, so MERGE_MSG left by the pick is cleared). On a conflict everything the pick touched is undone with
 * `reset --merge` and the conflicted paths are returned; HEAD never moves.
 */
export async function applyTaskCommit(
  git: SimpleGit,
  head: string,
  taskCommit: string,
  commit: () => Promise<string>,
): Promise<IntegrationResult> {
  const pick = await tryRaw(git, ['cherry-pick', '--no-commit', taskCommit]);
  if (!pick.ok) {
    const files = await conflictedFiles(git, pick.message);
    await undo(git, head);
    if (files.length === 0) {
      throw new MaestroError(
        `git could not apply the task's changes: ${pick.message.trim()}. The run branch is unchanged; retry the task.`,
        {
          code: 'git.integrate-failed',
        },
      );
    }
    return { kind: 'conflict', files };
  }
  try {
    const tree = (await git.raw(['write-tree'])).trim();
    const headTree = (await git.raw(['rev-parse', '--verify', `${head}^{tree}`])).trim();
    // The same change already landed from another task: nothing to record.
    if (tree === headTree) {
      await undo(git, head); // drops the pick's leftover MERGE_MSG
      return { kind: 'empty' };
    }
    return { kind: 'integrated', sha: await commit() };
  } catch (error) {
    await undo(git, head);
    throw error;
  }
}

/** Paths with unmerged index entries, or the untracked files git refused to overwrite. */
async function conflictedFiles(git: SimpleGit, message: string): Promise<string[]> {
  const unmerged = await tryRaw(git, ['diff', '--name-only', '--diff-filter=U', '-z']);
  const files = unmerged.ok ? splitNul(unmerged.stdout) : [];
  if (files.length > 0) return [...new Set(files)].sort();
  // "error: The following untracked working tree files would be overwritten by merge:\n\tpath\n…"
  const listed = /would be overwritten by merge:\n((?:\t.*\n?)+)/.exec(message);
  return listed
    ? listed[1]!
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
}

/** Back to exactly `head`'s index and files; `reset --merge` also drops files the pick added. */
async function undo(git: SimpleGit, head: string): Promise<void> {
  await tryRaw(git, ['cherry-pick', '--quit']);
  const reset = await tryRaw(git, ['reset', '-q', '--merge', head]);
  if (!reset.ok) await git.raw(['reset', '-q', '--hard', head]);
}
