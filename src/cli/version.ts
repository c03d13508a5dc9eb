import { readFileSync } from 'node:fs';

/**
 * The package's own version, from the package.json next to `src/` and `lib/` (both are two levels
 * below it), so `maestro --version` says what is installed and never drifts from the release.
 */
export function packageVersion(): string {
  const raw: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version !== 'string' || version === '')
    throw new Error('package.json has no "version"; reinstall Maestro');
  return version;
}
