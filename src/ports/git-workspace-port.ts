/**
 * The git operations of an execution run (phases 3–5), on a real checkout. Checkpoints are real
 * commits on the run branch with trailers; history is never rewritten and nothing is force-pushed
 * (architecture decision 5). Every commit and push is checked first (security.md rules 7, 11, 12):
 * git's configuration must be what it was when the workspace opened, and what would be recorded
 * must carry no secret, touch no protected path, add no escaping symlink and no submodule.
 */
import type { CheckpointTrailers } from '../core/state/checkpoint-trailers.js';
import type { BlockedAction } from './executor-port.js';

export type { CheckpointTrailers };

export interface CheckpointCommit extends CheckpointTrailers {
  sha: string;
  subject: string;
}

export interface TaskWorktree {
  /** Absolute path of the worktree directory (outside the main checkout). */
  path: string;
  /** The run-branch commit the worktree started from. */
  base: string;
}

/** What a commit may not record, beyond the rules that always hold (secrets, symlinks, submodules). */
export interface CommitPolicy {
  /** Globs no change may touch: `protectedPaths(config)`. */
  protectedPaths: readonly string[];
  /** When set, a change outside these globs is refused too (the chain step's access, e.g. tests only). */
  onlyPaths?: { readonly paths: readonly string[]; readonly why: string };
}

export type IntegrationResult =
  | { kind: 'integrated'; sha: string }
  /** The task changed nothing: no commit was made. */
  | { kind: 'empty' }
  /** The task's changes do not apply on the current run-branch head; nothing was changed. */
  | { kind: 'conflict'; files: string[] }
  /**
   * A security refusal: nothing was committed and the run branch is unchanged. `reason` names the
   * files and lines, never the values; `kept` is a local ref (never pushed) holding the work.
   */
  | { kind: 'refused'; reason: string; blocked: BlockedAction[]; kept?: string };

export interface FileChange {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  additions: number;
  deletions: number;
}

/** A run branch fetched from origin: there, not there, or no origin at all (a local run). */
export type FetchResult = { kind: 'fetched'; sha: string } | { kind: 'absent' } | { kind: 'no-remote' };

export type PushResult =
  | { kind: 'pushed' }
  | { kind: 'no-remote' }
  /**
   * Origin's branch has commits the local one lacks (someone else pushed): nothing was pushed.
   * `head` is origin's tip when it could be read.
   */
  | { kind: 'moved'; reason: string; head?: string }
  /** The remote declined the update (a protected branch, a hook): `reason` is its words, redacted. */
  | { kind: 'rejected'; reason: string }
  /** A security refusal (a secret in a commit, git's config changed): nothing was pushed. */
  | { kind: 'refused'; reason: string };

export interface GitWorkspace {
  readonly root: string;
  head(): Promise<string>;
  currentBranch(): Promise<string | undefined>;
  /** Creates the run branch at `from` (default HEAD) or checks it out when it exists. */
  checkoutRunBranch(name: string, from?: string): Promise<void>;
  /** A detached worktree at `base` for one task. */
  addWorktree(label: string, base: string): Promise<TaskWorktree>;
  /** Ends a task's use of its worktree (it may be kept, reset, for the next task). */
  removeWorktree(worktree: TaskWorktree): Promise<void>;
  /** Removes the worktrees kept for reuse; call when the run's tasks are done. */
  releaseWorktrees(): Promise<void>;
  /**
   * Applies everything the task changed in its worktree (relative to its base) onto the run
   * branch head as ONE commit with `message` and the checkpoint trailers. On conflict or refusal
   * the run branch is left exactly as it was.
   */
  integrate(
    worktree: TaskWorktree,
    message: string,
    trailers: CheckpointTrailers,
    policy: CommitPolicy,
  ): Promise<IntegrationResult>;
  /** Commits whatever is in the main checkout's working tree (fix tasks run there, and WIP on SIGINT). */
  commitAll(message: string, trailers: CheckpointTrailers, policy: CommitPolicy): Promise<IntegrationResult>;
  /**
   * A new commit whose tree is `targetSha`'s tree (rollback without rewriting history); throws a
   * `CommitRefusedError` on a security refusal.
   */
  restoreTree(targetSha: string, message: string, trailers: CheckpointTrailers): Promise<string>;
  /**
   * Checkpoint commits of `session` on the current branch, oldest first, read from trailers; with
   * `since` (the run's base), only the commits after it are read.
   */
  checkpoints(session: string, since?: string): Promise<CheckpointCommit[]>;
  diffFiles(from: string, to: string): Promise<FileChange[]>;
  /** Messages of the commits since the newest tag reachable from HEAD (at most `max`), newest first. */
  releaseCommitMessages(max: number): Promise<string[]>;
  /** The unified diff between two commits, capped to `maxBytes`. */
  diffText(from: string, to: string, maxBytes: number): Promise<string>;
  /** Fetches the run branch from origin and creates it locally when missing (resume on a fresh runner). */
  fetchRunBranch(branch: string): Promise<FetchResult>;
  /**
   * Pushes the run branch to the URL fixed when the workspace opened; never with force. Every
   * commit not yet on the remote is scanned first. `to` names another `maestro/` branch on origin
   * to push it to instead (a rescue branch when the run branch moved); by default the same one.
   */
  push(branch: string, options?: { to?: string }): Promise<PushResult>;
}
