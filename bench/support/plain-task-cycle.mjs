/**
 * The plain-git floor of `maestro run -y` for the task-cycle bench: the same git work with nothing
 * else, as one node process spawning git. On a new run branch from HEAD: the gate once before; then
 * every task, `parallel` at a time, in a worktree at the base, writes its file, `git add -A`,
 * `git commit`; the commits are cherry-picked onto the run branch one at a time (in completion
 * order, as Maestro integrates); the gate once after. Worktrees:
 *
 *   per-task: a `git worktree add` for each task, removed after it (the floor);
 *   pooled:   one worktree per parallel slot, `git reset --hard` to the base between its tasks and
 *             removed at the end (what Maestro's adapter does, so the harder floor).
 *
 *   node bench/support/plain-task-cycle.mjs <repo> <tasks.json> <parallel> <branch> <per-task|pooled> [gate argv…]
 *
 * tasks.json: [{ "path": "…", "content": "…" }, …], one file per task.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const [repo, tasksFile, parallelArg, branch, mode, ...gate] = process.argv.slice(2);
if (!repo || !tasksFile || !parallelArg || !branch || (mode !== 'per-task' && mode !== 'pooled')) {
  process.stderr.write(
    'usage: plain-task-cycle.mjs <repo> <tasks.json> <parallel> <branch> <per-task|pooled> [gate argv…]\n',
  );
  process.exit(2);
}
const tasks = JSON.parse(readFileSync(tasksFile, 'utf8'));
const parallel = Number(parallelArg);
const scratch = join(tmpdir(), `plain-task-cycle-${process.pid}`);

function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(out.trim())
        : reject(new Error(`${command} ${args.join(' ')}: exit ${code}\n${err}`)),
    );
  });
}
const git = (cwd, ...args) => run('git', args, cwd);

const base = await git(repo, 'rev-parse', 'HEAD');
await git(repo, 'checkout', '-q', '-b', branch);
if (gate.length) await run(gate[0], gate.slice(1), repo);

let integrating = Promise.resolve();
async function runTask(i, worktree) {
  const task = tasks[i];
  const file = join(worktree, task.path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, task.content);
  await git(worktree, 'add', '-A');
  await git(worktree, 'commit', '-q', '-m', `T${i + 1}: ${task.path}`);
  const sha = await git(worktree, 'rev-parse', 'HEAD');
  const integrated = integrating.then(() => git(repo, 'cherry-pick', '--allow-empty', sha));
  integrating = integrated.catch(() => undefined);
  await integrated;
}

let next = 0;
const worker = async (slot) => {
  const pooled = join(scratch, `slot${slot}`);
  if (mode === 'pooled') await git(repo, 'worktree', 'add', '-q', '--detach', pooled, base);
  while (next < tasks.length) {
    const i = next++;
    if (mode === 'pooled') {
      await git(pooled, 'reset', '-q', '--hard', base);
      await runTask(i, pooled);
    } else {
      const worktree = join(scratch, `t${i + 1}`);
      await git(repo, 'worktree', 'add', '-q', '--detach', worktree, base);
      await runTask(i, worktree);
      await git(repo, 'worktree', 'remove', '--force', worktree);
    }
  }
  if (mode === 'pooled') await git(repo, 'worktree', 'remove', '--force', pooled);
};
await Promise.all(Array.from({ length: Math.min(parallel, tasks.length) }, (_, slot) => worker(slot)));
if (gate.length) await run(gate[0], gate.slice(1), repo);
const count = await git(repo, 'rev-list', '--count', `${base}..HEAD`);
process.stdout.write(`${count} commits on ${branch}\n`);
