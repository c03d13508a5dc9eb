import { MaestroError } from '../../core/errors.js';
import type { CommitFinding } from '../../core/policy/commit-scan/commit-finding.js';
import { CommitRefusedError } from '../../core/policy/commit-scan/commit-refused-error.js';
import { type CheckpointTrailers, messageSubject } from '../../core/state/checkpoint-trailers.js';
import type { BlockedAction } from '../../ports/executor-port.js';
import type { CommitPolicy, IntegrationResult } from '../../ports/git-workspace-port.js';
import type { CommitGate } from './commit-gate.js';
import { type GitRaw, mustRaw, tryRaw } from './git-client.js';
import { settleAll } from './settle-all.js';
import { sanitiseLabel } from './worktree-location.js';

/** How a refused step keeps its work: set by the step once it knows what to keep. */
export interface KeepRefused {
  ref?: () => Promise<string>;
}

/**
 * The steps that write a checkpoint in the main checkout, each run inside the workspace's serial
 * queue by its caller: the commit object written while the commit scan runs, the branch moved
 * only from the head it was read at, the fast path when the run branch has not moved, and a
 * refusal turned into a `refused` result with the work kept under `refs/maestro/refused/`.
 * `git` is a `quietGit` pinned to the main checkout.
 */
export class CheckpointWriter {
  readonly #git: GitRaw;
  readonly #gate: CommitGate;

  constructor(git: GitRaw, gate: CommitGate) {
    this.#git = git;
    this.#gate = gate;
  }

  /**
   * Runs a commit step; a `CommitRefusedError` becomes a `refused` result (after the step has
   * undone its changes to the checkout), with the work kept when the step says how.
   */
  async refusable(step: (keep: KeepRefused) => Promise<IntegrationResult>): Promise<IntegrationResult> {
    const keep: KeepRefused = {};
    try {
      const result = await step(keep);
      if (result.kind === 'integrated') this.#gate.scanned(result.sha);
      return result;
    } catch (error) {
      if (!(error instanceof CommitRefusedError)) throw error;
      const kept = keep.ref ? await keep.ref().catch(() => undefined) : undefined;
      const where = kept
        ? `the work is kept locally as ${kept} (never pushed)`
        : 'the checkpoints so far stay on the local branch';
      return {
        kind: 'refused',
        reason: `${error.message.replace(/\.?$/, '')}. Nothing was committed or pushed; ${where}.`,
        blocked: error.findings.map(blockedAction),
        ...(kept ? { kept } : {}),
      };
    }
  }

  /** `commit` kept under `refs/maestro/refused/<task>-<checkpoint>` (never pushed). */
  async keepRefused(trailers: CheckpointTrailers, commit: string): Promise<string> {
    const ref = `refs/maestro/refused/${sanitiseLabel(trailers.task)}-${trailers.checkpoint}`;
    await mustRaw(
      this.#git,
      ['update-ref', ref, commit],
      `keep the refused work as ${ref}`,
      'Check the repository.',
    );
    return ref;
  }

  /**
   * `tree` as a commit on `head`, its object written while the commit scan runs (the message is
   * the redacted text either way); throws the scan's `CommitRefusedError`, leaving that object
   * unreferenced. For callers that verified git's config in the same serial step, before staging.
   */
  async checkedCommit(
    head: string,
    headTree: string,
    tree: string,
    text: string,
    policy: CommitPolicy,
  ): Promise<{ commit: string; message: string }> {
    const message = this.#gate.redacted(text);
    const [, written] = await settleAll([
      this.#gate.check(head, tree, text, policy, 'commit', { headTree, configVerified: true }),
      this.#git.raw(['commit-tree', tree, '-p', head, '-m', message]),
    ] as const);
    return { commit: written.trim(), message };
  }

  /**
   * The run branch has not moved since the task's worktree was made from it, so the task's tree is
   * the checkpoint as it is, without a three-way pick (which refreshes the whole main index and
   * writes it twice). The commit is scanned while its object is written; then the main checkout
   * gets only the paths that differ (`read-tree -m -u`) and the branch moves if still at `head`.
   * `undefined` when `read-tree` refuses, changing nothing (an untracked file in the way): the
   * pick then reports the conflict with every path, as for any other task.
   */
  async fastForward(
    head: string,
    headTree: string,
    tree: string,
    text: string,
    policy: CommitPolicy,
  ): Promise<IntegrationResult | undefined> {
    const { commit, message } = await this.checkedCommit(head, headTree, tree, text, policy);
    const checkedOut = await tryRaw(this.#git, ['read-tree', '-m', '-u', head, commit]);
    if (!checkedOut.ok) return undefined;
    const recorded = await tryRaw(this.#git, [
      'update-ref',
      '-m',
      `commit: ${messageSubject(message)}`,
      'HEAD',
      commit,
      head,
    ]);
    if (!recorded.ok) {
      await tryRaw(this.#git, ['read-tree', '-m', '-u', commit, head]);
      throw new MaestroError(
        `git failed to record the checkpoint: ${recorded.message.trim()}. Check the checkout with \`git status\`, then retry.`,
        { code: 'git.failed' },
      );
    }
    return { kind: 'integrated', sha: commit };
  }

  /**
   * HEAD's branch moved from `head` to `commit` only if it is still at `head` (`update-ref` with the
   * old value). Unlike `git commit`, the index is not read or written again.
   */
  async moveBranch(head: string, commit: string, message: string): Promise<string> {
    await mustRaw(
      this.#git,
      ['update-ref', '-m', `commit: ${messageSubject(message)}`, 'HEAD', commit, head],
      'record the checkpoint',
      'Check the checkout with `git status`, then retry.',
    );
    return commit;
  }
}

function blockedAction(finding: CommitFinding): BlockedAction {
  const kind =
    finding.kind === 'protected-path' || finding.kind === 'submodule'
      ? 'protected-path'
      : finding.kind === 'symlink-escape'
        ? 'path-escape'
        : 'other';
  return { kind, what: finding.what };
}
