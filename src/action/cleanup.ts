import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../ports/logger-port.js';
import { removeTempDir, TEMP_DIR_STATE } from './temp-dir.js';

const run = promisify(execFile);
type Env = Record<string, string | undefined>;

/** Every `http.extraheader`, with or without a URL (`http.https://github.com/.extraheader`). */
const EXTRA_HEADER_KEYS = '^http\\.(.*\\.)?extraheader$';

/**
 * The post step (`post-if: always()`): removes credentials left in the workspace and the temp
 * directory the main step created, whether that step passed, failed or was killed. Maestro itself
 * never writes a token to `.git/config` (pushes pass the header through the environment), but
 * actions/checkout does with `persist-credentials: true`, and the next step — or the next job on
 * a self-hosted runner — should not find it. Never throws: cleanup must not fail the job.
 */
export async function runPost(env: Env, logger: Logger): Promise<void> {
  const workspace = env.GITHUB_WORKSPACE?.trim();
  if (workspace) {
    await attempt(logger, 'remove git credentials from the workspace', async () => {
      const removed = await removeExtraHeaders(workspace, env);
      if (removed.length > 0) logger.info(`post step: removed ${removed.join(', ')} from .git/config`);
    });
    await attempt(logger, 'prune task worktrees', () => git(workspace, env, ['worktree', 'prune']));
  }
  const tempDir = env[`STATE_${TEMP_DIR_STATE}`]?.trim();
  const runnerTemp = env.RUNNER_TEMP?.trim();
  if (tempDir && runnerTemp) {
    await attempt(logger, 'remove the temp directory', async () => {
      if (!(await removeTempDir(tempDir, runnerTemp))) logger.warn(`not removing ${tempDir}: not Maestro's`);
    });
  }
}

/** Unsets every `http.*.extraheader` in the workspace's own config; returns the keys removed. */
export async function removeExtraHeaders(workspace: string, env: Env): Promise<string[]> {
  if (!existsSync(join(workspace, '.git'))) return [];
  let listed: string;
  try {
    listed = await git(workspace, env, [
      'config',
      '--local',
      '--name-only',
      '-z',
      '--get-regexp',
      EXTRA_HEADER_KEYS,
    ]);
  } catch (error) {
    // Exit status 1 means "no such key": nothing to remove.
    if ((error as { code?: unknown }).code === 1) return [];
    throw error;
  }
  const keys = [...new Set(listed.split('\0').filter((key) => key.length > 0))];
  for (const key of keys) await git(workspace, env, ['config', '--local', '--unset-all', key]);
  return keys;
}

/** git with an argument array (no shell), never prompting, from the minimal environment it needs. */
async function git(cwd: string, env: Env, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd,
    env: { PATH: env.PATH, HOME: env.HOME, GIT_TERMINAL_PROMPT: '0' },
    encoding: 'utf8',
  });
  return stdout;
}

async function attempt(logger: Logger, what: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    logger.warn(`post step: could not ${what}: ${errorMessage(error)}`);
  }
}
