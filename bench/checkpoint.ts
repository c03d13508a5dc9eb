/**
 * Checkpoint benchmark (docs: design benchmarks §5). On generated repositories of small files:
 *
 *   (a) `commitAll` of a one-file change with trailers (a fix task or a WIP checkpoint), next to a
 *       plain `git add <file> && git commit` on the same repository and machine (the baseline);
 *   (b) one parallel task's whole git cycle: `addWorktree`, change a file, `integrate`, `removeWorktree`.
 *
 * Medians of --runs, printed next to the reference in benchmarks.md (a persistent-index commit:
 * ~15 ms at 2k files, ~200 ms at 100k). Generating the 100k-file repository takes a while.
 *
 *   npm run bench:checkpoint [-- --sizes 2000,100000 --runs 7]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SimpleGitWorkspace } from '../src/adapters/git/simple-git-workspace.js';

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '2000,100000' }, runs: { type: 'string', default: '7' } },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const REFERENCE_MS: Record<number, number> = { 2000: 15, 100000: 200 };

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], {
    cwd,
  });
  if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${result.stderr}`);
}

/** `files` small files, 100 per directory, committed with one `add` and one `commit`. */
function generateRepo(files: number): string {
  const dir = mkdtempSync(join(tmpdir(), `maestro-bench-${files}-`));
  for (let i = 0; i < files; i++) {
    const sub = join(dir, 'src', `d${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `f${i}.ts`), `export const value${i} = ${i};\n`);
  }
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function time(step: () => unknown): Promise<number> {
  const started = performance.now();
  await step();
  return performance.now() - started;
}

interface Row {
  files: number;
  commitAll: number;
  gitCommit: number;
  addWorktree: number;
  integrate: number;
  removeWorktree: number;
  taskCycle: number;
}

async function measure(files: number): Promise<Row> {
  const started = performance.now();
  const root = generateRepo(files);
  const worktreeRoot = mkdtempSync(join(tmpdir(), 'maestro-bench-wt-'));
  process.stderr.write(`generated ${files} files in ${Math.round(performance.now() - started)} ms\n`);
  try {
    const ws = await SimpleGitWorkspace.open(root, { worktreeRoot });
    await ws.checkoutRunBranch('maestro/bench');
    const session = 'mae-20261120-223000-bench';
    let checkpoint = 0;
    const file = (i: number) => join('src', `d${Math.floor(i / 100)}`, `f${i}.ts`);
    const samples = {
      commitAll: [],
      gitCommit: [],
      addWorktree: [],
      integrate: [],
      removeWorktree: [],
      taskCycle: [],
    } as Record<Exclude<keyof Row, 'files'>, number[]>;
    for (let run = 0; run < runs; run++) {
      // (a) commitAll, then the plain-git baseline on the same checkout.
      writeFileSync(join(root, file(run)), `export const value${run} = ${-run};\n`);
      checkpoint++;
      samples.commitAll.push(
        await time(() =>
          ws.commitAll(
            `fix: run ${run}`,
            { session, task: `fix-${run}`, checkpoint },
            { protectedPaths: [] },
          ),
        ),
      );
      writeFileSync(join(root, file(run)), `export const value${run} = ${run + 0.5};\n`);
      samples.gitCommit.push(
        await time(() => {
          git(root, 'add', '--', file(run));
          git(root, 'commit', '-q', '-m', `baseline ${run}`);
        }),
      );
      // (b) one task's cycle.
      const cycleStart = performance.now();
      let worktree: Awaited<ReturnType<typeof ws.addWorktree>> | undefined;
      samples.addWorktree.push(
        await time(async () => (worktree = await ws.addWorktree(`T${run}`, await ws.head()))),
      );
      writeFileSync(join(worktree!.path, file(files - 1 - run)), `export const changed = ${run};\n`);
      checkpoint++;
      samples.integrate.push(
        await time(async () => {
          const result = await ws.integrate(
            worktree!,
            `feat: task ${run}`,
            { session, task: `T${run}`, checkpoint },
            { protectedPaths: [] },
          );
          if (result.kind !== 'integrated') throw new Error(`expected a commit, got ${result.kind}`);
        }),
      );
      samples.removeWorktree.push(await time(() => ws.removeWorktree(worktree!)));
      samples.taskCycle.push(performance.now() - cycleStart);
    }
    const row = { files } as Row;
    for (const [key, list] of Object.entries(samples)) row[key as Exclude<keyof Row, 'files'>] = median(list);
    return row;
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(worktreeRoot, { recursive: true, force: true });
  }
}

const rows: Row[] = [];
for (const files of sizes) rows.push(await measure(files));

const ms = (n: number) => `${Math.round(n)} ms`;
console.log(
  `\nCheckpoint benchmark — median of ${runs} runs, ${spawnSync('git', ['--version']).stdout.toString().trim()}\n`,
);
console.log(
  '| files | commitAll (a) | plain git add+commit | reference §5 | ratio to baseline | addWorktree | integrate | removeWorktree | task cycle (b) |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const reference = REFERENCE_MS[r.files] === undefined ? 'n/a' : `~${REFERENCE_MS[r.files]} ms`;
  console.log(
    `| ${r.files} | ${ms(r.commitAll)} | ${ms(r.gitCommit)} | ${reference} | ${(r.commitAll / r.gitCommit).toFixed(2)}× | ${ms(r.addWorktree)} | ${ms(r.integrate)} | ${ms(r.removeWorktree)} | ${ms(r.taskCycle)} |`,
  );
}
