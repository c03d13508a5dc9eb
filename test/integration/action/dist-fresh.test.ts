import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-repo.js';

const STALE = 'dist/ is stale: run `npm run build` and commit dist/';

// dist/ is what `uses: …/maestro@<sha>` runs, so it must be exactly what src/ builds to today.
describe('dist/', () => {
  const out = tempDir();
  let build: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    build = spawnSync(process.execPath, ['scripts/build-action.mjs', '--outdir', out.path], {
      encoding: 'utf8',
    });
  }, 60_000);
  afterAll(() => out.dispose());

  it('matches a fresh build of src/action', () => {
    expect(build.status, String(build.stderr)).toBe(0);
    const fresh = readdirSync(out.path).sort();
    expect(fresh).toEqual(['index.js', 'package.json', 'post.js']);
    const committed = existsSync('dist') ? readdirSync('dist').sort() : [];
    const same =
      committed.join() === fresh.join() &&
      fresh.every((file) => readFileSync(join('dist', file)).equals(readFileSync(join(out.path, file))));
    if (!same) expect.fail(STALE);
  });

  it('never bundles the App framework', () => {
    const index = readFileSync(join(out.path, 'index.js'), 'utf8');
    expect(index).not.toMatch(/node_modules\/probot\//);
    expect(index).not.toContain('createProbot');
  });
});
