import { execFile } from 'node:child_process';
import { lstatSync, readFileSync, type Stats } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { MaestroError, ValidationError } from '../../core/errors.js';
import type { RepoFile, RepositoryReader } from '../../ports/repository-port.js';
import type { GitRaw } from './git-client.js';
import { DEFAULT_AUTHOR, gitConfig, gitEnvironment } from './git-env.js';
import { parseIndexListing } from './index-listing.js';

const SUBMODULE = '160000';
const SYMLINK = '120000';
/** Paths per `git hash-object` call: one call for typical working trees, bounded argv for huge ones. */
const HASH_BATCH = 1000;
/**
 * Paths per synchronous `lstat` run before yielding to the event loop. Synchronous calls skip the
 * thread pool's round trip per file (1.8 s of 100,000 async ones on the 100k benchmark repository);
 * yielding between batches keeps a server's event loop answering while a large tree is listed.
 */
const STAT_BATCH = 2000;

/**
 * `RepositoryReader` over a local git working tree. Blob ids come from the index for clean files
 * and from `git hash-object` for modified and untracked ones, so they always match what is read.
 * Every git call passes paths as arguments, never through a shell.
 */
export class GitRepositoryReader implements RepositoryReader {
  readonly root: string;
  readonly #git: GitRaw;

  private constructor(root: string) {
    this.root = root;
    this.#git = readerGit(root);
  }

  /** Opens the repository containing `dir`; throws a `ValidationError` when it is not one. */
  static async open(dir: string): Promise<GitRepositoryReader> {
    let top: string;
    try {
      top = (await readerGit(await realpath(dir)).raw(['rev-parse', '--show-toplevel'])).trim();
    } catch (error) {
      throw new ValidationError(
        dir,
        'not a git repository (or it does not exist); pass --repo with the path of a git checkout',
        { cause: error },
      );
    }
    return new GitRepositoryReader(top);
  }

  async listFiles(): Promise<RepoFile[]> {
    // One process: the index (`-s`, tagged by `-v`), what differs from it (`-m`: modified or
    // deleted in the working tree, tagged C, the same paths as `diff --name-only`) and what is
    // untracked (`-o`, tagged ?). Two processes, the index's parsed while the other walks the
    // tree, measured slower at 2k files (a spawn costs Node and git ~10 ms of CPU each, more than
    // the overlap saves: warm sympy-like, 31 interleaved runs, wall 1.06 against 0.94 of the
    // older build) though faster at 100k files (the parse, ~0.2 s there, is then hidden).
    const listing = await this.#raw([
      'ls-files',
      '-z',
      '-s',
      '-v',
      '--debug',
      '--cached',
      '--modified',
      '--others',
      '--exclude-standard',
    ]);
    const entries = new Map<string, { blob: string; mode: string }>();
    // Sizes from the index instead of an `lstat` per file (most of a warm listing's time): for an
    // entry git checks (tag H) that `-m` does not report, git compared the file's size with the
    // one it recorded (`ie_match_stat`), so that size is the file's. Recorded as 0 (an index not
    // refreshed since `read-tree`, or an empty file), or skip-worktree, assume-unchanged (git does
    // not look at those) and unmerged entries: stat'ed as before.
    const indexSizes = new Map<string, number>();
    const toStat = new Set<string>();
    const modified: string[] = [];
    const rehash = new Set<string>();
    for (const record of parseIndexListing(listing)) {
      if (!('mode' in record)) {
        entries.set(record.path, { mode: '100644', blob: '' });
        rehash.add(record.path);
      } else if (record.tag === 'C' || record.tag === 'c') modified.push(record.path);
      else if (!entries.has(record.path) && record.mode !== SUBMODULE && record.mode !== SYMLINK) {
        entries.set(record.path, record);
        if (record.tag === 'H' && record.size) indexSizes.set(record.path, record.size);
        else toStat.add(record.path);
      }
    }
    for (const path of modified) if (entries.has(path)) rehash.add(path);
    for (const path of rehash) {
      indexSizes.delete(path);
      toStat.add(path);
    }
    const stats = await this.#stats([...toStat]);
    const present = [...rehash].filter((p) => stats.get(p)?.file);
    const blobs = await this.#hashObjects(present);
    const files: RepoFile[] = [];
    for (const [path, entry] of entries) {
      // git keeps the low 32 bits of a size: a file of 4 GiB or more could pass for a small one
      // here, but `readFile` refuses files over 2 GiB (Node's limit), so it is never read.
      const size = indexSizes.get(path) ?? (stats.get(path)?.file ? stats.get(path)!.size : undefined);
      if (size === undefined) continue; // deleted in the working tree, or a symlink / directory
      const blob = rehash.has(path) ? blobs.get(path) : entry.blob;
      if (!blob) continue;
      files.push({ path, blob, size, mode: entry.mode });
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * Synchronous under the promise: `fs/promises.readFile` is four thread-pool round trips per file
   * (open, fstat, read, close), 7-8x the CPU of `readFileSync` for repository-sized files (30,000
   * files of files-100k: 2.1-2.5 s against 0.27-0.29 s), and a cold discovery reads every file.
   * Callers read in batches, and files over 1 MiB are never read for analysis, so the loop is held
   * for a batch's reads at most.
   */
  async readFile(path: string): Promise<Buffer> {
    return readFileSync(this.#resolve(path));
  }

  async headCommit(): Promise<string | undefined> {
    try {
      return (await this.#git.raw(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  #resolve(path: string): string {
    const full = normalize(join(this.root, path));
    if (isAbsolute(path) || !full.startsWith(this.root + sep)) {
      throw new ValidationError(path, 'path is outside the repository');
    }
    return full;
  }

  async #raw(args: string[]): Promise<string> {
    try {
      return await this.#git.raw(args);
    } catch (error) {
      throw new MaestroError(`git ${args[0]} failed in ${this.root}; check that git works there`, {
        code: 'git.failed',
        cause: error,
      });
    }
  }

  async #stats(paths: string[]): Promise<Map<string, { file: boolean; size: number }>> {
    const out = new Map<string, { file: boolean; size: number }>();
    for (let i = 0; i < paths.length; i += STAT_BATCH) {
      if (i > 0) await yieldToLoop();
      for (const p of paths.slice(i, i + STAT_BATCH)) {
        const s = lstatOrAbsent(`${this.root}/${p}`); // git's paths are normalised and relative
        if (s) out.set(p, { file: s.isFile(), size: s.size });
      }
    }
    return out;
  }

  async #hashObjects(paths: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < paths.length; i += HASH_BATCH) {
      const batch = paths.slice(i, i + HASH_BATCH);
      const ids = (await this.#raw(['hash-object', '--', ...batch])).split('\n').filter(Boolean);
      batch.forEach((p, j) => {
        const id = ids[j];
        if (id) out.set(p, id.trim());
      });
    }
    return out;
  }
}

/** A path deleted, unreadable or under a non-directory in the working tree is simply absent. */
function lstatOrAbsent(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Output of a listing: every path of a very large tree, up to what one string can hold. */
const MAX_OUTPUT = 512 * 1024 * 1024;

/**
 * The hardened client's git (git-env.ts: allow-listed environment, hooks, fsmonitor and filters
 * off, argument arrays only) run by `execFile` rather than simple-git. Two reasons, both on every
 * `maestro context` and planning run: simple-git settles ~50 ms after a process that prints nothing
 * exits (a clean tree's `diff --name-only` and `ls-files --others`), and loading simple-git costs
 * a warm `maestro context` more CPU than the git processes it runs. (git-client.ts's `quietGit` is
 * the same runner; importing it would load simple-git.)
 */
function readerGit(cwd: string): GitRaw {
  const env = gitEnvironment();
  const config = gitConfig(DEFAULT_AUTHOR).flatMap((entry) => ['-c', entry]);
  return {
    raw: (args) =>
      new Promise((done, fail) => {
        execFile(
          'git',
          [...config, ...args],
          { cwd, env, encoding: 'utf8', maxBuffer: MAX_OUTPUT },
          (error, stdout, stderr) => {
            if (error) fail(new Error(stderr.trim() || error.message, { cause: error }));
            else done(stdout);
          },
        );
      }),
  };
}

/**
 * Checks out `commit` of `sourceRepo` into `destDir` (which must not exist or be empty) without
 * touching the source: a `--shared` clone borrows its objects, then a detached checkout.
 */
export async function materializeCommit(sourceRepo: string, commit: string, destDir: string): Promise<void> {
  const source = resolve(sourceRepo);
  try {
    await readerGit(source).raw([
      'clone',
      '--shared',
      '--no-checkout',
      '--quiet',
      '--',
      source,
      resolve(destDir),
    ]);
    await readerGit(destDir).raw(['checkout', '--detach', '--quiet', commit, '--']);
  } catch (error) {
    throw new MaestroError(`could not check out ${commit} of ${source}; is the commit in that repository?`, {
      code: 'git.checkout-failed',
      cause: error,
    });
  }
}
