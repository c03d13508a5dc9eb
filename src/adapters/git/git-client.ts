import { execFile } from 'node:child_process';
import { type SimpleGit, simpleGit } from 'simple-git';
import { errorMessage, MaestroError } from '../../core/errors.js';
import { ALLOWED_UNSAFE, type GitIdentity, gitConfig, gitEnvironment } from './git-env.js';

/**
 * One configured simple-git instance per working directory: argument arrays only (`raw([...])`,
 * never a shell), fixed identity and safety config, and an allow-listed environment. `extraEnv`
 * is for one-call additions such as a worktree's `GIT_DIR` or the push header; `disabledFilters`
 * are the filter drivers the configuration defines (see `gitConfig`).
 */
export function gitClient(
  cwd: string,
  identity: GitIdentity,
  extraEnv: Record<string, string> = {},
  disabledFilters: readonly string[] = [],
): SimpleGit {
  return simpleGit({
    baseDir: cwd,
    config: gitConfig(identity, disabledFilters),
    unsafe: ALLOWED_UNSAFE,
    maxConcurrentProcesses: 8,
  }).env({
    ...gitEnvironment(),
    ...extraEnv,
  });
}

/** What `tryRaw`/`mustRaw` need: a simple-git client, or a `quietGit` runner. */
export interface GitRaw {
  raw(args: string[]): Promise<string>;
}

/** Output a `quietGit` command may print: a large task's patch, up to what one string can hold. */
const MAX_OUTPUT = 512 * 1024 * 1024;

/**
 * The same git as `gitClient` (config, allow-listed environment, argument arrays) for commands
 * that print nothing when they succeed (`update-ref`, `checkout -q`, `clean -q`, `cherry-pick
 * --no-commit`): simple-git waits 50 ms after a silent process exits before it settles, a quarter
 * of a checkpoint's time and two thirds of a pooled worktree's reset at 2k files (bench:checkpoint).
 */
export function quietGit(
  cwd: string,
  identity: GitIdentity,
  extraEnv: Record<string, string> = {},
  disabledFilters: readonly string[] = [],
): GitRaw {
  const env = { ...gitEnvironment(), ...extraEnv };
  const config = gitConfig(identity, disabledFilters).flatMap((entry) => ['-c', entry]);
  return {
    raw: (args) =>
      new Promise((resolve, reject) => {
        execFile(
          'git',
          [...config, ...args],
          { cwd, env, encoding: 'utf8', maxBuffer: MAX_OUTPUT },
          (error, stdout, stderr) => {
            if (error) reject(new Error(stderr.trim() || error.message, { cause: error }));
            else resolve(stdout);
          },
        );
      }),
  };
}

export type GitOutcome = { ok: true; stdout: string } | { ok: false; message: string };

/** Runs a command whose failure is an expected outcome (conflict, rejection) rather than an error. */
export async function tryRaw(git: GitRaw, args: string[]): Promise<GitOutcome> {
  try {
    return { ok: true, stdout: await git.raw(args) };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}

/** Runs a command and turns a failure into a `MaestroError` that says what was being done. */
export async function mustRaw(git: GitRaw, args: string[], doing: string, next: string): Promise<string> {
  try {
    return await git.raw(args);
  } catch (error) {
    throw new MaestroError(`git failed to ${doing}: ${errorMessage(error).trim()}. ${next}`, {
      code: 'git.failed',
      cause: error,
    });
  }
}
