import { gitCommonDir } from '../../src/adapters/git/git-dirs.js';
import { requireSandbox } from '../../src/adapters/sandbox/open-sandbox.js';
import { SpawnShell } from '../../src/adapters/shell/spawn-shell.js';
import { defaultConfig } from '../../src/core/config/config-schema.js';
import type { Sandbox } from '../../src/ports/sandbox-port.js';

/**
 * The real bubblewrap sandbox with the default config (no network). On a machine without a
 * working bubblewrap this THROWS with the fix — tests that need containment fail loudly, never skip
 * (`.ci/run` installs bubblewrap).
 */
export async function testSandbox(
  options: { repoRoot?: string; killGraceMs?: number } = {},
): Promise<Sandbox> {
  return requireSandbox(defaultConfig().sandbox, {
    runner: new SpawnShell({ killGraceMs: options.killGraceMs ?? 500 }),
    env: process.env,
    ...(options.repoRoot ? { gitDir: await gitCommonDir(options.repoRoot) } : {}),
  });
}
