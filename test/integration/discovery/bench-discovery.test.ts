import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDiscoveryFixture } from '../../../bench/fixtures/make-discovery-fixture.js';

const fixture = makeDiscoveryFixture();
afterAll(() => rmSync(fixture.root, { recursive: true, force: true }));

describe('npm run bench:discovery on the synthetic fixture', () => {
  it('prints the metric table for fusion and the BM25 baseline, with every metric in [0, 1]', () => {
    const out = join(fixture.root, 'report.json');
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/discovery-instances.ts',
        '--instances',
        fixture.instancesFile,
        '--repos',
        fixture.reposDir,
        '--budgets',
        '500,2000',
        '--out',
        out,
      ],
      { encoding: 'utf8', cwd: process.cwd() },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/method\s+stratum\s+n\s+gold@1k\s+gold@2k\s+Acc@1\s+Acc@3\s+Acc@5\s+Acc@10/);
    expect(run.stdout).toMatch(/median per instance: cold \d+ ms, warm \d+ ms/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.instances).toBe(7);
    expect(report.rows.map((r: { method: string; stratum: string }) => `${r.method}/${r.stratum}`)).toEqual([
      'fusion/all',
      'fusion/names file',
      'fusion/does not',
      'bm25/all',
      'bm25/names file',
      'bm25/does not',
    ]);
    for (const row of report.rows) {
      for (const value of [...Object.values(row.allGold), ...Object.values(row.acc)] as number[]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
    expect(report.rows[1].n + report.rows[2].n).toBe(7);
    const fusionAll = report.rows[0];
    expect(fusionAll.acc['10']).toBe(1);
  });
});
