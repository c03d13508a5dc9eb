import type { CommitFinding } from '../../core/policy/commit-scan/commit-finding.js';
import { CommitRefusedError, refusalReason } from '../../core/policy/commit-scan/commit-refused-error.js';
import { scanCommit } from '../../core/policy/commit-scan/scan-commit.js';
import { redactSecrets } from '../../core/policy/outbound/redact-secrets.js';
import type { CommitPolicy } from '../../ports/git-workspace-port.js';
import type { ConfigGuard } from './config-guard.js';
import type { GitRaw } from './git-client.js';
import { candidateBetween, candidateOfCommit } from './read-commit-candidate.js';

/** More unpushed commits than this are not scanned one by one: the push is refused instead. */
const MAX_UNPUSHED = 500;

/**
 * Commits as outbound text (security.md rule 12): every checkpoint's message and added lines, and
 * every commit about to be pushed, pass the commit scan (the run's secrets in every encoding,
 * token shapes, protected paths, escaping symlinks, submodules) with git's config verified first.
 * A hit throws `CommitRefusedError`; the workspace turns it into a refused result.
 */
export class CommitGate {
  readonly #git: GitRaw;
  readonly #guard: ConfigGuard;
  readonly #secrets: readonly string[];
  /** Commits the remote has (remote refs at open, then what was fetched or pushed). */
  readonly #onRemote: Set<string>;
  /** Commits this workspace made, scanned when they were made. */
  readonly #scanned = new Set<string>();

  constructor(deps: {
    /** A `quietGit`: the gate's diffs are on every checkpoint's path. */
    git: GitRaw;
    guard: ConfigGuard;
    secrets: readonly string[];
    onRemote: readonly string[];
  }) {
    this.#git = deps.git;
    this.#guard = deps.guard;
    this.#secrets = deps.secrets;
    this.#onRemote = new Set(deps.onRemote);
  }

  scanned(sha: string): void {
    this.#scanned.add(sha);
  }

  onRemote(sha: string): void {
    this.#onRemote.add(sha);
  }

  /**
   * The commit message to use for `tree` on top of `head`, once git's config is verified and the
   * commit policy finds nothing; throws a `CommitRefusedError` otherwise. The message also passes
   * through the redactor (defence in depth: a hit has already refused).
   */
  async message(
    head: string,
    tree: string,
    text: string,
    policy: CommitPolicy,
    doing = 'commit',
    known: { headTree?: string; configVerified?: boolean } = {},
  ): Promise<string> {
    await this.check(head, tree, text, policy, doing, known);
    return this.redacted(text);
  }

  /** Throws a `CommitRefusedError` unless git's config is unchanged and the policy finds nothing. */
  async check(
    head: string,
    tree: string,
    text: string,
    policy: CommitPolicy,
    doing = 'commit',
    known: { headTree?: string; configVerified?: boolean } = {},
  ): Promise<void> {
    // `configVerified`: the caller verified it in the same serial step, before staging.
    if (!known.configVerified) await this.#guard.verify(doing);
    const headTree =
      known.headTree ?? (await this.#git.raw(['rev-parse', '--verify', `${head}^{tree}`])).trim();
    const findings = this.#scan(await candidateBetween(this.#git, headTree, tree, text), policy);
    if (findings.length > 0) throw new CommitRefusedError(refusalReason(doing, findings), findings);
  }

  /**
   * The message as it may be committed: through the redactor (defence in depth: a secret in it
   * refuses in `check`). Known before the check, so a commit object can be written while the check
   * runs; only a checked commit is ever referenced.
   */
  redacted(text: string): string {
    return redactSecrets(this.#secrets)(text).text;
  }

  /**
   * Every commit of the branch the remote does not have yet, oldest first, scanned for secrets,
   * escaping symlinks and submodules (protected paths were checked when each checkpoint was made);
   * commits this workspace made were scanned then and are skipped.
   */
  async beforePush(tip: string, branch: string): Promise<void> {
    const known = [...this.#onRemote].filter((sha) => /^[0-9a-f]{40,64}$/.test(sha));
    const listed = await this.#git.raw([
      'rev-list',
      '--reverse',
      `--max-count=${MAX_UNPUSHED + 1}`,
      tip,
      ...(known.length > 0 ? ['--not', ...known] : []),
      '--',
    ]);
    const commits = listed.split('\n').filter(Boolean);
    if (commits.length > MAX_UNPUSHED) {
      throw new CommitRefusedError(
        `Security stop: refused to push ${branch}: more than ${MAX_UNPUSHED} of its commits are not on the remote, too many to scan. Push the base branch first, or fetch so Maestro knows what the remote has.`,
        [{ kind: 'secret', what: `${branch}: too many unpushed commits to scan` }],
      );
    }
    const findings: CommitFinding[] = [];
    for (const commit of commits) {
      if (this.#scanned.has(commit)) continue;
      for (const f of this.#scan(await candidateOfCommit(this.#git, commit), { protectedPaths: [] }))
        findings.push({ kind: f.kind, what: `${commit.slice(0, 7)}: ${f.what}` });
    }
    if (findings.length > 0) {
      throw new CommitRefusedError(
        `${refusalReason(`push ${branch}`, findings)}. Nothing was pushed; the commits stay on the local branch ${branch}.`,
        findings,
      );
    }
  }

  #scan(candidate: Parameters<typeof scanCommit>[0], policy: CommitPolicy): CommitFinding[] {
    return scanCommit(candidate, {
      secrets: this.#secrets,
      protectedPaths: policy.protectedPaths,
      ...(policy.onlyPaths ? { onlyPaths: policy.onlyPaths } : {}),
    });
  }
}
