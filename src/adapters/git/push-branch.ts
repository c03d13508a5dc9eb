import type { SimpleGit } from 'simple-git';
import { MaestroError } from '../../core/errors.js';
import type { PushResult } from '../../ports/git-workspace-port.js';
import { tryRaw } from './git-client.js';
import { redactGitMessage } from './push-auth.js';

/** Where pushes and fetches go: a URL fixed before any untrusted code ran, with its client. */
export interface GitRemoteTarget {
  url: string;
  /** A client whose environment carries the auth header scoped to `url` (or none). */
  git: SimpleGit;
  header?: string;
}

/**
 * `git push <url> refs/heads/<b>:refs/heads/<b>`: to an explicit URL, never to a remote name
 * looked up in the repository's config (which code the run executed could have rewritten); the
 * same branch on both sides, spelled out so no `push.default`, tag or submodule setting can widen
 * it, and never `--force` — a rejected push is reported for the engine to decide (architecture
 * decision 5).
 */
export async function pushBranch(target: GitRemoteTarget, branch: string): Promise<PushResult> {
  const ref = `refs/heads/${branch}`;
  const result = await tryRaw(target.git, [
    'push',
    '--porcelain',
    '--no-follow-tags',
    '--recurse-submodules=no',
    '--no-verify',
    '--',
    target.url,
    `${ref}:${ref}`,
  ]);
  if (result.ok) return { kind: 'pushed' };
  const message = redactGitMessage(result.message, target.header);
  const rejected = /^!\t[^\t]*\t\[(?:remote )?rejected\] ?(.*)$/m.exec(message);
  if (rejected) return { kind: 'rejected', reason: rejectionReason(rejected[1] ?? '') };
  throw new MaestroError(
    `Pushing ${branch} to ${redactGitMessage(target.url)} failed: ${message.trim()}. Check the remote URL and that the token may push to this repository.`,
    {
      code: 'git.push-failed',
    },
  );
}

function rejectionReason(detail: string): string {
  const reason = detail.replace(/^\((.*)\)$/, '$1').trim();
  if (reason === 'fetch first' || reason === 'non-fast-forward') {
    return `${reason}: origin has commits on this branch that the run branch does not have`;
  }
  return reason || 'rejected by the remote';
}
