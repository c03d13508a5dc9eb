/**
 * Discovery speed, side by side with repomix, as whole processes: `maestro context` (the compiled
 * CLI, start to exit) cold (empty cache directory) and warm (the cache of the previous run), and
 * `repomix` with its defaults packing the same repository, interleaved in one run. Printed: median
 * and min–max of each, of the pairwise ratios, and peak RSS; then the localisation quality
 * (Acc@k, all-gold@B) of the same build, so a speed-up that costs ranking shows here.
 *
 * Repositories are generated (no network on the benchmark machine): `sympy-like` (2,087 Python
 * files, ~10 MB, 20,000 commits) by default; `--scale` adds the 100k-file repository (Maestro
 * alone, for growth and memory, and one repomix run beside it).
 *
 *   npm run bench:discovery [-- --runs 5] [-- --scale] [-- --quick]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { pythonRepo, type RepoShape, SHAPES } from './fixtures/make-python-repo.js';
import { formatLocalisation, runLocalisationBench } from './localisation.js';
import { ensureCli, repomixBin } from './support/build-cli.js';
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

const ISSUE = `# Integral of a rational polynomial returns the wrong root

\`simplify\` of an integral over a rational polynomial with a symbol factor returns the wrong root;
the derivative of the result does not match the integrand. Seen in the series and limit helpers too.
`;

export interface DiscoveryFigures {
  repo: string;
  files: number;
  mb: number;
  commits: number;
  samples: Map<string, Sample[]>;
}

/** Maestro cold, Maestro warm and repomix on one repository, interleaved. */
export async function measureRepository(
  shape: RepoShape,
  runs: number,
  withRepomix: boolean,
): Promise<DiscoveryFigures> {
  const repo = pythonRepo(shape);
  const cli = ensureCli();
  const work = mkdtempSync(join(tmpdir(), 'maestro-bench-discovery-'));
  const issueFile = join(work, 'issue.md');
  writeFileSync(issueFile, ISSUE);
  const coldCache = join(work, 'cold-cache');
  const warmCache = join(work, 'warm-cache');
  const maestro = (name: string, cache: string, before?: () => void): Variant => ({
    name,
    command: process.execPath,
    args: [cli, 'context', '--issue-file', issueFile, '--repo', repo.dir, '--json'],
    env: { MAESTRO_CACHE_DIR: cache },
    ...(before ? { before } : {}),
  });
  const variants: Variant[] = [
    maestro('maestro cold', coldCache, () => rmSync(coldCache, { recursive: true, force: true })),
    maestro('maestro warm', warmCache),
  ];
  if (withRepomix) {
    variants.push({
      name: 'repomix',
      command: process.execPath,
      args: [repomixBin(), '--quiet', '--output', join(work, 'repomix-output.xml'), repo.dir],
      cwd: work,
    });
  }
  try {
    // The warm cache is filled once, untimed; every warm run then finds it.
    await interleave([maestro('fill', warmCache)], 1);
    const samples = await interleave(variants, runs, (v, s) =>
      process.stderr.write(`  ${shape.name} ${v.name}: ${Math.round(s.ms)} ms\n`),
    );
    return {
      repo: shape.name,
      files: repo.files,
      mb: repo.bytes / 1024 / 1024,
      commits: repo.commits,
      samples,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatDiscovery(figures: readonly DiscoveryFigures[]): string {
  const rows: string[][] = [];
  const checks: string[] = [];
  for (const f of figures) {
    const ms = (name: string) => (f.samples.get(name) ?? []).map((s) => s.ms);
    const rss = (name: string) => (f.samples.get(name) ?? []).map((s) => s.peakRssMb);
    const repomix = ms('repomix');
    for (const name of ['maestro cold', 'maestro warm', 'repomix']) {
      if (!f.samples.has(name)) continue;
      const ratio =
        name === 'repomix' || repomix.length === 0 ? 'n/a' : formatRatio(pairwiseRatio(ms(name), repomix));
      rows.push([
        `${f.repo} (${f.files} files, ${f.mb.toFixed(1)} MB, ${f.commits} commits)`,
        name,
        formatMs(spread(ms(name))),
        ratio,
        formatMb(rss(name)),
      ]);
    }
    if (repomix.length > 0) {
      checks.push(
        verdict(`${f.repo} cold ÷ repomix`, pairwiseRatio(ms('maestro cold'), repomix).median, 0.7, '×'),
      );
      checks.push(
        verdict(`${f.repo} warm ÷ repomix`, pairwiseRatio(ms('maestro warm'), repomix).median, 0.1, '×'),
      );
    }
    if (f.files < 5000) checks.push(verdict(`${f.repo} warm`, spread(ms('maestro warm')).median, 500, ' ms'));
    else {
      const peak = Math.max(
        ...rss('maestro cold')
          .concat(rss('maestro warm'))
          .map((x) => x ?? 0),
      );
      checks.push(verdict(`${f.repo} peak RSS`, peak, 400, ' MiB'));
    }
  }
  if (figures.length > 1) {
    const [small, large] = [figures[0]!, figures[figures.length - 1]!];
    for (const name of ['maestro cold', 'maestro warm']) {
      const per = (f: DiscoveryFigures) => spread(f.samples.get(name)!.map((s) => s.ms)).median / f.files;
      checks.push(
        `${name}: ${(per(small) * 1000).toFixed(0)} µs/file at ${small.files} files, ${(per(large) * 1000).toFixed(0)} µs/file at ${large.files} (linear or better when the second is not larger)`,
      );
    }
  }
  return [
    table(['repository', 'run', 'wall: median (min–max)', 'ratio to repomix (pairwise)', 'peak RSS'], rows),
    '',
    ...checks,
    `peak RSS from ${rssSource}; cold = empty MAESTRO_CACHE_DIR, warm = the cache a previous run left; repomix has no cache (defaults, --quiet, output to a file)`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string' }, scale: { type: 'boolean' }, quick: { type: 'boolean' } },
  });
  const runs = Number(values.runs ?? (quickMode() ? 3 : 5));
  const figures = [await measureRepository(SHAPES['sympy-like'], runs, true)];
  if (values.scale) figures.push(await measureRepository(SHAPES['files-100k'], quickMode() ? 1 : 2, true));
  console.log(`Discovery speed — whole processes, ${runs} interleaved repetitions\n`);
  console.log(formatDiscovery(figures));
  console.log('\nQuality of the same build (localisation fixtures):\n');
  console.log(formatLocalisation(await runLocalisationBench()));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
