import { MaestroError } from '../../core/errors.js';
import {
  messageSubject,
  parseCheckpointTrailers,
  TRAILER_KEYS,
} from '../../core/state/checkpoint-trailers.js';
import type { CheckpointCommit, FileChange } from '../../ports/git-workspace-port.js';
import { type GitRaw, mustRaw, tryRaw } from './git-client.js';
import { capDiff, parseDiff, splitNul } from './parse-diff.js';

/*
 * What the workspace reads from history, never writes: a revision resolved to its commit, the
 * run's checkpoints, the commits since the last release, and diffs between two commits. Each takes
 * the workspace's hardened client (config pinned, hooks and filters off) — its `quietGit` runner,
 * since simple-git settles a `git diff` or `rev-parse` ~50 ms after the process has exited.
 */

/** The full sha of `rev` as a commit, or a MaestroError naming the revision and where. */
export async function resolveCommit(git: GitRaw, root: string, rev: string): Promise<string> {
  const out = await tryRaw(git, ['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`]);
  const sha = out.ok ? out.stdout.trim() : '';
  if (!/^[0-9a-f]{40,64}$/.test(sha)) {
    throw new MaestroError(
      `${JSON.stringify(rev)} is not a commit in ${root}; check the revision (fetch it first if it is remote).`,
      { code: 'git.unknown-revision' },
    );
  }
  return sha;
}

/** The session's checkpoint commits, oldest first, from `since` (the run's base) when given. */
export async function readCheckpoints(
  git: GitRaw,
  root: string,
  session: string,
  since?: string,
): Promise<CheckpointCommit[]> {
  // From the run's base only: the whole history of a large repository costs a second a call.
  const range = since ? `${await resolveCommit(git, root, since)}..HEAD` : 'HEAD';
  const out = await mustRaw(
    git,
    [
      'log',
      '-z',
      '--reverse',
      '--fixed-strings',
      `--grep=${TRAILER_KEYS.session}: ${session}`,
      '--format=%H%n%B',
      range,
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

/** Commit messages since the newest tag reachable from HEAD; the last `max` commits without one. */
export async function readReleaseCommitMessages(git: GitRaw, max: number): Promise<string[]> {
  const tag = await tryRaw(git, ['describe', '--tags', '--abbrev=0', 'HEAD']);
  const range = tag.ok && tag.stdout.trim() ? [`refs/tags/${tag.stdout.trim()}..HEAD`] : ['HEAD'];
  const out = await mustRaw(
    git,
    ['log', '-z', `--max-count=${max}`, '--no-merges', '--format=%B', ...range, '--'],
    'read the commits since the last release',
    'Check that the repository has commits.',
  );
  return out
    .split('\0')
    .map((m) => m.trim())
    .filter(Boolean);
}

const DIFF_OPTIONS = ['-M', '--no-ext-diff', '--no-textconv', '--no-color', '--no-relative'];

/** Files changed between two commits, with renames and line counts. */
export async function readDiffFiles(
  git: GitRaw,
  root: string,
  from: string,
  to: string,
): Promise<FileChange[]> {
  const range = [await resolveCommit(git, root, from), await resolveCommit(git, root, to)];
  const common = ['diff', '-z', ...DIFF_OPTIONS];
  const [nameStatus, numstat] = await Promise.all([
    git.raw([...common, '--name-status', ...range, '--']),
    git.raw([...common, '--numstat', ...range, '--']),
  ]);
  return parseDiff(nameStatus, numstat);
}

/** The unified diff between two commits, cut to `maxBytes`. */
export async function readDiffText(
  git: GitRaw,
  root: string,
  from: string,
  to: string,
  maxBytes: number,
): Promise<string> {
  const range = [await resolveCommit(git, root, from), await resolveCommit(git, root, to)];
  return capDiff(await git.raw(['diff', ...DIFF_OPTIONS, ...range, '--']), maxBytes);
}
