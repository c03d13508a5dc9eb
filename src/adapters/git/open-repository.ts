import { isAbsolute, join } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { ConfigGuard } from './config-guard.js';
import { gitClient, quietGit, tryRaw } from './git-client.js';
import { DEFAULT_AUTHOR, type GitIdentity } from './git-env.js';

export interface OpenedRepository {
  top: string;
  guard: ConfigGuard;
  /** The checkout's own git directory, pinned with `GIT_DIR`: a replaced `.git` is never followed. */
  gitDir: string;
  pushUrl: string | undefined;
  /** Commits the remote already had when the workspace opened (remote-tracking refs). */
  onRemote: string[];
}

/**
 * What `open` records before any code of the run executes: the git directories, the config
 * fingerprint, the push URL and the commits the remote already has.
 */
export async function openRepository(
  top: string,
  options: { author?: GitIdentity; pushUrl?: string },
): Promise<OpenedRepository> {
  const identity = options.author ?? DEFAULT_AUTHOR;
  const probe = gitClient(top, identity);
  const absolute = (dir: string) => (isAbsolute(dir) ? dir : join(top, dir));
  const gitDir = absolute((await probe.raw(['rev-parse', '--absolute-git-dir'])).trim());
  const commonDir = absolute((await probe.raw(['rev-parse', '--git-common-dir'])).trim());
  const pinnedEnv = { GIT_DIR: gitDir, GIT_WORK_TREE: top };
  const pinned = gitClient(top, identity, pinnedEnv);
  // The guard's listing runs before every checkpoint: without simple-git's per-call work.
  const guard = await ConfigGuard.capture(quietGit(top, identity, pinnedEnv), [gitDir, commonDir]);
  const pushUrl = options.pushUrl ?? (await originUrl(pinned));
  const refs = await tryRaw(pinned, ['for-each-ref', '--format=%(objectname)', 'refs/remotes/']);
  const onRemote = refs.ok ? refs.stdout.split('\n').filter(Boolean) : [];
  return { top, guard, gitDir, pushUrl, onRemote };
}

/** origin's push URL as configured (`pushurl`, else `url`), or undefined when there is no origin. */
async function originUrl(git: SimpleGit): Promise<string | undefined> {
  for (const key of ['remote.origin.pushurl', 'remote.origin.url']) {
    const value = await tryRaw(git, ['config', '--get', key]);
    if (value.ok && value.stdout.trim()) return value.stdout.trim();
  }
  return undefined;
}
