/**
 * Scheduling benchmark (docs: design benchmarks §4). Random task DAGs, heavy-tailed durations,
 * 1–8 workers: makespan divided by the lower bound `max(critical path, total work / workers)`,
 * for critical-path-first list scheduling (what Maestro runs) and a barrier per `[P:Group-k]`
 * level (the seed's model). Deterministic: a seeded PRNG, so runs are comparable.
 *
 *   npm run bench:schedule [-- --trials 200 --seed 42]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { scheduleTasks, scheduleWithBarriers } from '../src/core/tasks/schedule-tasks.js';
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
