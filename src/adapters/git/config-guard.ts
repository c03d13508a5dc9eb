import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CommitRefusedError } from '../../core/policy/commit-scan/commit-refused-error.js';
import type { GitRaw } from './git-client.js';

/**
 * Files in a git directory that change what Maestro's own git would run or where it would send
 * things: the repository config, per-worktree config, attributes, hooks, and `commondir` (which
 * would point git at another repository's config). `.git/config` is rewritable by any process of
 * the same user — test code a gate runs, a command the agent runs — so it is trusted only as it
 * was when the workspace opened.
 */
const GIT_DIR_FILES = ['config', 'config.worktree', 'commondir', 'info/attributes'];
const WORKTREE_ADMIN_FILES = ['config.worktree', 'commondir'];

/**
 * The fingerprint of git's configuration taken when the workspace opens (before any untrusted code
 * of this run ran), checked before every add, commit, checkout, fetch and push:
 * - every config value git would read, from every scope and include (`git config --list
 *   --show-origin`), so `~/.gitconfig`, `include.path` targets and `url.<x>.insteadOf` count;
 * - the files above in the repository's git directories, and `hooks/` (names, modes, contents);
 * - the same per-worktree files of each task worktree, recorded when Maestro creates it.
 * A difference refuses the operation: nothing is staged, committed or pushed, and the work stays
 * on the local branch.
 */
export class ConfigGuard {
  readonly #git: GitRaw;
  readonly #dirs: readonly string[];
  readonly #baseline: Map<string, string>;
  readonly #worktrees = new Map<string, Map<string, string>>();
  /** Filter drivers the trusted configuration defines: disabled on every call (see `gitConfig`). */
  readonly filters: readonly string[];

  private constructor(
    git: GitRaw,
    dirs: readonly string[],
    baseline: Map<string, string>,
    filters: string[],
  ) {
    this.#git = git;
    this.#dirs = dirs;
    this.#baseline = baseline;
    this.filters = filters;
  }

  /**
   * `git` must run with Maestro's environment (`gitClient`, or a `quietGit`: one process less work
   * per check, and this runs before every checkpoint) so it reads the same config files.
   */
  static async capture(git: GitRaw, gitDirs: readonly string[]): Promise<ConfigGuard> {
    const dirs = [...new Set(gitDirs)];
    const listing = await configListing(git);
    const baseline = fingerprint(listing, dirs);
    return new ConfigGuard(git, dirs, baseline, filterNames(listing));
  }

  /** Records a worktree's administrative directory as Maestro created it. */
  async track(adminDir: string): Promise<void> {
    this.#worktrees.set(adminDir, filesFingerprint(adminDir, WORKTREE_ADMIN_FILES));
  }

  untrack(adminDir: string): void {
    this.#worktrees.delete(adminDir);
  }

  /** Throws a `CommitRefusedError` naming what changed (never its content) when anything did. */
  async verify(doing: string, adminDir?: string): Promise<void> {
    const changed = diffMaps(this.#baseline, fingerprint(await configListing(this.#git), this.#dirs));
    const worktree = adminDir === undefined ? undefined : this.#worktrees.get(adminDir);
    if (adminDir !== undefined) {
      if (!worktree) changed.push(`${adminDir} (not a worktree Maestro created)`);
      else changed.push(...diffMaps(worktree, filesFingerprint(adminDir, WORKTREE_ADMIN_FILES)));
    }
    if (changed.length === 0) return;
    const what =
      changed.slice(0, 10).join(', ') + (changed.length > 10 ? `, and ${changed.length - 10} more` : '');
    throw new CommitRefusedError(
      `Security stop: refused to ${doing}: git's configuration changed since the run began (${what}). ` +
        'Code the run executed may have rewritten it to run programs or redirect the push. Nothing was pushed; ' +
        'the work so far stays on the local branch. Inspect and restore those files, then resume.',
      [{ kind: 'git-config', what: `git configuration changed: ${what}` }],
      { code: 'git.config-changed' },
    );
  }
}

async function configListing(git: GitRaw): Promise<string> {
  // Every scope (system, global, local, worktree), includes resolved; `-z` keeps values exact.
  return git.raw(['config', '--list', '--show-origin', '--includes', '-z']);
}

/** `filter.<name>.<key>` names; a name may itself contain dots. */
function filterNames(listing: string): string[] {
  const names = new Set<string>();
  for (const record of listing.split('\0')) {
    // `-z --show-origin` prints `<origin>\0<key>\n<value>\0`; the subsection keeps its case.
    const key = record.split('\n')[0] ?? '';
    const match = /^filter\.(.+)\.(clean|smudge|process|required)$/i.exec(key);
    if (match?.[1]) names.add(match[1]);
  }
  return [...names].sort();
}

/**
 * The files are read synchronously: a few small files and the hooks directory, before every
 * checkpoint; a promise-based read is several thread-pool round trips per file, more than the
 * read itself, and on a loaded machine they queued behind each other.
 */
function fingerprint(listing: string, dirs: readonly string[]): Map<string, string> {
  const out = new Map<string, string>([['effective git config', sha(listing)]]);
  for (const dir of dirs) {
    for (const [name, hash] of filesFingerprint(dir, GIT_DIR_FILES)) out.set(name, hash);
    out.set(join(dir, 'hooks'), treeFingerprint(join(dir, 'hooks')));
  }
  return out;
}

function filesFingerprint(dir: string, files: readonly string[]): Map<string, string> {
  return new Map(files.map((file) => [join(dir, file), entryFingerprint(join(dir, file))]));
}

/** A file's content, a symlink's target, or a directory's entries, recursively; `absent` when missing. */
function entryFingerprint(path: string): string {
  const info = lstatSync(path, { throwIfNoEntry: false });
  if (!info) return 'absent';
  if (info.isSymbolicLink()) return `link:${readlinkSync(path)}`;
  if (info.isDirectory()) return `dir:${treeFingerprint(path)}`;
  return `file:${info.mode.toString(8)}:${sha(readFileSync(path))}`;
}

function treeFingerprint(dir: string): string {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    names = [];
  }
  return sha(names.map((name) => `${name}\0${entryFingerprint(join(dir, name))}`).join('\0'));
}

function diffMaps(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k));
}

function sha(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
