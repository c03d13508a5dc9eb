import { mkdtemp, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { appendKeyValues } from './workflow-files.js';

/** The post step's state key naming this step's temp directory (read back as `STATE_temp_dir`). */
export const TEMP_DIR_STATE = 'temp_dir';
const PREFIX = 'maestro-';

/**
 * A private directory under RUNNER_TEMP for this step, recorded in GITHUB_STATE so the post step
 * can remove it even when this process was killed before it could clean up.
 */
export async function createTempDir(runnerTemp: string, statePath: string | undefined): Promise<string> {
  const dir = await mkdtemp(join(runnerTemp, PREFIX));
  if (statePath) await appendKeyValues(statePath, { [TEMP_DIR_STATE]: dir });
  return dir;
}

/**
 * Removes a directory this Action created — and nothing else: it must sit directly in
 * RUNNER_TEMP with our prefix, so a tampered state value cannot point the removal elsewhere.
 */
export async function removeTempDir(dir: string, runnerTemp: string): Promise<boolean> {
  const full = resolve(dir);
  if (dirname(full) !== resolve(runnerTemp) || !basename(full).startsWith(PREFIX)) return false;
  await rm(full, { recursive: true, force: true });
  return true;
}
