import type { SimpleGit } from 'simple-git';
import { MaestroError } from '../../core/errors.js';
import type { FetchResult } from '../../ports/git-workspace-port.js';
import { tryRaw } from './git-client.js';
import { redactGitMessage } from './push-auth.js';
import { type GitRemoteTarget, isAuthFailure } from './push-branch.js';

/**
 * Brings a run branch that exists on origin into this checkout (a resumed run or a fix iteration
 * on a fresh runner): fetched from the explicit URL into `refs/remotes/origin/<branch>`, and the
 * local branch created from it when it does not exist yet. The token, as for a push, travels only
 * as an HTTP header scoped to that URL.
 */
export async function fetchBranch(
  git: SimpleGit,
  target: GitRemoteTarget,
  branch: string,
): Promise<FetchResult> {
  const remoteRef = `refs/remotes/origin/${branch}`;
  const fetched = await tryRaw(target.git, [
    'fetch',
    '--no-tags',
    '--no-recurse-submodules',
    '--no-write-fetch-head',
    '--quiet',
    '--',
    target.url,
    `+refs/heads/${branch}:${remoteRef}`,
  ]);
  if (!fetched.ok) {
    if (/couldn't find remote ref|no such ref/i.test(fetched.message)) return { kind: 'absent' };
    throw new MaestroError(
      `Fetching ${branch} from ${redactGitMessage(target.url)} failed: ${redactGitMessage(fetched.message, target.header).trim()}. ${(isAuthFailure(fetched.message) && target.authFailureHint) || 'Check that the token may read this repository.'}`,
      { code: 'git.fetch-failed' },
    );
  }
  const local = await tryRaw(git, ['rev-parse', '--verify', '-q', `refs/heads/${branch}`]);
  if (!(local.ok && local.stdout.trim())) {
    const created = await tryRaw(git, ['branch', '--no-track', branch, remoteRef]);
    if (!created.ok)
      throw new MaestroError(`Could not create ${branch} from origin: ${created.message.trim()}`, {
        code: 'git.fetch-failed',
      });
  }
  const sha = await tryRaw(git, ['rev-parse', remoteRef]);
  return { kind: 'fetched', sha: sha.ok ? sha.stdout.trim() : '' };
}
