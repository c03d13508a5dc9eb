import type { SimpleGit } from 'simple-git';
import { MaestroError } from '../../core/errors.js';
import type { FetchResult } from '../../ports/git-workspace-port.js';
import { gitClient, tryRaw } from './git-client.js';
import type { GitIdentity } from './git-env.js';
import { authHeaderEnv, redactGitMessage } from './push-auth.js';

/**
 * Brings a run branch that exists on origin into this checkout (a resumed run or a fix iteration
 * on a fresh runner): fetched into `refs/remotes/origin/<branch>`, and the local branch created
 * from it when it does not exist yet. The token, as for a push, travels only as an HTTP header.
 */
export async function fetchBranch(
  root: string,
  git: SimpleGit,
  identity: GitIdentity,
  branch: string,
  auth: { header: string } | undefined,
): Promise<FetchResult> {
  const remotes = (await git.raw(['remote'])).split('\n').map((r) => r.trim());
  if (!remotes.includes('origin')) return { kind: 'no-remote' };
  const fetcher = auth ? gitClient(root, identity, authHeaderEnv(auth.header)) : git;
  const remoteRef = `refs/remotes/origin/${branch}`;
  const fetched = await tryRaw(fetcher, [
    'fetch',
    '--no-tags',
    '--quiet',
    'origin',
    `+refs/heads/${branch}:${remoteRef}`,
  ]);
  if (!fetched.ok) {
    if (/couldn't find remote ref|no such ref/i.test(fetched.message)) return { kind: 'absent' };
    throw new MaestroError(
      `Fetching ${branch} from origin failed: ${redactGitMessage(fetched.message, auth?.header).trim()}. Check that the token may read this repository.`,
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
