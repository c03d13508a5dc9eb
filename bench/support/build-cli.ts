/**
 * The benchmarks time the CLI users run: the bundle `bin/maestro.js` loads (`lib/bundle/`, with
 * `lib/` beside it), rebuilt from `src/` first as `npm run build:cli` does, so the figures are of
 * the code in the tree. BENCH_SKIP_BUILD=1 skips the build.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '../..');

export function ensureCli(): string {
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    const tsc = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const built = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    // tsc still emits on type errors elsewhere in the tree; only a missing entry is fatal.
    if (built.error) throw built.error;
    const bundled = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'build-cli.mjs')], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    if (bundled.error) throw bundled.error;
    if (bundled.status !== 0) throw new Error(`scripts/build-cli.mjs failed:\n${bundled.stderr}`);
  }
  return join(projectRoot, 'lib', 'bundle', 'maestro.js');
}

export function repomixBin(): string {
  return join(projectRoot, 'node_modules', 'repomix', 'bin', 'repomix.cjs');
}
