import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's root: the nearest directory above this module holding a package.json.
 * Searched rather than fixed because this module runs from `src/cli/` (tsx), `lib/cli/` (tsc) and
 * from the CLI bundle (`lib/bundle/`, where it may land in `chunks/`), at different depths.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('no package.json above the CLI; reinstall Maestro');
    dir = parent;
  }
  return dir;
}

/**
 * The package's own version, from its package.json, so `maestro --version` says what is installed
 * and never drifts from the release.
 */
export function packageVersion(): string {
  const raw: unknown = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8'));
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version !== 'string' || version === '')
    throw new Error('package.json has no "version"; reinstall Maestro');
  return version;
}
