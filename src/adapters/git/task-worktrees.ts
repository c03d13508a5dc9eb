import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { MaestroError } from '../../core/errors.js';
import type { TaskWorktree } from '../../ports/git-workspace-port.js';
import type { ConfigGuard } from './config-guard.js';
import { type GitRaw, gitClient, mustRaw, quietGit, tryRaw } from './git-client.js';
import type { GitIdentity } from './git-env.js';
import { settleAll } from './settle-all.js';
import { defaultWorktreeRoot, sanitiseLabel } from './worktree-location.js';

/**
 * An `ls-files -v -z` entry git was told to ignore: tag `S` (skip-worktree) or a lower-case tag
 * (assume-unchanged), at the start of the listing or after an entry's NUL.
 */
const HIDDEN_ENTRY = /(?:^|\0)(?:S|[a-z]) /;

/** Worktrees kept for reuse; a run's parallel tasks each hold one, so this covers `max_parallel` up to 8. */
const DEFAULT_POOL_SIZE = 8;

/**
 * The detached worktrees tasks run in. Git is pointed at each worktree's administrative directory
 * (inside the main `.git`, recorded when the worktree is created) with `GIT_DIR`/`GIT_WORK_TREE`,
 * never discovered from the worktree: the agent can rewrite the worktree's `.git` file to point at
 * a repository it made, whose config (`core.fsmonitor`, …) would run commands in this process.
 * Each administrative directory is recorded by the config guard when it is created and checked
 * before the worktree's changes are staged (a rewritten `commondir` or `config.worktree` refuses).
 *
 * Worktrees are pooled: a removed worktree is kept (up to `poolSize`) and the next task gets it
 * reset to its base (`checkout -f --detach`, `clean -ffdx`: exactly the base's tracked files, nothing
 * untracked or ignored left from the task before), which touches only what changed instead of
 * writing every file of the repository again (21.9 s at 100k files for a fresh `worktree add`).
 * `release` removes the pooled ones at the end of a run.
 */
export class TaskWorktrees {
  readonly #repoRoot: string;
  readonly #git: SimpleGit;
  readonly #identity: GitIdentity;
  readonly #root: string;
  readonly #guard: ConfigGuard;
  readonly #gitDirs = new Map<string, string>();
  /** Worktrees whose task is over, ready for the next one: path → administrative directory. */
  readonly #idle: { path: string; gitDir: string }[] = [];
  readonly #poolSize: number;
  // Git's worktree add/remove/prune read every worktree's administrative directory, and fail
  // ("failed to read …/commondir") when another add is half-way through writing one: they run one at a time.
  #adminQueue: Promise<unknown> = Promise.resolve();

  constructor(
    repoRoot: string,
    git: SimpleGit,
    identity: GitIdentity,
    guard: ConfigGuard,
    root?: string,
    poolSize = DEFAULT_POOL_SIZE,
  ) {
    this.#poolSize = poolSize;
    this.#repoRoot = repoRoot;
    this.#git = git;
    this.#identity = identity;
    this.#guard = guard;
    this.#root = root ?? defaultWorktreeRoot(repoRoot);
  }

  /** `base` may still be resolving: a pooled worktree's checks run meanwhile. */
  add(label: string, base: string | Promise<string>): Promise<TaskWorktree> {
    return this.#oneAtATime(() => this.#add(label, base));
  }

  /**
   * Ends a task's use of its worktree: kept for the next task while the pool has room, else removed.
   * Never throws for a worktree that is already gone: removal runs in `finally` blocks.
   */
  remove(worktree: TaskWorktree): Promise<void> {
    return this.#oneAtATime(async () => {
      const gitDir = this.#gitDirs.get(worktree.path);
      if (gitDir && this.#idle.length < this.#poolSize && existsSync(worktree.path)) {
        this.#gitDirs.delete(worktree.path);
        this.#idle.push({ path: worktree.path, gitDir });
        return;
      }
      await this.#remove(worktree);
    });
  }

  /** Removes the pooled worktrees (the end of a run). */
  release(): Promise<void> {
    return this.#oneAtATime(async () => {
      for (const idle of this.#idle.splice(0)) {
        this.#gitDirs.set(idle.path, idle.gitDir);
        await this.#remove({ path: idle.path, base: '' });
      }
    });
  }

  #oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#adminQueue.then(work, work);
    this.#adminQueue = result.catch(() => undefined);
    return result;
  }

  async #add(label: string, baseSha: string | Promise<string>): Promise<TaskWorktree> {
    const pooled = this.#idle.pop();
    if (pooled) {
      const reused = await this.#reuse(pooled, baseSha).catch(async () => {
        // A worktree that cannot be reset (deleted, locked) is dropped; a fresh one is made below.
        this.#gitDirs.set(pooled.path, pooled.gitDir);
        await this.#remove({ path: pooled.path, base: '' });
        return undefined;
      });
      if (reused) return reused;
    }
    const base = await baseSha;
    // Before the checkout: a filter planted in git's config since open would run in it (a pooled
    // worktree's reuse checks this along with its own administrative files).
    await this.#guard.verify('check out a task worktree');
    await mkdir(this.#root, { recursive: true });
    const path = await realpath(await mkdtemp(join(this.#root, `${sanitiseLabel(label)}-`)));
    try {
      await mustRaw(
        this.#git,
        ['worktree', 'add', '--detach', path, base],
        `create a worktree for ${label}`,
        'Check free disk space and the temporary directory.',
      );
    } catch (error) {
      await rm(path, { recursive: true, force: true });
      throw error;
    }
    const gitDir = (
      await gitClient(path, this.#identity, {}, this.#guard.filters).raw(['rev-parse', '--absolute-git-dir'])
    ).trim();
    await this.#guard.track(gitDir);
    this.#gitDirs.set(path, gitDir);
    return { path, base };
  }

  /** A pooled worktree at `base`: its checks first, then only what differs from `base` is rewritten. */
  async #reuse(
    pooled: { path: string; gitDir: string },
    baseSha: string | Promise<string>,
  ): Promise<TaskWorktree> {
    // The task before could rewrite its `.git` file or the worktree's configuration: the guard
    // refuses a changed configuration, and the `.git` file is written again from what Maestro knows.
    const [, base] = await settleAll([
      this.#guard.verify('reuse a task worktree', pooled.gitDir),
      Promise.resolve(baseSha),
    ] as const);
    await writeFile(join(pooled.path, '.git'), `gitdir: ${pooled.gitDir}\n`);
    // Both commands print nothing: simple-git would wait 50 ms after each (see `quietGit`).
    const git = this.#pinned(pooled.path, pooled.gitDir);
    const next = 'The worktree is dropped and a fresh one is made.';
    // A task can mark files skip-worktree or assume-unchanged in its index: `checkout -f` would
    // leave what it wrote in them for the next task, unseen by `status` and `add`.
    const entries = await mustRaw(git, ['ls-files', '-v', '-z'], 'read a pooled worktree', next);
    // One scan of the listing (100k entries at 100k files) for a tag at the start of an entry.
    if (HIDDEN_ENTRY.test(entries)) {
      throw new MaestroError(`${pooled.path} has files git was told to ignore. ${next}`, {
        code: 'git.pooled-worktree-flags',
      });
    }
    await mustRaw(git, ['checkout', '-q', '-f', '--detach', base, '--'], 'reset a pooled worktree', next);
    await mustRaw(git, ['clean', '-q', '-ffdx'], 'clean a pooled worktree', next);
    this.#gitDirs.set(pooled.path, pooled.gitDir);
    return { path: pooled.path, base };
  }

  async #remove(worktree: TaskWorktree): Promise<void> {
    const gitDir = this.#gitDirs.get(worktree.path);
    if (gitDir) this.#guard.untrack(gitDir);
    const removed = await tryRaw(this.#git, ['worktree', 'remove', '--force', '--force', worktree.path]);
    if (removed.ok) {
      this.#gitDirs.delete(worktree.path);
      return;
    }
    // Only ever delete inside Maestro's own worktree directory.
    if ((await this.#isOwnPath(worktree.path)) && existsSync(worktree.path)) {
      await rm(worktree.path, { recursive: true, force: true });
    }
    await tryRaw(this.#git, ['worktree', 'prune']);
    this.#gitDirs.delete(worktree.path);
  }

  /**
   * The task's whole working tree staged in its worktree's index and written as a tree (tracked,
   * new and deleted files; `add -A` honours `.gitignore`, so build output stays out), with its
   * base's tree to compare. Git's configuration is checked before `add` and again after it and
   * `alongside` (the main checkout's status, run at the same time: a different index) are done,
   * so a change made meanwhile is refused before anything is committed.
   */
  async stage<T>(
    worktree: TaskWorktree,
    alongside: () => Promise<T>,
  ): Promise<{ tree: string; baseTree: string; alongside: T }> {
    const gitDir = this.#gitDirOf(worktree);
    const doing = "stage the task's changes";
    await this.#guard.verify(doing, gitDir);
    const git = this.#pinned(worktree.path, gitDir);
    const [, baseTree, beside] = await settleAll([
      mustRaw(
        git,
        ['add', '-A'],
        `stage the changes in ${worktree.path}`,
        'Check that the worktree still exists.',
      ),
      git.raw(['rev-parse', '--verify', `${worktree.base}^{tree}`]),
      alongside(),
    ] as const);
    // `write-tree` only reads the index (no attribute, filter or program), so it runs beside the
    // second check; nothing is committed unless that check passes.
    const [, tree] = await settleAll([this.#guard.verify(doing, gitDir), git.raw(['write-tree'])] as const);
    return { tree: tree.trim(), baseTree: baseTree.trim(), alongside: beside };
  }

  /** A staged tree as a commit on the worktree's base (the task's own commit, for a pick or to keep). */
  async commitOnBase(worktree: TaskWorktree, tree: string, message: string): Promise<string> {
    const git = this.#pinned(worktree.path, this.#gitDirOf(worktree));
    return (await git.raw(['commit-tree', tree, '-p', worktree.base, '-m', message])).trim();
  }

  /**
   * Git for one worktree, pointed at its recorded administrative directory (never at what its
   * `.git` file says), without simple-git's wait after silent commands.
   */
  #pinned(path: string, gitDir: string): GitRaw {
    return quietGit(path, this.#identity, { GIT_DIR: gitDir, GIT_WORK_TREE: path }, this.#guard.filters);
  }

  /** Only worktrees this workspace created: their administrative directories are the recorded ones. */
  #gitDirOf(worktree: TaskWorktree): string {
    const known = this.#gitDirs.get(worktree.path);
    if (known) return known;
    throw new MaestroError(
      `${worktree.path} is not a worktree Maestro created for ${this.#repoRoot} in this run; it may have been removed — re-run the task.`,
      { code: 'git.unknown-worktree' },
    );
  }

  async #isOwnPath(path: string): Promise<boolean> {
    // Worktree paths are real paths; the root may sit behind a symlink (macOS's /var → /private/var).
    const root = await realpath(this.#root).catch(() => this.#root);
    const rel = relative(root, path);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  }
}
