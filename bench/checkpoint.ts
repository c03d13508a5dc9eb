/**
 * The task cycle's git work, side by side with plain git plumbing, interleaved in one process loop
 * on the same repositories (generated: the sympy-like 2k-file one, and with --scale the 100k-file
 * one; a throw-away branch in the cached fixture, removed at the end):
 *
 *   checkpoint — Maestro's `commitAll` of a one-file change (staging, secret scan, trailers) next
 *                to the persistent-index floor: `update-index`, `write-tree`, `commit-tree`,
 *                `update-ref`;
 *   checkout   — Maestro's `addWorktree` for a task (pooled: the worktree of the task before,
 *                reset) next to plain `worktree add --no-checkout` + an empty sparse checkout and
 *                to a plain pooled reset (`checkout -f --detach`, `clean -ffdx`); a fresh full
 *                `git worktree add` (what every task used to pay) is timed once per size;
 *   integrate  — Maestro's `integrate` of a one-file task change onto the run branch (shown alone).
 *
 *   npm run bench:checkpoint [-- --runs 7] [-- --scale] [-- --quick]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SimpleGitWorkspace } from '../src/adapters/git/simple-git-workspace.js';
import { pythonRepo, type RepoShape, SHAPES } from './fixtures/make-python-repo.js';
import {
  formatMs,
  formatRatio,
  pairwiseRatio,
  quickMode,
  spread,
  table,
  verdict,
} from './support/measure-process.js';

const BRANCH = 'maestro/bench-checkpoint';

function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(
    'git',
    ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

async function time(step: () => unknown): Promise<number> {
  const started = performance.now();
  await step();
  return performance.now() - started;
}

interface SizeResult {
  shape: RepoShape;
  files: number;
  samples: Record<string, number[]>;
  freshAddMs: number;
}

async function measure(shape: RepoShape, runs: number): Promise<SizeResult> {
  const repo = pythonRepo(shape);
  const root = repo.dir;
  const scratch = mkdtempSync(join(tmpdir(), 'maestro-bench-cycle-'));
  const plainPool = join(scratch, 'plain-pooled');
  const samples: Record<string, number[]> = {
    commitAll: [],
    floorCommit: [],
    addWorktree: [],
    noCheckoutSparse: [],
    plainPooledReset: [],
    integrate: [],
  };
  git(root, ['checkout', '-q', '-f', '-B', BRANCH, 'main']);
  try {
    const ws = await SimpleGitWorkspace.open(root, { worktreeRoot: join(scratch, 'maestro') });
    await ws.checkoutRunBranch(BRANCH);
    const tracked = git(root, ['ls-files', 'sympy']).split('\n');
    const file = (i: number) => tracked[(i * 7919) % tracked.length]!;
    const session = 'mae-20261120-223000-bench';
    let checkpoint = 0;
    // What a task used to pay: a fresh, full `git worktree add`, once.
    const freshPath = join(scratch, 'fresh');
    const freshAddMs = await time(() => git(root, ['worktree', 'add', '-q', '--detach', freshPath, 'HEAD']));
    git(root, ['worktree', 'remove', '--force', freshPath]);
    git(root, ['worktree', 'add', '-q', '--detach', plainPool, 'HEAD']);
    // The pool holds one worktree after the first task; every later task reuses it (steady state).
    await ws.removeWorktree(await ws.addWorktree('warm-up', await ws.head()));
    for (let run = 0; run < runs; run++) {
      const maestroFirst = run % 2 === 0;
      const commitAll = async () => {
        writeFileSync(join(root, file(run)), `# changed by run ${run}\n`);
        checkpoint++;
        samples.commitAll!.push(
          await time(() =>
            ws.commitAll(
              `fix: run ${run}`,
              { session, task: `fix-${run}`, checkpoint },
              { protectedPaths: [] },
            ),
          ),
        );
      };
      const floorCommit = async () => {
        const path = file(run + 1000);
        writeFileSync(join(root, path), `# floor run ${run}\n`);
        samples.floorCommit!.push(
          await time(() => {
            git(root, ['update-index', '--', path]);
            const tree = git(root, ['write-tree']);
            const commit = git(root, ['commit-tree', tree, '-p', 'HEAD', '-m', `floor ${run}`]);
            git(root, ['update-ref', 'HEAD', commit]);
          }),
        );
      };
      const addWorktree = async () => {
        const base = await ws.head();
        let worktree: Awaited<ReturnType<typeof ws.addWorktree>> | undefined;
        samples.addWorktree!.push(await time(async () => (worktree = await ws.addWorktree(`T${run}`, base))));
        writeFileSync(join(worktree!.path, file(run + 2000)), `# task ${run}\n`);
        checkpoint++;
        samples.integrate!.push(
          await time(() =>
            ws.integrate(
              worktree!,
              `feat: task ${run}`,
              { session, task: `T${run}`, checkpoint },
              { protectedPaths: [] },
            ),
          ),
        );
        await ws.removeWorktree(worktree!);
      };
      const plainCheckouts = async () => {
        const sparse = join(scratch, `sparse-${run}`);
        samples.noCheckoutSparse!.push(
          await time(() => {
            git(root, ['worktree', 'add', '-q', '--no-checkout', '--detach', sparse, 'HEAD']);
            // Top-level files only, set in the worktree's own admin directory: `sparse-checkout
            // set` would turn on extensions.worktreeConfig in the shared config.
            const admin = git(sparse, ['rev-parse', '--absolute-git-dir']);
            mkdirSync(join(admin, 'info'), { recursive: true });
            writeFileSync(join(admin, 'info', 'sparse-checkout'), '/*\n!/*/\n');
            git(sparse, ['-c', 'core.sparseCheckout=true', 'read-tree', '-mu', 'HEAD']);
          }),
        );
        git(root, ['worktree', 'remove', '--force', sparse]);
        writeFileSync(join(plainPool, file(run + 3000)), `# dirty ${run}\n`);
        writeFileSync(join(plainPool, `stray-${run}.txt`), 'stray\n');
        samples.plainPooledReset!.push(
          await time(() => {
            git(plainPool, ['checkout', '-q', '-f', '--detach', 'HEAD', '--']);
            git(plainPool, ['clean', '-q', '-ffdx']);
          }),
        );
      };
      const order = maestroFirst
        ? [commitAll, floorCommit, addWorktree, plainCheckouts]
        : [floorCommit, commitAll, plainCheckouts, addWorktree];
      for (const step of order) await step();
    }
    await ws.releaseWorktrees();
    return { shape, files: repo.files, samples, freshAddMs };
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', plainPool], { cwd: root });
    spawnSync('git', ['worktree', 'prune'], { cwd: root });
    git(root, ['checkout', '-q', '-f', 'main']);
    git(root, ['branch', '-q', '-D', BRANCH]);
    rmSync(scratch, { recursive: true, force: true });
  }
}

export async function runCheckpointBench(runs: number, scale: boolean): Promise<string> {
  const results = [await measure(SHAPES['sympy-like'], runs)];
  if (scale) results.push(await measure(SHAPES['files-100k'], Math.max(3, Math.ceil(runs / 2))));
  const rows: string[][] = [];
  const checks: string[] = [];
  for (const r of results) {
    const s = r.samples;
    const label = `${r.shape.name} (${r.files} files)`;
    rows.push([
      label,
      'checkpoint: commitAll',
      formatMs(spread(s.commitAll!)),
      'update-index + write-tree + commit-tree',
      formatMs(spread(s.floorCommit!)),
      formatRatio(pairwiseRatio(s.commitAll!, s.floorCommit!)),
    ]);
    rows.push([
      label,
      'task checkout: addWorktree (pooled)',
      formatMs(spread(s.addWorktree!)),
      'worktree add --no-checkout + sparse',
      formatMs(spread(s.noCheckoutSparse!)),
      formatRatio(pairwiseRatio(s.addWorktree!, s.noCheckoutSparse!)),
    ]);
    rows.push([
      label,
      '',
      '',
      'plain pooled reset (checkout -f, clean)',
      formatMs(spread(s.plainPooledReset!)),
      formatRatio(pairwiseRatio(s.addWorktree!, s.plainPooledReset!)),
    ]);
    rows.push([
      label,
      '',
      '',
      'fresh full `git worktree add` (once)',
      `${Math.round(r.freshAddMs)} ms`,
      (spread(s.addWorktree!).median / r.freshAddMs).toFixed(2),
    ]);
    rows.push([label, 'integrate (one-file task)', formatMs(spread(s.integrate!)), '', '', '']);
    checks.push(
      verdict(
        `${r.shape.name} checkpoint ÷ persistent-index floor`,
        pairwiseRatio(s.commitAll!, s.floorCommit!).median,
        2,
        '×',
      ),
    );
    checks.push(verdict(`${r.shape.name} task checkout`, spread(s.addWorktree!).median, 1000, ' ms'));
  }
  const version = spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim();
  return [
    `Task cycle git work — ${runs} interleaved repetitions, ${version}\n`,
    table(
      ['repository', 'Maestro', 'median (min–max)', 'plain git', 'median (min–max)', 'ratio (pairwise)'],
      rows,
    ),
    '',
    ...checks,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { runs: { type: 'string' }, scale: { type: 'boolean' }, quick: { type: 'boolean' } },
  });
  console.log(await runCheckpointBench(Number(values.runs ?? (quickMode() ? 3 : 7)), values.scale ?? false));
}
