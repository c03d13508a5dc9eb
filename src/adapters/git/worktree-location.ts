import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Task worktrees live OUTSIDE the checkout (an agent's file tools are confined to its worktree,
 * and a worktree inside the checkout would show up as untracked files in it), grouped per
 * repository so two repositories on one runner never share a directory.
 */
export function defaultWorktreeRoot(repoRoot: string): string {
  const repoHash = createHash('sha256').update(repoRoot).digest('hex').slice(0, 12);
  return join(tmpdir(), 'maestro-worktrees', repoHash);
}

/** A label safe as one directory-name component: task ids are model-influenced text. */
export function sanitiseLabel(label: string): string {
  const clean = label
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 40)
    .replace(/[.-]+$/, '');
  return clean || 'task';
}
