/**
 * The task cycle's git work, side by side with plain git plumbing, interleaved in one process loop
 * on the same repositories (generated: the sympy-like 2k-file one, and with --scale the 100k-file
 * one; a throw-away branch in the cached fixture, removed at the end):
 *
 *   checkpoint — what the engine runs for every task, `integrate`: the task's worktree staged
 *                (`add -A`: whatever it wrote), the config checks, the secret scan, the commit on
 *                the run branch and the main checkout brought to it. Next to it, the same work
 *                done plainly: the persistent-index floor (`update-index` of the one known path,
 *                `write-tree`, `commit-tree` in a plain worktree, then `read-tree -m -u` +
 *                `update-ref` in the main checkout), and the same with `add -A` (the task's
 *                files found the way Maestro must find them). Also timed: `integrate` after the
 *                run branch moved (a parallel task landed first: a three-way pick), and
 *                `commitAll` (a commit of the main checkout) next to the floor of one commit
 *                there (`update-index`, `write-tree`, `commit-tree`, `update-ref`);
 *   checkout   — Maestro's `addWorktree` for a task (pooled: the worktree of the task before,
 *                reset) next to plain `worktree add --no-checkout` + an empty sparse checkout and
 *                to a plain pooled reset (`checkout -f --detach`, `clean -ffdx`); a fresh full
 *                `git worktree add` (what every task used to pay) is timed once per size.
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
import type { TaskWorktree } from '../src/ports/git-workspace-port.js';
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
  samples: Record<SampleName, number[]>;
  freshAddMs: number;
}

const SAMPLES = [
  'integrate',
  'floorIntegrate',
  'plainAddIntegrate',
  'integrateMoved',
  'commitAll',
  'floorCommit',
  'addWorktree',
  'noCheckoutSparse',
  'plainPooledReset',
] as const;
type SampleName = (typeof SAMPLES)[number];

/** One size: the repository, a workspace on the throw-away branch, a plain worktree beside. */
interface Cycle {
  root: string;
  scratch: string;
  plainPool: string;
  ws: SimpleGitWorkspace;
  file: (i: number) => string;
  record: (name: SampleName, step: () => unknown) => Promise<void>;
  trailers: (task: string) => { session: string; task: string; checkpoint: number };
}

async function measure(shape: RepoShape, runs: number): Promise<SizeResult> {
  const repo = pythonRepo(shape);
  const root = repo.dir;
  const scratch = mkdtempSync(join(tmpdir(), 'maestro-bench-cycle-'));
  const plainPool = join(scratch, 'plain-pooled');
  const samples = Object.fromEntries(SAMPLES.map((name) => [name, [] as number[]])) as Record<
    SampleName,
    number[]
  >;
  git(root, ['checkout', '-q', '-f', '-B', BRANCH, 'main']);
  try {
    const ws = await SimpleGitWorkspace.open(root, { worktreeRoot: join(scratch, 'maestro') });
    await ws.checkoutRunBranch(BRANCH);
    const tracked = git(root, ['ls-files', 'sympy']).split('\n');
    let checkpoint = 0;
    const cycle: Cycle = {
      root,
      scratch,
      plainPool,
      ws,
      file: (i) => tracked[(i * 7919) % tracked.length]!,
      record: async (name, step) => void samples[name].push(await time(step)),
      trailers: (task) => ({ session: 'mae-20261120-223000-bench', task, checkpoint: ++checkpoint }),
    };
    // What a task used to pay: a fresh, full `git worktree add`, once.
    const freshPath = join(scratch, 'fresh');
    const freshAddMs = await time(() => git(root, ['worktree', 'add', '-q', '--detach', freshPath, 'HEAD']));
    git(root, ['worktree', 'remove', '--force', freshPath]);
    git(root, ['worktree', 'add', '-q', '--detach', plainPool, 'HEAD']);
    // The pool holds two worktrees after the first tasks (two at once: the moved-branch case);
    // every later task reuses one (the steady state).
    const warm = [
      await ws.addWorktree('warm-1', await ws.head()),
      await ws.addWorktree('warm-2', await ws.head()),
    ];
    for (const w of warm) await ws.removeWorktree(w);
    for (let run = 0; run < runs; run++) {
      const steps = [
        () => maestroTasks(cycle, run),
        () => plainIntegrates(cycle, run),
        () => maestroCommitAll(cycle, run),
        () => floorCommit(cycle, run),
        () => plainCheckouts(cycle, run),
      ];
      // Alternate which side goes first: Maestro's steps are the even ones.
      const order = run % 2 === 0 ? steps : [steps[1]!, steps[0]!, steps[3]!, steps[2]!, steps[4]!];
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

/**
 * Two tasks from the same base, as the engine runs them: a pooled worktree each, one file changed
 * in each; the first lands on the unmoved run branch, the second after it (a three-way pick).
 */
async function maestroTasks(c: Cycle, run: number): Promise<void> {
  const base = await c.ws.head();
  const tasks: TaskWorktree[] = [];
  for (const [i, label] of ['A', 'B'].entries()) {
    const add = async () => void tasks.push(await c.ws.addWorktree(`${label}${run}`, base));
    // One timed checkout per run, paired with one plain checkout of each kind.
    if (i === 0) await c.record('addWorktree', add);
    else await add();
    writeFileSync(join(tasks[i]!.path, c.file(run * 2 + i + 2000)), `# task ${label} ${run}\n`);
  }
  const [first, second] = tasks as [TaskWorktree, TaskWorktree];
  const policy = { protectedPaths: [] };
  await c.record('integrate', () => c.ws.integrate(first, `feat: A ${run}`, c.trailers(`A${run}`), policy));
  await c.record('integrateMoved', () =>
    c.ws.integrate(second, `feat: B ${run}`, c.trailers(`B${run}`), policy),
  );
  for (const task of tasks) await c.ws.removeWorktree(task);
}

/**
 * The same work plainly, in the plain worktree reset (untimed) to the run branch's head: the
 * persistent-index floor (the one changed path is known), then the same with `add -A`.
 */
async function plainIntegrates(c: Cycle, run: number): Promise<void> {
  for (const [name, stage] of [
    ['floorIntegrate', (path: string) => ['update-index', '--', path]],
    ['plainAddIntegrate', () => ['add', '-A']],
  ] as const) {
    const head = git(c.root, ['rev-parse', 'HEAD']);
    git(c.plainPool, ['checkout', '-q', '-f', '--detach', head, '--']);
    const path = c.file(run * 2 + (name === 'floorIntegrate' ? 4000 : 5000));
    writeFileSync(join(c.plainPool, path), `# plain ${name} ${run}\n`);
    await c.record(name, () => {
      git(c.plainPool, stage(path));
      const tree = git(c.plainPool, ['write-tree']);
      const commit = git(c.plainPool, ['commit-tree', tree, '-p', head, '-m', `plain ${run}`]);
      git(c.root, ['read-tree', '-m', '-u', head, commit]);
      git(c.root, ['update-ref', 'HEAD', commit, head]);
    });
  }
}

async function maestroCommitAll(c: Cycle, run: number): Promise<void> {
  writeFileSync(join(c.root, c.file(run)), `# changed by run ${run}\n`);
  await c.record('commitAll', () =>
    c.ws.commitAll(`fix: run ${run}`, c.trailers(`fix-${run}`), { protectedPaths: [] }),
  );
}

async function floorCommit(c: Cycle, run: number): Promise<void> {
  const path = c.file(run + 1000);
  writeFileSync(join(c.root, path), `# floor run ${run}\n`);
  await c.record('floorCommit', () => {
    git(c.root, ['update-index', '--', path]);
    const tree = git(c.root, ['write-tree']);
    const commit = git(c.root, ['commit-tree', tree, '-p', 'HEAD', '-m', `floor ${run}`]);
    git(c.root, ['update-ref', 'HEAD', commit]);
  });
}

async function plainCheckouts(c: Cycle, run: number): Promise<void> {
  const sparse = join(c.scratch, `sparse-${run}`);
  await c.record('noCheckoutSparse', () => {
    git(c.root, ['worktree', 'add', '-q', '--no-checkout', '--detach', sparse, 'HEAD']);
    // Top-level files only, set in the worktree's own admin directory: `sparse-checkout
    // set` would turn on extensions.worktreeConfig in the shared config.
    const admin = git(sparse, ['rev-parse', '--absolute-git-dir']);
    mkdirSync(join(admin, 'info'), { recursive: true });
    writeFileSync(join(admin, 'info', 'sparse-checkout'), '/*\n!/*/\n');
    git(sparse, ['-c', 'core.sparseCheckout=true', 'read-tree', '-mu', 'HEAD']);
  });
  git(c.root, ['worktree', 'remove', '--force', sparse]);
  writeFileSync(join(c.plainPool, c.file(run + 3000)), `# dirty ${run}\n`);
  writeFileSync(join(c.plainPool, `stray-${run}.txt`), 'stray\n');
  await c.record('plainPooledReset', () => {
    git(c.plainPool, ['checkout', '-q', '-f', '--detach', 'HEAD', '--']);
    git(c.plainPool, ['clean', '-q', '-ffdx']);
  });
}

export async function runCheckpointBench(runs: number, scale: boolean): Promise<string> {
  const results = [await measure(SHAPES['sympy-like'], runs)];
  if (scale) results.push(await measure(SHAPES['files-100k'], Math.max(3, Math.ceil(runs / 2))));
  const rows: string[][] = [];
  const checks: string[] = [];
  for (const r of results) {
    const s = r.samples;
    const label = `${r.shape.name} (${r.files} files)`;
    const pair = (maestro: string, a: SampleName, plain: string, b: SampleName) =>
      rows.push([
        label,
        maestro,
        maestro ? formatMs(spread(s[a])) : '',
        plain,
        formatMs(spread(s[b])),
        formatRatio(pairwiseRatio(s[a], s[b])),
      ]);
    pair(
      'checkpoint: integrate (a task)',
      'integrate',
      'persistent-index floor, same work',
      'floorIntegrate',
    );
    pair('', 'integrate', 'the same with add -A', 'plainAddIntegrate');
    rows.push([label, 'integrate, branch moved (pick)', formatMs(spread(s.integrateMoved)), '', '', '']);
    pair('commitAll (main checkout)', 'commitAll', 'update-index + write-tree + commit-tree', 'floorCommit');
    pair(
      'task checkout: addWorktree (pooled)',
      'addWorktree',
      'worktree add --no-checkout + sparse',
      'noCheckoutSparse',
    );
    pair('', 'addWorktree', 'plain pooled reset (checkout -f, clean)', 'plainPooledReset');
    rows.push([
      label,
      '',
      '',
      'fresh full `git worktree add` (once)',
      `${Math.round(r.freshAddMs)} ms`,
      (spread(s.addWorktree).median / r.freshAddMs).toFixed(2),
    ]);
    const ratio = (a: SampleName, b: SampleName) => pairwiseRatio(s[a], s[b]).median;
    checks.push(
      verdict(
        `${r.shape.name} checkpoint (integrate) ÷ persistent-index floor`,
        ratio('integrate', 'floorIntegrate'),
        2,
        '×',
      ),
      verdict(
        `${r.shape.name} commitAll ÷ persistent-index floor`,
        ratio('commitAll', 'floorCommit'),
        2,
        '×',
      ),
      verdict(`${r.shape.name} task checkout`, spread(s.addWorktree).median, 1000, ' ms'),
    );
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
