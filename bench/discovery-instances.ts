/**
 * Discovery benchmark (docs: /work/shared/design/benchmarks.md §1): file localisation on issues
 * with known fixes. For each instance the base commit is checked out into a temp dir (a shared
 * clone; the source repository is never touched), `discover` runs exactly as planning runs it —
 * once cold (empty cache) and once warm — and the same metrics are computed for plain BM25.
 *
 *   npm run bench:discovery-instances -- --instances FILE.jsonl --repos DIR [--budgets 13000,27000,50000] [--out FILE.json]
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { GitRepositoryReader, materializeCommit } from '../src/adapters/git/git-repository-reader.js';
import { fsCacheStore } from '../src/adapters/local/fs-cache-store.js';
import { discover } from '../src/discovery/discover.js';

interface Instance {
  instance_id: string;
  repo: string;
  base_commit: string;
  problem_statement: string;
  gold_files: string[];
}

type Method = 'fusion' | 'bm25';
const METHODS: Method[] = ['fusion', 'bm25'];
const KS = [1, 3, 5, 10] as const;

interface InstanceResult {
  id: string;
  named: boolean;
  coldMs: number;
  warmMs: number;
  /** method → budget → all gold files packed */
  allGold: Record<Method, Record<number, boolean>>;
  /** method → rank (1-based) of the worst-ranked gold file; Infinity when one is missing */
  worstRank: Record<Method, number>;
}

export interface MetricRow {
  method: Method;
  stratum: 'all' | 'names file' | 'does not';
  n: number;
  allGold: Record<string, number>;
  acc: Record<string, number>;
}

export interface BenchReport {
  instances: number;
  budgets: number[];
  rows: MetricRow[];
  timing: { coldMedianMs: number; warmMedianMs: number };
  perInstance: InstanceResult[];
}

export async function runDiscoveryBench(options: {
  instances: string;
  repos: string;
  budgets: number[];
}): Promise<BenchReport> {
  const instances = (await readFile(options.instances, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Instance);
  const results: InstanceResult[] = [];
  for (const instance of instances) results.push(await runInstance(instance, options.repos, options.budgets));
  const rows: MetricRow[] = [];
  for (const method of METHODS) {
    for (const stratum of ['all', 'names file', 'does not'] as const) {
      const subset = results.filter((r) => stratum === 'all' || r.named === (stratum === 'names file'));
      rows.push({
        method,
        stratum,
        n: subset.length,
        allGold: Object.fromEntries(
          options.budgets.map((b) => [b, share(subset, (r) => r.allGold[method][b] === true)]),
        ),
        acc: Object.fromEntries(KS.map((k) => [k, share(subset, (r) => r.worstRank[method] <= k)])),
      });
    }
  }
  return {
    instances: results.length,
    budgets: options.budgets,
    rows,
    timing: {
      coldMedianMs: median(results.map((r) => r.coldMs)),
      warmMedianMs: median(results.map((r) => r.warmMs)),
    },
    perInstance: results,
  };
}

async function runInstance(instance: Instance, reposDir: string, budgets: number[]): Promise<InstanceResult> {
  const source = [join(reposDir, instance.repo.replace('/', '+')), join(reposDir, instance.repo)].find((p) =>
    existsSync(p),
  );
  if (!source)
    throw new Error(`${instance.instance_id}: repository ${instance.repo} not found under ${reposDir}`);
  const work = await mkdtemp(join(tmpdir(), 'maestro-bench-'));
  try {
    const checkout = join(work, 'repo');
    await materializeCommit(source, instance.base_commit, checkout);
    const repo = await GitRepositoryReader.open(checkout);
    const cache = fsCacheStore(join(work, 'cache'));
    const [firstLine = '', ...rest] = instance.problem_statement.split('\n');
    const issue = { title: firstLine.trim(), body: rest.join('\n').trim() };
    const run = (budgetTokens: number, ranking: Method) =>
      discover({ repo, cache, issue, budgetTokens, topN: 1000, ranking });
    let started = performance.now();
    await run(budgets[0]!, 'fusion');
    const coldMs = performance.now() - started;
    started = performance.now();
    await run(budgets[0]!, 'fusion');
    const warmMs = performance.now() - started;
    const gold = instance.gold_files;
    const allGold = { fusion: {}, bm25: {} } as InstanceResult['allGold'];
    const worstRank = { fusion: Number.POSITIVE_INFINITY, bm25: Number.POSITIVE_INFINITY };
    for (const method of METHODS) {
      for (const budget of budgets) {
        const result = await run(budget, method);
        const included = new Set(result.ranked.filter((f) => f.included).map((f) => f.path));
        allGold[method][budget] = gold.every((g) => included.has(g));
        const ranks = gold.map((g) => result.ranked.findIndex((f) => f.path === g) + 1);
        worstRank[method] = ranks.some((r) => r === 0) ? Number.POSITIVE_INFINITY : Math.max(...ranks);
      }
    }
    return { id: instance.instance_id, named: namesGoldFile(instance), coldMs, warmMs, allGold, worstRank };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The stratum: does the issue text name (by path or file name) at least one gold file? */
function namesGoldFile(instance: Instance): boolean {
  return instance.gold_files.some((g) => instance.problem_statement.includes(g.split('/').pop()!));
}

function share<T>(items: readonly T[], test: (item: T) => boolean): number {
  return items.length ? items.filter(test).length / items.length : 0;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return Math.round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function formatReport(report: BenchReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const head = [
    'method'.padEnd(7),
    'stratum'.padEnd(11),
    'n'.padStart(4),
    ...report.budgets.map((b) => `gold@${Math.round(b / 1000)}k`.padStart(9)),
    ...KS.map((k) => `Acc@${k}`.padStart(7)),
  ].join(' ');
  const lines = [`Discovery — ${report.instances} instance(s)`, head, '-'.repeat(head.length)];
  for (const row of report.rows) {
    lines.push(
      [
        row.method.padEnd(7),
        row.stratum.padEnd(11),
        String(row.n).padStart(4),
        ...report.budgets.map((b) => pct(row.allGold[b] ?? 0).padStart(9)),
        ...KS.map((k) => pct(row.acc[k] ?? 0)),
      ].join(' '),
    );
  }
  lines.push(
    `median per instance: cold ${report.timing.coldMedianMs} ms, warm ${report.timing.warmMedianMs} ms`,
  );
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      instances: { type: 'string' },
      repos: { type: 'string' },
      budgets: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (!values.instances || !values.repos) {
    console.error(
      'usage: npm run bench:discovery-instances -- --instances FILE.jsonl --repos DIR [--budgets 13000,27000,50000] [--out FILE.json]',
    );
    process.exitCode = 1;
    return;
  }
  const budgets = (values.budgets ?? '13000,27000,50000').split(',').map(Number);
  if (budgets.some((b) => !Number.isInteger(b) || b <= 0))
    throw new Error('--budgets must be positive integers, e.g. 13000,27000');
  const report = await runDiscoveryBench({ instances: values.instances, repos: values.repos, budgets });
  console.log(formatReport(report));
  if (values.out) await writeFile(values.out, `${JSON.stringify(report, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
