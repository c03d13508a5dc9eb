import type { StepWrites } from '../../core/chains/chains.js';
import type { MaestroConfig } from '../../core/config/config-schema.js';
import { detectTestPaths } from '../../discovery/detect-test-paths.js';
import type { ExecutorAccess } from '../../ports/executor-port.js';
import type { RepositoryReader } from '../../ports/repository-port.js';

/**
 * A step's `writes` as the access its agents get. Test paths come from `chains.test.paths` or are
 * detected from the repository's own test directories and file names; release files are named
 * by the release proposal, so that step resolves them itself.
 */
export async function accessFor(
  writes: StepWrites,
  config: MaestroConfig,
  repo: RepositoryReader,
): Promise<ExecutorAccess> {
  if (writes === 'nothing') return { mode: 'read-only' };
  if (writes === 'tests') return { mode: 'only', paths: await testPaths(config, repo), why: 'test files' };
  // Release files are resolved by the release step; anywhere else they mean the normal rules.
  return { mode: 'read-write' };
}

export async function testPaths(config: MaestroConfig, repo: RepositoryReader): Promise<string[]> {
  if (config.chains.test.paths) return [...config.chains.test.paths];
  return detectTestPaths((await repo.listFiles()).map((f) => f.path));
}
