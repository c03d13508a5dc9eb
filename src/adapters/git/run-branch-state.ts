import { MaestroError } from '../../core/errors.js';
import { type GitRaw, tryRaw } from './git-client.js';
import { RUN_BRANCH_PREFIX } from './run-branch-name.js';

/*
 * Where the main checkout stands before Maestro commits to it: on one of its own `maestro/`
 * branches, at which commit, and (when asked) with no uncommitted changes to tracked files.
 * Callers verify git's configuration first: `status` refreshes the index and could run a filter.
 */

/**
 * The run branch, its head and the head's tree in one `rev-parse`; refuses unless HEAD is on a
 * `maestro/` branch. For commits of the whole working tree, where `add -A` refreshes the index.
 */
export async function readRunBranchHead(
  git: GitRaw,
): Promise<{ branch: string; head: string; headTree: string }> {
  // Options apply to the arguments after them: sha, tree, then the branch's full name.
  const out = await tryRaw(git, [
    'rev-parse',
    'HEAD^{commit}',
    'HEAD^{tree}',
    '--symbolic-full-name',
    'HEAD',
  ]);
  const [head = '', headTree = '', ref = ''] = out.ok ? out.stdout.trim().split('\n') : [];
  const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
  return { branch: onRunBranch(branch, head), head, headTree };
}

/**
 * One `status --porcelain=v2 --branch` call: refuses unless the checkout is on a `maestro/` branch
 * and, when `cleanFor` is given, has no uncommitted changes to tracked files.
 */
export async function readRunBranchState(
  git: GitRaw,
  root: string,
  cleanFor?: string,
): Promise<{ branch: string; head: string }> {
  const lines = await trackedStatus(git);
  const header = (key: string) =>
    lines.find((l) => l.startsWith(`# branch.${key} `))?.slice(`# branch.${key} `.length);
  const head = header('oid') ?? '';
  const branch = onRunBranch(header('head'), head);
  if (cleanFor && lines.some((l) => !l.startsWith('#'))) throw dirtyCheckout(root, cleanFor);
  return { branch, head };
}

/** Refuses when tracked files have uncommitted changes, on whatever branch. */
export async function assertCleanTracked(git: GitRaw, root: string, doing: string): Promise<void> {
  if ((await trackedStatus(git)).some((l) => !l.startsWith('#'))) throw dirtyCheckout(root, doing);
}

async function trackedStatus(git: GitRaw): Promise<string[]> {
  const out = await git.raw([
    'status',
    '--porcelain=v2',
    '--branch',
    '--untracked-files=no',
    '--ignore-submodules=all',
  ]);
  return out.split('\n').filter(Boolean);
}

function onRunBranch(branch: string | undefined, head: string): string {
  if (!branch?.startsWith(RUN_BRANCH_PREFIX) || !/^[0-9a-f]+$/.test(head)) {
    throw new MaestroError(
      `The checkout is on ${branch ?? 'a detached HEAD'}, not a ${RUN_BRANCH_PREFIX} branch; Maestro only commits to its own run branch. Check out the run branch first.`,
      { code: 'git.not-on-run-branch' },
    );
  }
  return branch;
}

function dirtyCheckout(root: string, doing: string): MaestroError {
  return new MaestroError(
    `Cannot ${doing}: ${root} has uncommitted changes to tracked files. Commit or stash them first, then retry.`,
    { code: 'git.dirty-checkout' },
  );
}
