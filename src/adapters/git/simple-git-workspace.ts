import { mkdir, realpath } from 'node:fs/promises';
import type { SimpleGit } from 'simple-git';
import { MaestroError } from '../../core/errors.js';
import {
  type CheckpointTrailers,
  formatCheckpointMessage,
  messageSubject,
  parseCheckpointTrailers,
  TRAILER_KEYS,
} from '../../core/state/checkpoint-trailers.js';
import type {
  CheckpointCommit,
  FetchResult,
  FileChange,
  GitWorkspace,
  IntegrationResult,
  PushResult,
  TaskWorktree,
} from '../../ports/git-workspace-port.js';
import { applyTaskCommit } from './apply-task-commit.js';
import { fetchBranch } from './fetch-branch.js';
import { gitClient, mustRaw, tryRaw } from './git-client.js';
import { DEFAULT_AUTHOR, type GitIdentity } from './git-env.js';
import { capDiff, parseDiff, splitNul } from './parse-diff.js';
import { pushBranch } from './push-branch.js';
import { assertRunBranchName, RUN_BRANCH_PREFIX } from './run-branch-name.js';
import { SerialQueue } from './serial-queue.js';
import { TaskWorktrees } from './task-worktrees.js';

export interface SimpleGitWorkspaceOptions {
  /** Where task worktrees are created; default `os.tmpdir()/maestro-worktrees/<repo-hash>`. */
  worktreeRoot?: string;
  /** Author and committer of every checkpoint; default `Maestro <maestro@users.noreply.github.com>`. */
  author?: GitIdentity;
  /** A full HTTP header line for pushes, e.g. from `basicAuthHeader(token)`; used for that one call only. */
  pushAuth?: { header: string };
}

/**
 * `GitWorkspace` on a real checkout with simple-git. Checkpoints are commits made with
 * `commit-tree` + `update-ref` (old value checked), so the commit message is one argument and never
 * passes through an editor, a hook or a shell, and the user's git config is never written.
 */
export class SimpleGitWorkspace implements GitWorkspace {
  readonly root: string;
  readonly #git: SimpleGit;
  readonly #identity: GitIdentity;
  readonly #pushAuth: { header: string } | undefined;
  readonly #worktrees: TaskWorktrees;
  /** Everything that moves HEAD or touches the main checkout's index runs through this. */
  readonly #serial = new SerialQueue();

  private constructor(root: string, options: SimpleGitWorkspaceOptions) {
    this.root = root;
    this.#identity = options.author ?? DEFAULT_AUTHOR;
    this.#pushAuth = options.pushAuth;
    this.#git = gitClient(root, this.#identity);
    this.#worktrees = new TaskWorktrees(root, this.#git, this.#identity, options.worktreeRoot);
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
    return new SimpleGitWorkspace(top, options);
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
      await mustRaw(
        this.#git,
        ['check-ref-format', '--branch', name],
        `accept ${name} as a branch name`,
        'Choose another branch name.',
      );
      await this.#assertCleanTracked(`switch to ${name}`);
      const exists = await tryRaw(this.#git, ['rev-parse', '--verify', '-q', `refs/heads/${name}`]);
      if (exists.ok && exists.stdout.trim()) {
        if ((await this.currentBranch()) === name) return;
        await mustRaw(
          this.#git,
          ['checkout', '-q', name, '--'],
          `check out ${name}`,
          'Move untracked files that are in the way, then retry.',
        );
        return;
      }
      const start = await this.#resolveCommit(from ?? 'HEAD');
      await mustRaw(
        this.#git,
        ['checkout', '-q', '--no-track', '-b', name, start, '--'],
        `create ${name}`,
        'Move untracked files that are in the way, then retry.',
      );
    });
  }

  addWorktree(label: string, base: string): Promise<TaskWorktree> {
    return this.#resolveCommit(base).then((sha) => this.#worktrees.add(label, sha));
  }

  removeWorktree(worktree: TaskWorktree): Promise<void> {
    return this.#worktrees.remove(worktree);
  }

  async integrate(
    worktree: TaskWorktree,
    message: string,
    trailers: CheckpointTrailers,
  ): Promise<IntegrationResult> {
    const text = formatCheckpointMessage(message, trailers);
    // Queued at once, so checkpoints land in the order the engine calls this (completion order).
    return this.#serial.run(async () => {
      // Snapshot the task's whole working tree (tracked, new and deleted files; ignored ones stay
      // out) as a commit on its base — whatever HEAD the agent may have moved the worktree to.
      const taskCommit = await this.#worktrees.snapshot(
        worktree,
        `maestro: changes of task ${trailers.task}`,
      );
      if (taskCommit === undefined) return { kind: 'empty' };
      const { head } = await this.#runBranchState('integrate a task');
      return applyTaskCommit(this.#git, head, taskCommit, () => this.#commitIndex(text));
    });
  }

  async commitAll(message: string, trailers: CheckpointTrailers): Promise<IntegrationResult> {
    const text = formatCheckpointMessage(message, trailers);
    return this.#serial.run(async () => {
      const { head } = await this.#runBranchState();
      // `--verbose` only so that simple-git sees output and does not wait 50 ms for a silent process.
      await mustRaw(
        this.#git,
        ['add', '-A', '--verbose'],
        'stage the working tree',
        'Check file permissions in the checkout.',
      );
      const tree = (await this.#git.raw(['write-tree'])).trim();
      if (tree === (await this.#treeOf(head))) return { kind: 'empty' };
      return { kind: 'integrated', sha: await this.#commitIndex(text) };
    });
  }

  async restoreTree(targetSha: string, message: string, trailers: CheckpointTrailers): Promise<string> {
    const text = formatCheckpointMessage(message, trailers);
    return this.#serial.run(async () => {
      const { head } = await this.#runBranchState('roll back');
      const target = await this.#resolveCommit(targetSha);
      const commit = (
        await this.#git.raw(['commit-tree', await this.#treeOf(target), '-p', head, '-m', text])
      ).trim();
      // `reset --keep` to a child of HEAD is a fast-forward: history is untouched, and it refuses
      // (changing nothing) rather than overwrite an untracked file in the way.
      await mustRaw(
        this.#git,
        ['reset', '-q', '--keep', commit],
        `restore the tree of ${target}`,
        'Move untracked files that are in the way, then retry.',
      );
      return commit;
    });
  }

  async checkpoints(session: string): Promise<CheckpointCommit[]> {
    const out = await mustRaw(
      this.#git,
      [
        'log',
        '-z',
        '--reverse',
        '--fixed-strings',
        `--grep=${TRAILER_KEYS.session}: ${session}`,
        '--format=%H%n%B',
        'HEAD',
        '--',
      ],
      'read the checkpoints',
      'Check that the run branch has at least one commit.',
    );
    const commits: CheckpointCommit[] = [];
    for (const record of splitNul(out)) {
      const newline = record.indexOf('\n');
      const sha = record.slice(0, newline).trim();
      const body = record.slice(newline + 1);
      const trailers = parseCheckpointTrailers(body);
      if (trailers?.session !== session) continue;
      commits.push({ sha, subject: messageSubject(body), ...trailers });
    }
    return commits;
  }

  async diffFiles(from: string, to: string): Promise<FileChange[]> {
    const range = [await this.#resolveCommit(from), await this.#resolveCommit(to)];
    const common = ['diff', '-z', '-M', '--no-ext-diff', '--no-textconv', '--no-color', '--no-relative'];
    const [nameStatus, numstat] = await Promise.all([
      this.#git.raw([...common, '--name-status', ...range, '--']),
      this.#git.raw([...common, '--numstat', ...range, '--']),
    ]);
    return parseDiff(nameStatus, numstat);
  }

  async diffText(from: string, to: string, maxBytes: number): Promise<string> {
    const range = [await this.#resolveCommit(from), await this.#resolveCommit(to)];
    const diff = await this.#git.raw([
      'diff',
      '-M',
      '--no-ext-diff',
      '--no-color',
      '--no-relative',
      ...range,
      '--',
    ]);
    return capDiff(diff, maxBytes);
  }

  async fetchRunBranch(branch: string): Promise<FetchResult> {
    assertRunBranchName(branch);
    return this.#serial.run(() => fetchBranch(this.root, this.#git, this.#identity, branch, this.#pushAuth));
  }

  async push(branch: string): Promise<PushResult> {
    assertRunBranchName(branch);
    return pushBranch(this.root, this.#git, this.#identity, branch, this.#pushAuth);
  }

  /**
   * Commits the index with `text` verbatim (`--cleanup=verbatim`: no comment stripping). Hooks are
   * off for every call (`core.hooksPath`), `--no-verify` says so here too.
   */
  async #commitIndex(text: string): Promise<string> {
    await mustRaw(
      this.#git,
      ['commit', '--no-verify', '--no-edit', '--cleanup=verbatim', '-m', text],
      'record the checkpoint',
      'Check the checkout with `git status`, then retry.',
    );
    return this.head();
  }

  async #resolveCommit(rev: string): Promise<string> {
    const out = await tryRaw(this.#git, [
      'rev-parse',
      '--verify',
      '-q',
      '--end-of-options',
      `${rev}^{commit}`,
    ]);
    const sha = out.ok ? out.stdout.trim() : '';
    if (!/^[0-9a-f]{40,64}$/.test(sha)) {
      throw new MaestroError(
        `${JSON.stringify(rev)} is not a commit in ${this.root}; check the revision (fetch it first if it is remote).`,
        {
          code: 'git.unknown-revision',
        },
      );
    }
    return sha;
  }

  async #treeOf(commit: string): Promise<string> {
    return (await this.#git.raw(['rev-parse', '--verify', `${commit}^{tree}`])).trim();
  }

  /**
   * One `status --porcelain=v2 --branch` call (it always prints, which keeps simple-git fast):
   * refuses unless the checkout is on a `maestro/` branch and, when `cleanFor` is given, has no
   * uncommitted changes to tracked files.
   */
  async #runBranchState(cleanFor?: string): Promise<{ branch: string; head: string }> {
    const out = await this.#git.raw([
      'status',
      '--porcelain=v2',
      '--branch',
      '--untracked-files=no',
      '--ignore-submodules=all',
    ]);
    const lines = out.split('\n').filter(Boolean);
    const header = (key: string) =>
      lines.find((l) => l.startsWith(`# branch.${key} `))?.slice(`# branch.${key} `.length);
    const branch = header('head');
    const head = header('oid');
    if (!branch?.startsWith(RUN_BRANCH_PREFIX) || !head || !/^[0-9a-f]+$/.test(head)) {
      throw new MaestroError(
        `The checkout is on ${branch ?? 'a detached HEAD'}, not a ${RUN_BRANCH_PREFIX} branch; Maestro only commits to its own run branch. Check out the run branch first.`,
        { code: 'git.not-on-run-branch' },
      );
    }
    if (cleanFor && lines.some((l) => !l.startsWith('#'))) throw this.#dirtyError(cleanFor);
    return { branch, head };
  }

  async #assertCleanTracked(doing: string): Promise<void> {
    const status = await this.#git.raw([
      'status',
      '--porcelain=v2',
      '--branch',
      '--untracked-files=no',
      '--ignore-submodules=all',
    ]);
    if (status.split('\n').some((l) => l && !l.startsWith('#'))) throw this.#dirtyError(doing);
  }

  #dirtyError(doing: string): MaestroError {
    return new MaestroError(
      `Cannot ${doing}: ${this.root} has uncommitted changes to tracked files. Commit or stash them first, then retry.`,
      { code: 'git.dirty-checkout' },
    );
  }
}
