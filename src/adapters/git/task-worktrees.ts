import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { MaestroError } from '../../core/errors.js';
import type { TaskWorktree } from '../../ports/git-workspace-port.js';
import type { ConfigGuard } from './config-guard.js';
import { gitClient, mustRaw, tryRaw } from './git-client.js';
import type { GitIdentity } from './git-env.js';
import { defaultWorktreeRoot, sanitiseLabel } from './worktree-location.js';

/**
 * The detached worktrees tasks run in. Git is pointed at each worktree's administrative directory
 * (inside the main `.git`, recorded when the worktree is created) with `GIT_DIR`/`GIT_WORK_TREE`,
 * never discovered from the worktree: the agent can rewrite the worktree's `.git` file to point at
 * a repository it made, whose config (`core.fsmonitor`, …) would run commands in this process.
 * Each administrative directory is recorded by the config guard when it is created and checked
 * before the worktree's changes are staged (a rewritten `commondir` or `config.worktree` refuses).
 */
export class TaskWorktrees {
  readonly #repoRoot: string;
  readonly #git: SimpleGit;
  readonly #identity: GitIdentity;
  readonly #root: string;
  readonly #guard: ConfigGuard;
  readonly #gitDirs = new Map<string, string>();
  // Git's worktree add/remove/prune read every worktree's administrative directory, and fail
  // ("failed to read …/commondir") when another add is half-way through writing one: they run one at a time.
  #adminQueue: Promise<unknown> = Promise.resolve();

  constructor(repoRoot: string, git: SimpleGit, identity: GitIdentity, guard: ConfigGuard, root?: string) {
    this.#repoRoot = repoRoot;
    this.#git = git;
    this.#identity = identity;
    this.#guard = guard;
    this.#root = root ?? defaultWorktreeRoot(repoRoot);
  }

  add(label: string, base: string): Promise<TaskWorktree> {
    return this.#oneAtATime(() => this.#add(label, base));
  }

  /** Never throws for a worktree that is already gone: removal runs in `finally` blocks. */
  remove(worktree: TaskWorktree): Promise<void> {
    return this.#oneAtATime(() => this.#remove(worktree));
  }

  #oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#adminQueue.then(work, work);
    this.#adminQueue = result.catch(() => undefined);
    return result;
  }

  async #add(label: string, base: string): Promise<TaskWorktree> {
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
   * The task's changes as a commit whose parent is the worktree's base, or `undefined` when its
   * tree equals the base's. `add -A` honours `.gitignore`, so build output stays out.
   */
  async snapshot(worktree: TaskWorktree, message: string): Promise<string | undefined> {
    const gitDir = this.#gitDirOf(worktree);
    await this.#guard.verify("stage the task's changes", gitDir);
    const git = gitClient(
      worktree.path,
      this.#identity,
      { GIT_DIR: gitDir, GIT_WORK_TREE: worktree.path },
      this.#guard.filters,
    );
    await mustRaw(
      git,
      ['add', '-A', '--verbose'],
      `stage the changes in ${worktree.path}`,
      'Check that the worktree still exists.',
    );
    // Again after: a change made while `add` ran is refused before anything is committed.
    await this.#guard.verify("stage the task's changes", gitDir);
    const tree = (await git.raw(['write-tree'])).trim();
    const baseTree = (await this.#git.raw(['rev-parse', '--verify', `${worktree.base}^{tree}`])).trim();
    if (tree === baseTree) return undefined;
    return (await this.#git.raw(['commit-tree', tree, '-p', worktree.base, '-m', message])).trim();
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
