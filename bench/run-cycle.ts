/**
 * The whole task cycle, side by side with its plain-git floor, as whole processes interleaved in
 * one run (issue 12: "`maestro run -y` with 10 tasks and an instant model within 1.3× of the
 * plain-git floor with worktrees"):
 *
 *   A: the compiled CLI, `maestro run "…" -y`, on a fresh clone of the sympy-like repository, its
 *      model a local server speaking Anthropic's Messages API that answers at once
 *      (support/instant-model.ts): a plan of `--tasks` independent tasks, then for each task one
 *      `write_file` turn and one `finish` turn, then every requirement met. Discovery runs on the
 *      warm cache a previous run left (filled once, untimed). The gate is `true` (validation.commands),
 *      so it costs the same on both sides; `max_parallel` is Maestro's default (3).
 *   B: support/plain-task-cycle.mjs on another fresh clone: the same git work done plainly — a run
 *      branch, the gate before, then per task the same file in a worktree at the base, `git add -A`,
 *      `git commit`, a cherry-pick onto the run branch, with the same parallelism; the gate after.
 *      Twice: with a `git worktree add`/`remove` per task (the floor), and with one pooled
 *      worktree per parallel slot reset between tasks (what Maestro's adapter does: the harder floor).
 *
 * The clones are made before each repetition, untimed, without an origin (nothing is pushed).
 *
 *   npm run bench:run-cycle [-- --runs 5] [-- --tasks 10] [-- --quick]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { pythonRepo, SHAPES } from './fixtures/make-python-repo.js';
import { ensureCli, projectRoot } from './support/build-cli.js';
import { instantModel, taskFile } from './support/instant-model.js';
import {
  formatMb,
  formatMs,
  formatRatio,
  interleave,
  pairwiseRatio,
  quickMode,
  rssSource,
  type Sample,
  spread,
  table,
  type Variant,
  verdict,
} from './support/measure-process.js';

const MAX_PARALLEL = 3;
const MAESTRO = 'maestro run -y';
const PER_TASK = 'plain git, worktree per task';
const POOLED = 'plain git, pooled worktrees';
const COMPARED = 'maestro run -y (--compare build)';
const TARGET = 1.3;
const GATE = ['true'];
const IDENTITY = {
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
};

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} in ${cwd}: ${result.stderr}`);
  return result.stdout.trim();
}

/** A fresh clone of the fixture with no origin, replacing the previous one at `dir`. */
function freshClone(fixture: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  // `main`, not the fixture's HEAD: bench:checkpoint checks out a throw-away branch in the same fixture.
  git(tmpdir(), 'clone', '-q', '--local', '--branch', 'main', fixture, dir);
  git(dir, 'remote', 'remove', 'origin');
}

export interface RunCycleFigures {
  tasks: number;
  files: number;
  commits: number;
  samples: Map<string, Sample[]>;
  /** Commits each A run added to its run branch (the checkpoints), for the sanity line. */
  checkpoints: number[];
}

/**
 * `compareCli`: another build's `lib/cli/entry.js` (e.g. a worktree of an older commit, built with
 * `npx tsc -p tsconfig.build.json`), run as a fourth variant, for a before/after in the same run.
 */
export async function measureRunCycle(
  runs: number,
  tasks: number,
  compareCli?: string,
): Promise<RunCycleFigures> {
  const repo = pythonRepo(SHAPES['sympy-like']);
  const cli = ensureCli();
  const work = mkdtempSync(join(tmpdir(), 'maestro-bench-run-cycle-'));
  const model = await instantModel(tasks);
  const configFile = join(work, 'maestro.yml');
  writeFileSync(
    configFile,
    [
      'model:',
      '  max_retries: 0',
      'orchestrator:',
      `  max_parallel: ${MAX_PARALLEL}`,
      'validation:',
      '  quality_gates: []',
      '  run_tests: true',
      `  commands: { test: ${JSON.stringify(GATE)} }`,
      '',
    ].join('\n'),
  );
  const tasksFile = join(work, 'tasks.json');
  writeFileSync(tasksFile, JSON.stringify(Array.from({ length: tasks }, (_, i) => taskFile(i + 1))));
  const cloneA = join(work, 'a');
  const cloneB = join(work, 'b');
  const cloneC = join(work, 'c');
  const cache = join(work, 'cache');
  const maestro = (name: string, entry = cli, clone = cloneA): Variant => ({
    name,
    command: process.execPath,
    args: [entry, 'run', `Add ${tasks} bench modules`, '-y', '--repo', clone, '--config', configFile],
    env: {
      ...IDENTITY,
      ANTHROPIC_API_KEY: 'sk-ant-bench-instant-model',
      ANTHROPIC_BASE_URL: model.url,
      MAESTRO_CACHE_DIR: cache,
      NO_COLOR: '1',
    },
    before: () => freshClone(repo.dir, clone),
  });
  const plain = (name: string, mode: 'per-task' | 'pooled', clone: string): Variant => ({
    name,
    command: process.execPath,
    args: [
      join(projectRoot, 'bench/support/plain-task-cycle.mjs'),
      clone,
      tasksFile,
      String(MAX_PARALLEL),
      'bench-run',
      mode,
      ...GATE,
    ],
    env: IDENTITY,
    before: () => freshClone(repo.dir, clone),
  });
  const clones = new Map([
    [MAESTRO, cloneA],
    [PER_TASK, cloneB],
    [POOLED, cloneC],
    [COMPARED, join(work, 'd')],
  ]);
  const checkpoints: number[] = [];
  const base = git(repo.dir, 'rev-parse', 'refs/heads/main');
  // A run that did other work than asked (a changed prompt, a refused commit) must not pass as a figure.
  const checkDone = (clone: string) => {
    const added = Number(git(clone, 'rev-list', '--count', `${base}..HEAD`));
    if (added !== tasks) throw new Error(`${clone}: ${added} commits on the run branch, expected ${tasks}`);
    return added;
  };
  try {
    // Fills the discovery cache (untimed), and shows the run works before anything is timed.
    await interleave([maestro('fill')], 1);
    const variants = [maestro(MAESTRO), plain(PER_TASK, 'per-task', cloneB), plain(POOLED, 'pooled', cloneC)];
    if (compareCli) variants.push(maestro(COMPARED, compareCli, clones.get(COMPARED)));
    const samples = await interleave(variants, runs, (v, s) => {
      const added = checkDone(clones.get(v.name)!);
      if (v.name === MAESTRO) checkpoints.push(added);
      process.stderr.write(`  ${v.name}: ${Math.round(s.ms)} ms\n`);
    });
    return { tasks, files: repo.files, commits: repo.commits, samples, checkpoints };
  } finally {
    await model.close();
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatRunCycle(f: RunCycleFigures): string {
  const ms = (name: string) => (f.samples.get(name) ?? []).map((s) => s.ms);
  const rss = (name: string) => (f.samples.get(name) ?? []).map((s) => s.peakRssMb);
  const peers = [PER_TASK, POOLED, COMPARED].filter((name) => f.samples.has(name));
  const ratios = new Map(peers.map((peer) => [peer, pairwiseRatio(ms(MAESTRO), ms(peer))]));
  const rows = [MAESTRO, ...peers].map((name) => [
    name,
    formatMs(spread(ms(name))),
    name === MAESTRO ? 'n/a' : formatRatio(ratios.get(name)!),
    formatMb(rss(name)),
  ]);
  return [
    `sympy-like (${f.files} files, ${f.commits} commits), ${f.tasks} tasks, ${MAX_PARALLEL} at a time, gate \`${GATE.join(' ')}\``,
    '',
    table(['run', 'wall: median (min–max)', 'maestro ÷ this (pairwise)', 'peak RSS'], rows),
    '',
    verdict(
      `maestro run -y ÷ plain git, worktree per task (${f.tasks} tasks)`,
      ratios.get(PER_TASK)!.median,
      TARGET,
      '×',
    ),
    verdict(
      `maestro run -y ÷ plain git, pooled worktrees (${f.tasks} tasks)`,
      ratios.get(POOLED)!.median,
      TARGET,
      '×',
    ),
    `commits on Maestro's run branch per run: ${f.checkpoints.join(', ')}; peak RSS from ${rssSource} (the plain sides' is their node process: git children are not counted)`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      tasks: { type: 'string' },
      quick: { type: 'boolean' },
      compare: { type: 'string' },
    },
  });
  const runs = Number(values.runs ?? (quickMode() ? 3 : 5));
  const tasks = Number(values.tasks ?? 10);
  const figures = await measureRunCycle(runs, tasks, values.compare);
  console.log(`Task cycle: maestro run -y — whole processes, ${runs} interleaved repetitions\n`);
  console.log(formatRunCycle(figures));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
