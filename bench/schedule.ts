/**
 * Scheduling benchmark (docs: design benchmarks §4). Random task DAGs, heavy-tailed durations,
 * 1–8 workers: makespan divided by the lower bound `max(critical path, total work / workers)`,
 * for critical-path-first list scheduling (what Maestro runs) and a barrier per `[P:Group-k]`
 * level (the seed's model). Deterministic: a seeded PRNG, so runs are comparable.
 *
 * The first table ranks by the very durations it is timed against (perfect estimates). The second
 * does not: tasks run for their true durations while the order comes from what a plan knows —
 * the estimates with lognormal noise (σ = 0.5, about ×0.6–×1.6), or none at all (every task
 * counts 1, so the longest chain of tasks goes first) — next to plain FIFO list scheduling
 * (plan order, no priority) and barriers.
 *
 *   npm run bench:schedule [-- --trials 200 --seed 42]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { scheduleTasks, scheduleWithBarriers } from '../src/core/tasks/schedule-tasks.js';
import { dependenciesOf, dependentsOf, type TaskGraph } from '../src/core/tasks/task-graph.js';
import { comparePriority, lowerBound, priorityOf } from '../src/core/tasks/task-priority.js';
import type { Task, TaskPlan } from '../src/core/tasks/task-schema.js';
import { buildTaskGraph } from '../src/core/tasks/validate-task-graph.js';

const { values } = parseArgs({
  options: { trials: { type: 'string', default: '200' }, seed: { type: 'string', default: '42' } },
});
const trials = Number(values.trials);
const taskCounts = [10, 25, 50, 100, 200];
const workerCounts = [1, 2, 3, 4, 6, 8];

/** mulberry32: tiny, fast, good enough for simulation, and the same on every machine. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lognormal minutes around a 15-minute median, σ = 1: most tasks short, a few very long. */
function lognormalMinutes(random: () => number): number {
  const u = 1 - random();
  const v = random();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return 15 * Math.exp(normal);
}

/**
 * A plan shaped like a model's: epics of 3–8 tasks, each task depending on 0–3 tasks chosen among
 * the recent ones (work builds on what came just before, with the odd long-range dependency).
 */
function randomPlan(n: number, random: () => number): TaskPlan {
  const tasks: Task[] = [];
  const window = Math.max(4, Math.ceil(n / 5));
  for (let i = 0; i < n; i++) {
    const deps = new Set<string>();
    const wanted = i === 0 ? 0 : Math.floor(random() * 4);
    for (let k = 0; k < wanted; k++) {
      const from = Math.max(0, i - window);
      deps.add(`T${from + Math.floor(random() * (i - from))}`);
    }
    tasks.push({
      id: `T${i}`,
      title: `Task ${i}`,
      description: 'generated',
      category: 'general',
      dependsOn: [...deps],
      files: [],
      acceptance: ['done'],
      requirements: [],
      estimate: lognormalMinutes(random),
    });
  }
  const epics: TaskPlan['epics'] = [];
  for (let start = 0; start < n; ) {
    const size = 3 + Math.floor(random() * 6);
    epics.push({ id: `E${epics.length + 1}`, title: 'generated', tasks: tasks.slice(start, start + size) });
    start += size;
  }
  return { epics };
}

function mean(xs: readonly number[]): number {
  return xs.reduce((sum, x) => sum + x, 0) / xs.length;
}

function p95(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
}

const duration = (task: Task) => task.estimate ?? 15;
const random = prng(Number(values.seed));
const rows: string[][] = [];
const overall = { cp: [] as number[], barrier: [] as number[] };
let scheduleMs = 0;
let schedules = 0;

for (const workers of workerCounts) {
  for (const n of taskCounts) {
    const cp: number[] = [];
    const barrier: number[] = [];
    for (let trial = 0; trial < trials; trial++) {
      const graph = buildTaskGraph(randomPlan(n, random));
      const started = performance.now();
      const listed = scheduleTasks(graph, { maxParallel: workers, duration });
      scheduleMs += performance.now() - started;
      schedules++;
      const levelled = scheduleWithBarriers(graph, { maxParallel: workers, duration });
      cp.push(listed.makespan / listed.lowerBound);
      barrier.push(levelled.makespan / levelled.lowerBound);
    }
    overall.cp.push(...cp);
    overall.barrier.push(...barrier);
    rows.push([
      String(workers),
      String(n),
      mean(cp).toFixed(3),
      p95(cp).toFixed(3),
      mean(barrier).toFixed(3),
      p95(barrier).toFixed(3),
      `${((mean(barrier) / mean(cp) - 1) * 100).toFixed(1)} %`,
    ]);
  }
}

const header = [
  'workers',
  'tasks',
  'CP-first mean',
  'CP-first p95',
  'barrier mean',
  'barrier p95',
  'barrier extra',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
console.log(`makespan / lower bound, ${trials} random DAGs per row, seed ${values.seed}\n`);
console.log(line(header));
console.log(`|${widths.map((w) => `${'-'.repeat(w + 1)}:`).join('|')}|`);
for (const row of rows) console.log(line(row));
const multi = (xs: number[]) => xs.slice(taskCounts.length * trials); // rows with 2+ workers
console.log(
  `\nall rows with 2–8 workers: CP-first mean ${mean(multi(overall.cp)).toFixed(3)}, ` +
    `barrier mean ${mean(multi(overall.barrier)).toFixed(3)}`,
);
console.log(`scheduling cost: ${((scheduleMs / schedules) * 1000).toFixed(0)} µs per plan on average`);

/**
 * List scheduling simulated with true durations while the ready queue is ordered by `compare`
 * (which may know only estimates). The same event loop as scheduleTasks; checked against it below.
 */
function simulateWith(
  graph: TaskGraph<Task>,
  workers: number,
  actual: (task: Task) => number,
  compare: (a: string, b: string) => number,
): number {
  const waiting = new Map(graph.order.map((id) => [id, dependenciesOf(graph, id).length]));
  const ready = graph.order.filter((id) => waiting.get(id) === 0).sort(compare);
  const running: { id: string; end: number }[] = [];
  let free = workers;
  let now = 0;
  let makespan = 0;
  while (ready.length > 0 || running.length > 0) {
    while (free > 0 && ready.length > 0) {
      const id = ready.shift()!;
      const end = now + actual(graph.byId.get(id)!);
      running.push({ id, end });
      makespan = Math.max(makespan, end);
      free--;
    }
    now = Math.min(...running.map((r) => r.end));
    for (const done of running.filter((r) => r.end === now)) {
      running.splice(running.indexOf(done), 1);
      free++;
      for (const next of dependentsOf(graph, done.id)) {
        const left = waiting.get(next)! - 1;
        waiting.set(next, left);
        if (left === 0) {
          ready.push(next);
          ready.sort(compare);
        }
      }
    }
  }
  return makespan;
}

function lognormalFactor(random: () => number, sigma: number): number {
  const u = 1 - random();
  const v = random();
  return Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

const estimateRandom = prng(Number(values.seed) + 1);
const policies = [
  'CP-first, exact',
  'CP-first, noisy estimates',
  'CP-first, no estimates',
  'FIFO list',
  'barriers',
];
const byPolicy = new Map(policies.map((p) => [p, [] as number[]]));
const estimateRows: string[][] = [];
let checked = 0;
for (const workers of workerCounts.filter((w) => w > 1)) {
  const perRow = new Map(policies.map((p) => [p, [] as number[]]));
  for (const n of taskCounts) {
    for (let trial = 0; trial < Math.ceil(trials / 2); trial++) {
      const graph = buildTaskGraph(randomPlan(n, random));
      const noisy = new Map(
        [...graph.tasks.values()].map((t) => [t.id, duration(t) * lognormalFactor(estimateRandom, 0.5)]),
      );
      const position = graph.indexOf;
      const bound = lowerBound(graph, duration, workers);
      const cpBy = (estimate: (t: Task) => number) => {
        const priorities = priorityOf(graph, estimate);
        return (a: string, b: string) => comparePriority(priorities.get(a)!, priorities.get(b)!);
      };
      const exact = simulateWith(graph, workers, duration, cpBy(duration));
      // The simulator is the library's own loop: with exact durations both give the same makespan.
      const library = scheduleTasks(graph, { maxParallel: workers, duration }).makespan;
      if (Math.abs(exact - library) > 1e-9)
        throw new Error(`simulator disagrees with scheduleTasks: ${exact} vs ${library}`);
      checked++;
      const results: [string, number][] = [
        ['CP-first, exact', exact],
        [
          'CP-first, noisy estimates',
          simulateWith(
            graph,
            workers,
            duration,
            cpBy((t) => noisy.get(t.id)!),
          ),
        ],
        [
          'CP-first, no estimates',
          simulateWith(
            graph,
            workers,
            duration,
            cpBy(() => 1),
          ),
        ],
        ['FIFO list', simulateWith(graph, workers, duration, (a, b) => position.get(a)! - position.get(b)!)],
        ['barriers', scheduleWithBarriers(graph, { maxParallel: workers, duration }).makespan],
      ];
      for (const [policy, makespan] of results) {
        perRow.get(policy)!.push(makespan / bound);
        byPolicy.get(policy)!.push(makespan / bound);
      }
    }
  }
  estimateRows.push([String(workers), ...policies.map((p) => mean(perRow.get(p)!).toFixed(3))]);
}
const estimateHeader = ['workers', ...policies];
const estimateWidths = estimateHeader.map((h, i) =>
  Math.max(h.length, ...estimateRows.map((r) => r[i]!.length)),
);
const estimateLine = (cells: readonly string[]) =>
  `| ${cells.map((c, i) => c.padStart(estimateWidths[i]!)).join(' | ')} |`;
console.log(
  `\nmakespan / lower bound with true durations, order from what is known; ${Math.ceil(trials / 2)} DAGs per task count (10–200) per row\n`,
);
console.log(estimateLine(estimateHeader));
console.log(`|${estimateWidths.map((w) => `${'-'.repeat(w + 1)}:`).join('|')}|`);
for (const row of estimateRows) console.log(estimateLine(row));
console.log(
  `\nmeans over 2–8 workers: ${policies.map((p) => `${p} ${mean(byPolicy.get(p)!).toFixed(3)}`).join(', ')}` +
    `\n(simulator checked against scheduleTasks on ${checked} plans)`,
);
