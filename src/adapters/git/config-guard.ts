import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { CommitRefusedError } from '../../core/policy/commit-scan/commit-refused-error.js';

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
  readonly #git: SimpleGit;
  readonly #dirs: readonly string[];
  readonly #baseline: Map<string, string>;
  readonly #worktrees = new Map<string, Map<string, string>>();
  /** Filter drivers the trusted configuration defines: disabled on every call (see `gitConfig`). */
  readonly filters: readonly string[];

  private constructor(
    git: SimpleGit,
    dirs: readonly string[],
    baseline: Map<string, string>,
    filters: string[],
  ) {
    this.#git = git;
    this.#dirs = dirs;
    this.#baseline = baseline;
    this.filters = filters;
  }

  /** `git` must run with Maestro's environment (`gitClient`) so it reads the same config files. */
  static async capture(git: SimpleGit, gitDirs: readonly string[]): Promise<ConfigGuard> {
    const dirs = [...new Set(gitDirs)];
    const listing = await configListing(git);
    const baseline = await fingerprint(listing, dirs);
    return new ConfigGuard(git, dirs, baseline, filterNames(listing));
  }

  /** Records a worktree's administrative directory as Maestro created it. */
  async track(adminDir: string): Promise<void> {
    this.#worktrees.set(adminDir, await filesFingerprint(adminDir, WORKTREE_ADMIN_FILES));
  }

  untrack(adminDir: string): void {
    this.#worktrees.delete(adminDir);
  }

  /** Throws a `CommitRefusedError` naming what changed (never its content) when anything did. */
  async verify(doing: string, adminDir?: string): Promise<void> {
    const changed = diffMaps(this.#baseline, await fingerprint(await configListing(this.#git), this.#dirs));
    const worktree = adminDir === undefined ? undefined : this.#worktrees.get(adminDir);
    if (adminDir !== undefined) {
      if (!worktree) changed.push(`${adminDir} (not a worktree Maestro created)`);
      else changed.push(...diffMaps(worktree, await filesFingerprint(adminDir, WORKTREE_ADMIN_FILES)));
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

async function configListing(git: SimpleGit): Promise<string> {
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

async function fingerprint(listing: string, dirs: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>([['effective git config', sha(listing)]]);
  // Every file is read at once: this runs before each checkpoint, and one read after another
  // queued behind each other on a loaded machine took longer than the git commands around it.
  const perDir = await Promise.all(
    dirs.map(async (dir) => {
      const [files, hooks] = await Promise.all([
        filesFingerprint(dir, GIT_DIR_FILES),
        treeFingerprint(join(dir, 'hooks')),
      ]);
      return files.set(join(dir, 'hooks'), hooks);
    }),
  );
  for (const files of perDir) for (const [name, hash] of files) out.set(name, hash);
  return out;
}

async function filesFingerprint(dir: string, files: readonly string[]): Promise<Map<string, string>> {
  const hashes = await Promise.all(files.map((file) => entryFingerprint(join(dir, file))));
  return new Map(files.map((file, i) => [join(dir, file), hashes[i]!]));
}

/** A file's content, a symlink's target, or a directory's entries, recursively; `absent` when missing. */
async function entryFingerprint(path: string): Promise<string> {
  const info = await lstat(path).catch(() => undefined);
  if (!info) return 'absent';
  if (info.isSymbolicLink()) return `link:${await readlink(path)}`;
  if (info.isDirectory()) return `dir:${await treeFingerprint(path)}`;
  return `file:${info.mode.toString(8)}:${sha(await readFile(path))}`;
}

async function treeFingerprint(dir: string): Promise<string> {
  const names = (await readdir(dir).catch(() => [] as string[])).sort();
  const entries = await Promise.all(names.map((name) => entryFingerprint(join(dir, name))));
  return sha(names.map((name, i) => `${name}\0${entries[i]}`).join('\0'));
}

function diffMaps(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k));
}

function sha(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
