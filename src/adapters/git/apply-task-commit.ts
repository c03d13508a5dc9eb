import { MaestroError } from '../../core/errors.js';
import type { IntegrationResult } from '../../ports/git-workspace-port.js';
import { type GitRaw, tryRaw } from './git-client.js';
import { splitNul } from './parse-diff.js';

/** What the pick staged: its tree, and HEAD's tree to compare and scan it against. */
export interface PickedTree {
  tree: string;
  headTree: string;
}

/**
 * Applies a task's snapshot commit onto HEAD of the (clean) main checkout with a three-way
 * `cherry-pick --no-commit` (renames and binary files included), then lets `commit` record the
 * staged tree as one checkpoint (the index and files already hold it, so `commit` only writes the
 * commit and moves the branch); the pick's state (MERGE_MSG) is cleared either way. On a conflict
 * everything the pick touched is undone with `reset --merge` and the conflicted paths are
 * returned; HEAD never moves. `git` should be a `quietGit`: a successful pick prints nothing.
 */
export async function applyTaskCommit(
  git: GitRaw,
  head: string,
  taskCommit: string,
  commit: (picked: PickedTree) => Promise<string>,
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
    const [tree, headTree] = await Promise.all([
      git.raw(['write-tree']).then((out) => out.trim()),
      git.raw(['rev-parse', '--verify', `${head}^{tree}`]).then((out) => out.trim()),
    ]);
    // The same change already landed from another task: nothing to record.
    if (tree === headTree) {
      await undo(git, head); // drops the pick's leftover MERGE_MSG
      return { kind: 'empty' };
    }
    const sha = await commit({ tree, headTree });
    await tryRaw(git, ['cherry-pick', '--quit']); // MERGE_MSG, AUTO_MERGE: the pick is over
    return { kind: 'integrated', sha };
  } catch (error) {
    await undo(git, head);
    throw error;
  }
}

/** Paths with unmerged index entries, or the untracked files git refused to overwrite. */
async function conflictedFiles(git: GitRaw, message: string): Promise<string[]> {
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
async function undo(git: GitRaw, head: string): Promise<void> {
  await tryRaw(git, ['cherry-pick', '--quit']);
  const reset = await tryRaw(git, ['reset', '-q', '--merge', head]);
  if (!reset.ok) await git.raw(['reset', '-q', '--hard', head]);
}
