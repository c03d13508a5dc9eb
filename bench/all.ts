/**
 * `npm run bench`: every benchmark that needs no outside data, one after another, each printing its
 * own table — scheduling (makespan ÷ lower bound, critical-path-first vs barriers), discovery
 * localisation on the generated fixture (fusion vs plain BM25 side by side) and discovery speed on
 * a synthetic 2k-file repository (cold vs warm).
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { formatReport, runDiscoveryBench } from './discovery.js';
import { makeDiscoveryFixture } from './fixtures/make-discovery-fixture.js';

function runScript(script: string, args: string[] = []): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

console.log('\n# Scheduling\n');
runScript('bench/schedule.ts');

console.log('\n# Discovery localisation (generated fixture)\n');
const fixture = makeDiscoveryFixture();
try {
  const report = await runDiscoveryBench({
    instances: fixture.instancesFile,
    repos: fixture.reposDir,
    budgets: [13_000, 27_000, 50_000],
  });
  console.log(formatReport(report));
} finally {
  rmSync(fixture.root, { recursive: true, force: true });
}

console.log('\n# Discovery speed (synthetic 2k-file repository)\n');
runScript('bench/fixtures/make-large-repo.ts', ['--measure']);
console.log('\n# Localisation on the ranking-defect fixtures (fusion vs plain BM25)\n');
runScript('bench/localisation.ts');
runScript('bench/webhook-ack.ts');
