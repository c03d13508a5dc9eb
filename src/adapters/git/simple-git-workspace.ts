import { mkdir, realpath } from 'node:fs/promises';
import type { SimpleGit } from 'simple-git';
import { MaestroError } from '../../core/errors.js';
import { CommitRefusedError } from '../../core/policy/commit-scan/commit-refused-error.js';
import { type CheckpointTrailers, formatCheckpointMessage } from '../../core/state/checkpoint-trailers.js';
import type {
  CheckpointCommit,
  CommitPolicy,
  FetchResult,
  FileChange,
  GitWorkspace,
  IntegrationResult,
  PushResult,
  TaskWorktree,
} from '../../ports/git-workspace-port.js';
import { applyTaskCommit } from './apply-task-commit.js';
import { CheckpointWriter } from './checkpoint-writer.js';
import { CommitGate } from './commit-gate.js';
import type { ConfigGuard } from './config-guard.js';
import { fetchBranch } from './fetch-branch.js';
import { type GitRaw, gitClient, mustRaw, quietGit, tryRaw } from './git-client.js';
import { DEFAULT_AUTHOR, type GitIdentity } from './git-env.js';
import {
  readCheckpoints,
  readDiffFiles,
  readDiffText,
  readReleaseCommitMessages,
  resolveCommit,
} from './git-history.js';
import { type OpenedRepository, openRepository } from './open-repository.js';
import { authHeaderEnv } from './push-auth.js';
import { type GitRemoteTarget, pushBranch } from './push-branch.js';
import { assertRunBranchName } from './run-branch-name.js';
import { assertCleanTracked, readRunBranchHead, readRunBranchState } from './run-branch-state.js';
import { SerialQueue } from './serial-queue.js';
import { TaskWorktrees } from './task-worktrees.js';

export interface SimpleGitWorkspaceOptions {
  /** Where task worktrees are created; default `os.tmpdir()/maestro-worktrees/<repo-hash>`. */
  worktreeRoot?: string;
  /** Author and committer of every checkpoint; default `Maestro <maestro@users.noreply.github.com>`. */
  author?: GitIdentity;
  /**
   * A full HTTP header line for pushes and fetches, e.g. from `basicAuthHeader(token)`; sent only
   * to `pushUrl`. A function is asked again for every push and fetch: tokens that expire (an
   * App's installation tokens last an hour) are renewed by whoever provides them.
   */
  pushAuth?: { header: string | (() => Promise<string>) };
  /** Added to a push or fetch that git reports as an authentication failure (what to do next). */
  authFailureHint?: string;
  /**
   * Where pushes and fetches go, built from the trusted repository (the Action and the App:
   * `https://<server>/<owner>/<repo>.git`). Default: origin's URL as the repository's config
   * names it when the workspace opens — before any code of the run executed — or no remote.
   */
  pushUrl?: string;
  /** The run's secret values (tokens, keys): no commit message or added line may contain one. */
  secrets?: readonly string[];
}

/**
 * `GitWorkspace` on a real checkout with simple-git. Checkpoints are `commit-tree` + `update-ref`
 * of the staged tree, the message as one argument (no editor, hook or shell). Security.md rules 11 and 12: git
 * runs with an allow-listed environment, no hooks, filters or fsmonitor, and refuses to stage,
 * commit, check out, fetch or push once its configuration differs from what it was at `open`;
 * every commit and push is scanned (`scanCommit`) first; pushes go to a URL fixed at `open`.
 */
export class SimpleGitWorkspace implements GitWorkspace {
  readonly root: string;
  readonly #git: SimpleGit;
  /**
   * The same git without simple-git: its per-call work, and its 50 ms wait after a command that
   * prints nothing (`update-ref`, `add`, `cherry-pick`). Every command on a checkpoint's path.
   */
  readonly #quiet: GitRaw;
  readonly #identity: GitIdentity;
  readonly #pushAuth: SimpleGitWorkspaceOptions['pushAuth'];
  readonly #authFailureHint: string | undefined;
  readonly #pushUrl: string | undefined;
  readonly #guard: ConfigGuard;
  readonly #gate: CommitGate;
  readonly #writer: CheckpointWriter;
  readonly #worktrees: TaskWorktrees;
  /** Everything that moves HEAD or touches the main checkout's index runs through this. */
  readonly #serial = new SerialQueue();
  readonly #gitDirPinned: string;

  private constructor(opened: OpenedRepository, options: SimpleGitWorkspaceOptions) {
    this.root = opened.top;
    this.#identity = options.author ?? DEFAULT_AUTHOR;
    this.#pushAuth = options.pushAuth;
    this.#authFailureHint = options.authFailureHint;
    this.#pushUrl = opened.pushUrl;
    this.#guard = opened.guard;
    this.#gitDirPinned = opened.gitDir;
    const pinned = { GIT_DIR: opened.gitDir, GIT_WORK_TREE: opened.top };
    this.#git = gitClient(opened.top, this.#identity, pinned, opened.guard.filters);
    this.#quiet = quietGit(opened.top, this.#identity, pinned, opened.guard.filters);
    this.#gate = new CommitGate({
      git: this.#quiet,
      guard: opened.guard,
      secrets: options.secrets ?? [],
      onRemote: opened.onRemote,
    });
    this.#writer = new CheckpointWriter(this.#quiet, this.#gate);
    this.#worktrees = new TaskWorktrees(
      opened.top,
      this.#git,
      this.#identity,
      opened.guard,
      options.worktreeRoot,
    );
  }

  static async open(root: string, options: SimpleGitWorkspaceOptions = {}): Promise<SimpleGitWorkspace> {
    let top: string;
    try {
      const probe = gitClient(await realpath(root), options.author ?? DEFAULT_AUTHOR);
      top = (await probe.raw(['rev-parse', '--show-toplevel'])).trim();
    } catch (error) {
      throw new MaestroError(
        `${root} is not a git checkout; run Maestro from the repository's working tree.`,
        {
          code: 'git.not-a-repository',
          cause: error,
        },
      );
    }
    if (options.worktreeRoot) await mkdir(options.worktreeRoot, { recursive: true });
    return new SimpleGitWorkspace(await openRepository(top, options), options);
  }

  async head(): Promise<string> {
    return this.#resolveCommit('HEAD');
  }

  async currentBranch(): Promise<string | undefined> {
    // `symbolic-ref -q` prints nothing (and exits 1 without stderr) on a detached HEAD.
    const out = await tryRaw(this.#git, ['symbolic-ref', '-q', '--short', 'HEAD']);
    const name = out.ok ? out.stdout.trim() : '';
    return name || undefined;
  }

  async checkoutRunBranch(name: string, from?: string): Promise<void> {
    return this.#serial.run(async () => {
      assertRunBranchName(name);
      await this.#guard.verify(`check out ${name}`);
      await mustRaw(
        this.#git,
        ['check-ref-format', '--branch', name],
        `accept ${name} as a branch name`,
        'Choose another branch name.',
      );
      await assertCleanTracked(this.#quiet, this.root, `switch to ${name}`);
      const exists = await tryRaw(this.#git, ['rev-parse', '--verify', '-q', `refs/heads/${name}`]);
      if (exists.ok && exists.stdout.trim()) {
        if ((await this.currentBranch()) === name) return;
        await mustRaw(
          this.#quiet,
          ['checkout', '-q', name, '--'],
          `check out ${name}`,
          'Move untracked files that are in the way, then retry.',
        );
        return;
      }
      const start = await this.#resolveCommit(from ?? 'HEAD');
      await mustRaw(
        this.#quiet,
        ['checkout', '-q', '--no-track', '-b', name, start, '--'],
        `create ${name}`,
        'Move untracked files that are in the way, then retry.',
      );
    });
  }

  addWorktree(label: string, base: string): Promise<TaskWorktree> {
    // Resolved while a pooled worktree's checks run (a read of the object store); awaited there.
    const sha = this.#resolveCommit(base);
    sha.catch(() => undefined); // not unhandled while the add waits its turn
    return this.#worktrees.add(label, sha);
  }

  removeWorktree(worktree: TaskWorktree): Promise<void> {
    return this.#worktrees.remove(worktree);
  }

  releaseWorktrees(): Promise<void> {
    return this.#worktrees.release();
  }

  async integrate(
    worktree: TaskWorktree,
    message: string,
    trailers: CheckpointTrailers,
    policy: CommitPolicy,
  ): Promise<IntegrationResult> {
    const text = formatCheckpointMessage(message, trailers);
    const taskMessage = `maestro: changes of task ${trailers.task}`;
    // Queued at once, so checkpoints land in the order the engine calls this (completion order).
    return this.#serial.run(() =>
      this.#writer.refusable(async (keep) => {
        // The task's whole working tree (tracked, new and deleted files; ignored ones stay out),
        // whatever HEAD the agent may have moved the worktree to, staged and written as a tree
        // while the main checkout's status is read (two indexes): git's configuration (the
        // repository's and the worktree's) is verified before both and again after.
        const staged = await this.#worktrees.stage(worktree, () => this.#runBranchStatus('integrate a task'));
        const { tree, baseTree, alongside: head } = staged;
        if (tree === baseTree) return { kind: 'empty' };
        keep.ref = async () =>
          this.#writer.keepRefused(trailers, await this.#worktrees.commitOnBase(worktree, tree, taskMessage));
        if (head === worktree.base) {
          const forward = await this.#writer.fastForward(head, baseTree, tree, text, policy);
          if (forward) return forward;
        }
        const taskCommit = await this.#worktrees.commitOnBase(worktree, tree, taskMessage);
        keep.ref = () => this.#writer.keepRefused(trailers, taskCommit);
        return applyTaskCommit(this.#quiet, head, taskCommit, async ({ tree, headTree }) => {
          // Git's config was verified after the status, just before the pick; only Maestro's own
          // git (hooks, filters and fsmonitor off) ran in the main checkout since.
          const { commit, message } = await this.#writer.checkedCommit(head, headTree, tree, text, policy);
          return this.#writer.moveBranch(head, commit, message);
        });
      }),
    );
  }

  async commitAll(
    message: string,
    trailers: CheckpointTrailers,
    policy: CommitPolicy,
  ): Promise<IntegrationResult> {
    const text = formatCheckpointMessage(message, trailers);
    return this.#serial.run(() =>
      this.#writer.refusable(async (keep) => {
        const { head, headTree } = await this.#runBranchHead();
        await mustRaw(
          this.#quiet,
          ['add', '-A'],
          'stage the working tree',
          'Check file permissions in the checkout.',
        );
        const tree = (await this.#quiet.raw(['write-tree'])).trim();
        if (tree === headTree) return { kind: 'empty' };
        keep.ref = async () => {
          // The staged work is kept as a commit under refs/maestro/ and left in the working tree, unstaged.
          const commit = (await this.#quiet.raw(['commit-tree', tree, '-p', head, '-m', text])).trim();
          await tryRaw(this.#quiet, ['reset', '-q']);
          return this.#writer.keepRefused(trailers, commit);
        };
        // `#runBranchHead` verified git's config just before `add`; only Maestro's own git (hooks,
        // filters and fsmonitor off) ran since, so the gate need not read it a second time.
        const { commit, message } = await this.#writer.checkedCommit(head, headTree, tree, text, policy);
        return { kind: 'integrated', sha: await this.#writer.moveBranch(head, commit, message) };
      }),
    );
  }

  async restoreTree(targetSha: string, message: string, trailers: CheckpointTrailers): Promise<string> {
    const text = formatCheckpointMessage(message, trailers);
    return this.#serial.run(async () => {
      const { head } = await this.#runBranchState('roll back');
      const target = await this.#resolveCommit(targetSha);
      const tree = await this.#treeOf(target);
      const checked = await this.#gate.message(
        head,
        tree,
        text,
        { protectedPaths: [] },
        `restore the tree of ${target}`,
      );
      const commit = (await this.#quiet.raw(['commit-tree', tree, '-p', head, '-m', checked])).trim();
      // `reset --keep` to a child of HEAD is a fast-forward: history is untouched, and it refuses
      // (changing nothing) rather than overwrite an untracked file in the way.
      await mustRaw(
        this.#quiet,
        ['reset', '-q', '--keep', commit],
        `restore the tree of ${target}`,
        'Move untracked files that are in the way, then retry.',
      );
      this.#gate.scanned(commit);
      return commit;
    });
  }

  checkpoints(session: string, since?: string): Promise<CheckpointCommit[]> {
    return readCheckpoints(this.#quiet, this.root, session, since);
  }

  releaseCommitMessages(max: number): Promise<string[]> {
    return readReleaseCommitMessages(this.#quiet, max);
  }

  diffFiles(from: string, to: string): Promise<FileChange[]> {
    return readDiffFiles(this.#quiet, this.root, from, to);
  }

  diffText(from: string, to: string, maxBytes: number): Promise<string> {
    return readDiffText(this.#quiet, this.root, from, to, maxBytes);
  }

  async fetchRunBranch(branch: string): Promise<FetchResult> {
    assertRunBranchName(branch);
    return this.#serial.run(async () => {
      const target = await this.#remote();
      if (!target) return { kind: 'no-remote' };
      await this.#guard.verify(`fetch ${branch}`);
      const fetched = await fetchBranch(this.#git, target, branch);
      if (fetched.kind === 'fetched' && fetched.sha) this.#gate.onRemote(fetched.sha);
      return fetched;
    });
  }

  async push(branch: string, options: { to?: string } = {}): Promise<PushResult> {
    const to = options.to ?? branch;
    assertRunBranchName(branch);
    assertRunBranchName(to);
    const target = await this.#remote();
    if (!target) return { kind: 'no-remote' };
    try {
      await this.#guard.verify(`push ${branch}`);
      const tip = await this.#resolveCommit(`refs/heads/${branch}`);
      await this.#gate.beforePush(tip, branch);
      const pushed = await pushBranch(target, branch, to);
      if (pushed.kind === 'pushed') this.#gate.onRemote(tip);
      return pushed;
    } catch (error) {
      if (error instanceof CommitRefusedError) return { kind: 'refused', reason: error.message };
      throw error;
    }
  }

  /** The remote with the header as it is now (a provider is asked again for each push and fetch). */
  async #remote(): Promise<GitRemoteTarget | undefined> {
    const url = this.#pushUrl;
    if (url === undefined) return undefined;
    const auth = this.#pushAuth?.header;
    const header = typeof auth === 'function' ? await auth() : auth;
    const env = header ? authHeaderEnv(header, url) : {};
    return {
      url,
      header,
      ...(this.#authFailureHint ? { authFailureHint: this.#authFailureHint } : {}),
      git: gitClient(this.root, this.#identity, { ...this.#pinnedEnv(), ...env }, this.#guard.filters),
    };
  }

  #pinnedEnv(): Record<string, string> {
    return { GIT_DIR: this.#gitDirPinned, GIT_WORK_TREE: this.root };
  }

  /** The run branch's head and tree, read beside the config check (nothing is staged until both are done). */
  async #runBranchHead(): Promise<{ branch: string; head: string; headTree: string }> {
    const [, state] = await Promise.all([
      this.#guard.verify('stage the working tree'),
      readRunBranchHead(this.#quiet),
    ]);
    return state;
  }

  #resolveCommit(rev: string): Promise<string> {
    return resolveCommit(this.#quiet, this.root, rev);
  }

  async #treeOf(commit: string): Promise<string> {
    return (await this.#quiet.raw(['rev-parse', '--verify', `${commit}^{tree}`])).trim();
  }

  async #runBranchState(cleanFor?: string): Promise<{ branch: string; head: string }> {
    // Before `status`: it refreshes the index and can run a clean filter planted since open.
    await this.#guard.verify(cleanFor ?? 'stage the working tree');
    return readRunBranchState(this.#quiet, this.root, cleanFor);
  }

  /** `#runBranchState`'s head, for a caller that verified git's configuration itself just before. */
  async #runBranchStatus(cleanFor: string): Promise<string> {
    return (await readRunBranchState(this.#quiet, this.root, cleanFor)).head;
  }
}
