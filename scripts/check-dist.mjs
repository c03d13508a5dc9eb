// CI's dist/ freshness check (`.ci/run` after `npm test`, and the check-dist workflow): builds the
// Action into a temp directory and compares it byte for byte with the committed dist/. It is not
// part of `npm test`, so editing src/ does not turn the test command red until the next rebuild;
// CI still refuses a stale dist/, which is what `uses: …/maestro@<sha>` runs.
// `node scripts/check-dist.mjs [--dist <dir>]` (default dist/). Exit 0 fresh, 1 stale.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--dist');
const committed = resolve(root, at > 0 && process.argv[at + 1] ? process.argv[at + 1] : 'dist');
const fresh = mkdtempSync(join(tmpdir(), 'maestro-dist-'));

try {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build-action.mjs'), '--outdir', fresh], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    process.stderr.write(`the Action does not build:\n${build.stderr}`);
    process.exit(1);
  }
  // Every file, the lazily loaded chunks under dist/chunks/ included: a chunk left over from an older
  // build or one missing from the commit is as stale as an edited index.js.
  const freshFiles = filesUnder(fresh);
  const committedFiles = existsSync(committed) ? filesUnder(committed) : [];
  const differing = [...new Set([...freshFiles, ...committedFiles])].filter(
    (file) =>
      !freshFiles.includes(file) ||
      !committedFiles.includes(file) ||
      !readFileSync(join(fresh, file)).equals(readFileSync(join(committed, file))),
  );
  if (differing.length > 0) {
    process.stderr.write(
      `dist/ is stale: ${differing.join(', ')} not what a fresh build makes; run \`npm run build\` and commit dist/\n`,
    );
    process.exit(1);
  }
  process.stdout.write('dist/ matches a fresh build of src/action\n');
} finally {
  rmSync(fresh, { recursive: true, force: true });
}

/** The relative paths (with `/`) of every file under `dir`, sorted. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}
