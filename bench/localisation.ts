/**
 * Localisation benchmark (issue 14): one small repository per ranking defect seen on real issues,
 * plus controls (bench/fixtures/localisation/). Each case is written to a real git repository and
 * `discover` runs exactly as planning runs it, for fusion and for a plain BM25 over source files in
 * the same run. Printed per method: Acc@1/3/5/10 (every gold file within the top k) and all-gold at
 * 13k/27k/50k tokens counted two ways — a gold file packed whole or as an excerpt, and whole files
 * only (as the SWE-bench paper counts). Fusion is also run cold and warm: the order must not change.
 *
 *   npm run bench:localisation [-- --json FILE] [-- --case ID]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { GitRepositoryReader } from '../src/adapters/git/git-repository-reader.js';
import { fsCacheStore } from '../src/adapters/local/fs-cache-store.js';
import { type DiscoveryResult, discover } from '../src/discovery/discover.js';
import { BASE_REPO, type Files } from './fixtures/localisation/base-repo.js';
import { CASES, type LocalisationCase } from './fixtures/localisation/cases.js';
import { fillerFiles } from './fixtures/localisation/filler.js';

type Method = 'fusion' | 'bm25';
const METHODS: Method[] = ['fusion', 'bm25'];
const KS = [1, 3, 5, 10] as const;
export const BUDGETS = [13_000, 27_000, 50_000] as const;

export interface CaseResult {
  id: string;
  defect: string;
  /** method → rank (1-based) of the worst-ranked gold file; Infinity when one is not ranked. */
  worstRank: Record<Method, number>;
  /** method → budget → every gold file packed (whole or excerpt). */
  packed: Record<Method, Record<number, boolean>>;
  /** method → budget → every gold file packed whole. */
  whole: Record<Method, Record<number, boolean>>;
  /** Fusion gave the same order cold (empty cache) and warm. */
  deterministic: boolean;
  /** Why fusion excerpted a gold file at the middle budget, when it did. */
  excerptWhy: string[];
}

export interface LocalisationReport {
  cases: CaseResult[];
  rows: {
    method: Method;
    acc: Record<number, number>;
    packed: Record<number, number>;
    whole: Record<number, number>;
  }[];
}

function git(cwd: string, args: string[]): void {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
}

/** Writes the case's repository (base + filler + the case's files) and commits it. */
export function writeCaseRepo(dir: string, c: LocalisationCase): void {
  const files: Files = { ...BASE_REPO, ...fillerFiles(), ...c.files };
  mkdirSync(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'add', '-A']);
  git(dir, [
    '-c',
    'user.email=bench@example.com',
    '-c',
    'user.name=bench',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-q',
    '-m',
    'base',
  ]);
}

async function runCase(c: LocalisationCase): Promise<CaseResult> {
  const work = mkdtempSync(join(tmpdir(), 'maestro-localisation-'));
  try {
    writeCaseRepo(join(work, 'repo'), c);
    const repo = await GitRepositoryReader.open(join(work, 'repo'));
    const cache = fsCacheStore(join(work, 'cache'));
    const run = (budgetTokens: number, ranking: Method): Promise<DiscoveryResult> =>
      discover({ repo, cache, issue: c.issue, budgetTokens, topN: 1000, ranking });
    const order = (r: DiscoveryResult) => r.ranked.map((f) => f.path).join('\n');
    const cold = order(await run(BUDGETS[1], 'fusion'));
    const warm = order(await run(BUDGETS[1], 'fusion'));
    const result: CaseResult = {
      id: c.id,
      defect: c.defect,
      worstRank: { fusion: Number.POSITIVE_INFINITY, bm25: Number.POSITIVE_INFINITY },
      packed: { fusion: {}, bm25: {} },
      whole: { fusion: {}, bm25: {} },
      deterministic: cold === warm,
      excerptWhy: [],
    };
    for (const method of METHODS) {
      for (const budget of BUDGETS) {
        const r = await run(budget, method);
        const gold = c.gold.map((g) => r.ranked.find((f) => f.path === g));
        // An excerpt counts as packed only when it shows the code the issue is about.
        const shows = !c.mustShow || r.context.text.includes(c.mustShow);
        result.packed[method][budget] = gold.every((f) => f?.included === true && (!f.excerpt || shows));
        result.whole[method][budget] = gold.every((f) => f?.included === true && !f.excerpt);
        const ranks = c.gold.map((g) => r.ranked.findIndex((f) => f.path === g) + 1);
        result.worstRank[method] = ranks.some((x) => x === 0) ? Number.POSITIVE_INFINITY : Math.max(...ranks);
        if (method === 'fusion' && budget === BUDGETS[1])
          for (const f of gold)
            if (f?.excerpt)
              result.excerptWhy.push(
                `${f.path}: ${excerptReason(f.reasons)}${c.mustShow ? `; shows \`${c.mustShow}\`: ${shows}` : ''}`,
              );
      }
    }
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function excerptReason(reasons: readonly string[]): string {
  return reasons.find((r) => r.startsWith('excerpt')) ?? 'excerpt';
}

export async function runLocalisationBench(only?: string): Promise<LocalisationReport> {
  const cases: CaseResult[] = [];
  for (const c of CASES) if (!only || c.id === only) cases.push(await runCase(c));
  const share = (test: (r: CaseResult) => boolean) =>
    cases.length ? cases.filter(test).length / cases.length : 0;
  const rows = METHODS.map((method) => ({
    method,
    acc: Object.fromEntries(KS.map((k) => [k, share((r) => r.worstRank[method] <= k)])),
    packed: Object.fromEntries(BUDGETS.map((b) => [b, share((r) => r.packed[method][b] === true)])),
    whole: Object.fromEntries(BUDGETS.map((b) => [b, share((r) => r.whole[method][b] === true)])),
  }));
  return { cases, rows };
}

export function formatLocalisation(report: LocalisationReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  const k = (b: number) => `${Math.round(b / 1000)}k`;
  const head = [
    'method'.padEnd(7),
    ...KS.map((n) => `Acc@${n}`.padStart(7)),
    ...BUDGETS.map((b) => `gold@${k(b)} packed/whole`.padStart(24)),
  ].join(' ');
  const lines = [
    `Localisation — ${report.cases.length} case(s); bm25 = plain BM25 over source files, same run`,
    head,
    '-'.repeat(head.length),
  ];
  for (const row of report.rows) {
    lines.push(
      [
        row.method.padEnd(7),
        ...KS.map((n) => pct(row.acc[n] ?? 0).padStart(7)),
        ...BUDGETS.map((b) => `${pct(row.packed[b] ?? 0)} / ${pct(row.whole[b] ?? 0)}`.padStart(24)),
      ].join(' '),
    );
  }
  lines.push('', 'worst gold rank per case (fusion / bm25), deterministic cold vs warm:');
  const rank = (n: number) => (Number.isFinite(n) ? String(n) : '—');
  for (const c of report.cases) {
    lines.push(
      `  ${c.id.padEnd(20)} ${rank(c.worstRank.fusion).padStart(3)} / ${rank(c.worstRank.bm25).padEnd(3)} ${c.deterministic ? 'same order' : 'ORDER CHANGED'}  ${c.defect}`,
    );
    for (const why of c.excerptWhy) lines.push(`      ${why}`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'string' }, case: { type: 'string' } } });
  const report = await runLocalisationBench(values.case);
  console.log(formatLocalisation(report));
  if (values.json) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
