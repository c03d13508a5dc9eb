/**
 * `npm run bench`: every benchmark, one after another, each printing its own table — scheduling
 * (against barriers, FIFO list scheduling and with estimated durations), start-up (`maestro --help`
 * and the Action against their peers), discovery (`maestro context` against repomix, with the
 * localisation quality of the same build), the task cycle's git work (against plain git plumbing),
 * `maestro run -y` with 10 tasks (against the same git work done plainly) and the webhook path.
 * Each runs as its own process so no bench warms another's state.
 * `--quick` (or BENCH_QUICK=1) passes on to each for fewer repetitions; `--scale` adds the
 * 100k-file repository to discovery and the task cycle.
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

const passOn = process.argv.slice(2).filter((a) => a === '--quick' || a === '--scale');
const BENCHES: [title: string, script: string, args: string[]][] = [
  ['Scheduling', 'bench/schedule.ts', []],
  ['Start-up', 'bench/startup.ts', passOn.filter((a) => a === '--quick')],
  ['Discovery', 'bench/discovery.ts', passOn],
  ['Localisation (ranking-defect fixtures, fusion vs plain BM25)', 'bench/localisation.ts', []],
  ['Task cycle (git)', 'bench/checkpoint.ts', passOn],
  ['Task cycle: maestro run -y', 'bench/run-cycle.ts', passOn.filter((a) => a === '--quick')],
  ['Webhook path', 'bench/webhook-ack.ts', []],
];

const git = spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim();
console.log(
  `Maestro benchmarks — ${new Date().toISOString()}, Node ${process.version}, ${git}, ` +
    `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
);
let failed = 0;
for (const [title, script, args] of BENCHES) {
  console.log(`\n# ${title}\n`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'inherit' });
  console.log(`\n(${title}: ${Math.round((performance.now() - started) / 1000)} s)`);
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
