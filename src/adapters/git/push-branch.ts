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
  /** What to say when git reports an authentication failure (the caller knows which inputs to fix). */
  authFailureHint?: string;
}

/** Git's words for a refused credential over HTTP (missing, wrong or expired token). */
const AUTH_FAILURE =
  /Authentication failed|could not read Username|terminal prompts disabled|Invalid username or password|The requested URL returned error: 40[13]|HTTP 40[13]/i;

/** Whether a git error says the remote refused the credentials. */
export function isAuthFailure(message: string): boolean {
  return AUTH_FAILURE.test(message);
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
  if (isAuthFailure(message))
    throw new MaestroError(
      `Pushing ${branch} to ${redactGitMessage(target.url)} failed: the remote refused the credentials (${message.trim().split('\n').pop()}). ${target.authFailureHint ?? 'Check that the token is valid and may push to this repository.'}`,
      { code: 'git.push-unauthorized' },
    );
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
