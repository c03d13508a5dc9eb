import type { SimpleGit } from 'simple-git';
import { MaestroError } from '../../core/errors.js';
import type { PushResult } from '../../ports/git-workspace-port.js';
import { gitClient, tryRaw } from './git-client.js';
import type { GitIdentity } from './git-env.js';
import { authHeaderEnv, redactGitMessage } from './push-auth.js';

/**
 * `git push origin refs/heads/<b>:refs/heads/<b>`: the same branch on both sides, spelled out so
 * no `push.default`, tag or submodule setting can widen it, and never `--force` — a rejected
 * push is reported for the engine to decide (architecture decision 5).
 */
export async function pushBranch(
  root: string,
  git: SimpleGit,
  identity: GitIdentity,
  branch: string,
  auth: { header: string } | undefined,
): Promise<PushResult> {
  const remotes = (await git.raw(['remote'])).split('\n').map((r) => r.trim());
  if (!remotes.includes('origin')) return { kind: 'no-remote' };
  const ref = `refs/heads/${branch}`;
  const pusher = auth ? gitClient(root, identity, authHeaderEnv(auth.header)) : git;
  const result = await tryRaw(pusher, [
    'push',
    '--porcelain',
    '--no-follow-tags',
    '--recurse-submodules=no',
    '--no-verify',
    'origin',
    `${ref}:${ref}`,
  ]);
  if (result.ok) return { kind: 'pushed' };
  const message = redactGitMessage(result.message, auth?.header);
  const rejected = /^!\t[^\t]*\t\[(?:remote )?rejected\] ?(.*)$/m.exec(message);
  if (rejected) return { kind: 'rejected', reason: rejectionReason(rejected[1] ?? '') };
  throw new MaestroError(
    `Pushing ${branch} to origin failed: ${message.trim()}. Check the remote URL and that the token may push to this repository.`,
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
