import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CASES } from '../../../bench/fixtures/localisation/cases.js';
import { writeCaseRepo } from '../../../bench/localisation.js';
import { GitRepositoryReader } from '../../../src/adapters/git/git-repository-reader.js';
import { fsCacheStore } from '../../../src/adapters/local/fs-cache-store.js';
import { discover } from '../../../src/discovery/discover.js';

// The localisation benchmark's fixtures through the real `discover` on real git repositories.
const work = mkdtempSync(join(tmpdir(), 'maestro-localisation-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function open(id: string) {
  const c = CASES.find((x) => x.id === id)!;
  const dir = join(work, id);
  writeCaseRepo(join(dir, 'repo'), c);
  return { c, repo: await GitRepositoryReader.open(join(dir, 'repo')), cacheDir: join(dir, 'cache') };
}

describe('localisation fixtures through discover', () => {
  it('ranks in the same order cold and warm, on a fixture with same-named files (determinism)', async () => {
    const { c, repo, cacheDir } = await open('d8-reporter-path');
    const run = async () =>
      (await discover({ repo, cache: fsCacheStore(cacheDir), issue: c.issue, budgetTokens: 27_000 })).ranked;
    const cold = await run();
    const warm = await run();
    expect(warm.map((f) => [f.path, f.score])).toEqual(cold.map((f) => [f.path, f.score]));
    expect(cold[0]?.path).toBe('fetchy/utils.py');
    // The reporter's own tox.ini and conftest.py are not promoted over the code.
    expect(cold.findIndex((f) => f.path === 'tox.ini')).toBeGreaterThan(4);
  });

  it('excerpts the big central file around the method the issue names, and says why', async () => {
    const { c, repo, cacheDir } = await open('d9-big-file');
    const result = await discover({
      repo,
      cache: fsCacheStore(cacheDir),
      issue: c.issue,
      budgetTokens: 27_000,
    });
    const models = result.ranked.find((f) => f.path === 'fetchy/models.py')!;
    expect(models).toMatchObject({ included: true, excerpt: true });
    expect(models.reasons[0]).toMatch(/^excerpt: ~\d+ tokens, over 60% of the budget; around iter_lines/);
    expect(result.context.text).toMatch(/==> fetchy\/models\.py \(excerpt: [^\n]*\) <==/);
    expect(result.context.text).toContain('yield pending');
    expect(result.context.text).toMatch(/\d+\| class Response:/);
  });

  it('finds the file holding the quoted error message, not the module the exception class lives in', async () => {
    const { c, repo, cacheDir } = await open('d7-quoted-error');
    const result = await discover({
      repo,
      cache: fsCacheStore(cacheDir),
      issue: c.issue,
      budgetTokens: 13_000,
    });
    expect(result.ranked[0]?.path).toBe('fetchy/models.py');
    expect(result.ranked[0]?.reasons).toContain('holds the message "no host supplied"');
  });

  it('npm run bench:localisation prints both ways of counting beside plain BM25', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/localisation.ts', '--case', 'd2-vendored'],
      {
        encoding: 'utf8',
        cwd: process.cwd(),
      },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/gold@13k packed\/whole/);
    expect(run.stdout).toMatch(/^fusion +100% +100% +100% +100%/m);
    expect(run.stdout).toMatch(/^bm25 /m);
    expect(run.stdout).toMatch(/d2-vendored +1 \/ 2 +same order/);
  });
});
