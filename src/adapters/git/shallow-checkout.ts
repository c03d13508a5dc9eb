import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, realpath, rename, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { errorMessage, MaestroError } from '../../core/errors.js';
import { gitClient } from './git-client.js';
import { DEFAULT_AUTHOR } from './git-env.js';
import { GitRepositoryReader } from './git-repository-reader.js';
import { authHeaderEnv, basicAuthHeader, redactGitMessage } from './push-auth.js';

export interface ShallowCheckoutOptions {
  /** `https://github.com/owner/repo.git` (or the GHE equivalent); never carries credentials. */
  url: string;
  /** A branch name; default: the remote's HEAD (the default branch). */
  ref?: string;
  /** The installation token: sent only as an HTTP header through git's environment. */
  token?: string;
  /** Where checkouts are kept, one directory per repository and commit. */
  cacheRoot: string;
  /** Older commits' checkouts of the same repository are removed after this long (default 1 h). */
  keepMs?: number;
}

/** Where the App keeps its checkouts unless told otherwise: per OS user, so no one else's directory is reused. */
export function defaultCheckoutRoot(): string {
  return join(tmpdir(), `maestro-checkouts-${userInfo().username.replace(/[^A-Za-z0-9._-]/g, '_')}`);
}

const DEFAULT_KEEP_MS = 60 * 60 * 1000;
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * A read-only, depth-1 copy of one branch for discovery (the App has no checkout of its own).
 *  1. `git ls-remote` names the branch's commit: a copy of that commit is reused as is.
 *  2. Otherwise `git clone --depth 1 --single-branch` into a temporary directory, renamed into
 *     `<cacheRoot>/<repo>/<commit>` so a concurrent job never sees half a clone.
 *  3. Copies of older commits are removed once they are older than `keepMs` (a job that
 *     started on one may still be reading it).
 * The token travels as `http.extraHeader` in the environment of the two git processes only: not in
 * argv (readable by other users), not in the URL and not in `.git/config`. LFS smudging is off:
 * discovery reads source text, not large binaries.
 */
export async function shallowCheckout(options: ShallowCheckoutOptions): Promise<GitRepositoryReader> {
  if (options.ref !== undefined && !/^(?!-)[A-Za-z0-9._/-]+$/.test(options.ref)) {
    throw new MaestroError(`"${options.ref}" is not a branch name Maestro will check out`, {
      code: 'git.bad-ref',
    });
  }
  const header = options.token ? basicAuthHeader(options.token) : undefined;
  const repoDir = join(options.cacheRoot, repoKey(options.url));
  await mkdir(repoDir, { recursive: true, mode: 0o700 });
  const git = gitClient(repoDir, DEFAULT_AUTHOR, {
    ...(header ? authHeaderEnv(header) : {}),
    GIT_LFS_SKIP_SMUDGE: '1',
  });
  const fail = (doing: string, error: unknown) =>
    new MaestroError(
      `Could not ${doing} ${redactUrl(options.url)}: ${redactGitMessage(errorMessage(error), header).trim()}. ` +
        'Check that the App is installed on the repository with contents: read.',
      { code: 'git.checkout-failed', cause: error },
    );

  let commit: string | undefined;
  try {
    const pattern = options.ref ? `refs/heads/${options.ref}` : 'HEAD';
    const listed = await git.raw(['ls-remote', '--', options.url, pattern]);
    commit = listed.split(/\s/)[0];
  } catch (error) {
    throw fail('list', error);
  }
  if (!commit || !SHA.test(commit)) throw fail('find the branch of', new Error('no such branch'));

  const cached = await openAt(join(repoDir, commit), commit);
  if (cached) return cached;

  const temp = await mkdtemp(join(repoDir, '.tmp-'));
  try {
    const branch = options.ref ? ['--branch', options.ref] : [];
    await git.raw([
      'clone',
      '--depth',
      '1',
      '--single-branch',
      '--no-tags',
      ...branch,
      '--',
      options.url,
      temp,
    ]);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw fail('clone', error);
  }
  // The branch may have moved since ls-remote: name the copy after what was actually cloned.
  const actual = (await (await GitRepositoryReader.open(temp)).headCommit()) ?? commit;
  const target = join(repoDir, actual);
  try {
    await rename(temp, target);
  } catch {
    if (await openAt(target, actual)) {
      // Another job cloned the same commit first: use its copy.
      await rm(temp, { recursive: true, force: true });
    } else {
      // A broken leftover (a crash mid-rename, a disk clean-up): replace it.
      await rm(target, { recursive: true, force: true });
      await rename(temp, target);
    }
  }
  await pruneOlder(repoDir, actual, options.keepMs ?? DEFAULT_KEEP_MS);
  return GitRepositoryReader.open(target);
}

/** The cached copy of `commit`, touched so pruning sees it as in use; undefined when absent. */
async function openAt(dir: string, commit: string): Promise<GitRepositoryReader | undefined> {
  try {
    const root = await realpath(dir);
    const reader = await GitRepositoryReader.open(root);
    // `rev-parse` walks up: a broken copy inside some other repository must not pass for this one.
    if (reader.root !== root || (await reader.headCommit()) !== commit) return undefined;
    const now = new Date();
    await utimes(root, now, now);
    return reader;
  } catch {
    return undefined;
  }
}

async function pruneOlder(repoDir: string, keep: string, keepMs: number): Promise<void> {
  const cutoff = Date.now() - keepMs;
  for (const name of await readdir(repoDir)) {
    if (name === keep) continue;
    const path = join(repoDir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && info.mtimeMs < cutoff) await rm(path, { recursive: true, force: true });
  }
}

/** One directory per remote: readable for people, hashed so two URLs never collide. */
function repoKey(url: string): string {
  const readable = redactUrl(url)
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\.git$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(-60);
  return `${readable}-${createHash('sha256').update(url).digest('hex').slice(0, 8)}`;
}

function redactUrl(url: string): string {
  return url.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1');
}
