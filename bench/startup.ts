/**
 * Start-up, side by side, as whole processes interleaved in one run:
 *
 *   - `maestro --help` (the compiled CLI) next to `repomix --help` (a CLI of similar reach);
 *   - the Action's bundle, built from the tree into a temp directory with scripts/build-action.mjs
 *     (dist/ is not touched), to its first byte on stdout, next to a bundle of only
 *     `@actions/core` printing one line (built with esbuild in the same temp directory). Both run
 *     with an empty runner environment, so the Action prints its first line (and fails the step)
 *     as soon as it has validated the environment.
 *
 *   npm run bench:startup [-- --runs 9] [-- --quick]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { ensureCli, projectRoot, repomixBin } from './support/build-cli.js';
import {
  formatMb,
  formatMs,
  formatRatio,
  interleave,
  pairwiseRatio,
  quickMode,
  type Sample,
  spread,
  table,
  verdict,
} from './support/measure-process.js';

/** An empty runner environment: only PATH, so nothing of this machine's shell leaks in. */
const BARE_ENV = Object.fromEntries(Object.keys(process.env).map((k) => [k, undefined]));

async function buildBundles(
  dir: string,
): Promise<{ action: string; peer: string; actionKb: number; chunksKb: number }> {
  const built = spawnSync(process.execPath, ['scripts/build-action.mjs', '--outdir', join(dir, 'action')], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`building the Action failed: ${built.stderr}`);
  const entry = join(dir, 'peer.mjs');
  writeFileSync(
    entry,
    "import * as core from '@actions/core';\ncore.info('started');\ncore.setFailed('no runner');\n",
  );
  await build({
    entryPoints: [entry],
    outfile: join(dir, 'peer', 'index.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    nodePaths: [join(projectRoot, 'node_modules')],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const action = join(dir, 'action', 'index.js');
  // The entry loads the engine, the AI SDK and the tokenizer lazily, from chunks beside it.
  const chunks = join(dir, 'action', 'chunks');
  const chunksKb = readdirSync(chunks).reduce((kb, name) => kb + statSync(join(chunks, name)).size / 1024, 0);
  return { action, peer: join(dir, 'peer', 'index.mjs'), actionKb: statSync(action).size / 1024, chunksKb };
}

export async function runStartupBench(runs: number): Promise<string> {
  const cli = ensureCli();
  const dir = mkdtempSync(join(tmpdir(), 'maestro-bench-startup-'));
  try {
    const bundles = await buildBundles(dir);
    const help = await interleave(
      [
        { name: 'maestro --help', command: process.execPath, args: [cli, '--help'] },
        { name: 'repomix --help', command: process.execPath, args: [repomixBin(), '--help'] },
        // The floor: Node itself starting and exiting, on this machine at this moment.
        { name: 'node -e 0', command: process.execPath, args: ['-e', '0'] },
      ],
      runs,
    );
    const bare = { ...BARE_ENV, PATH: process.env.PATH };
    const action = await interleave(
      [
        {
          name: 'action',
          command: process.execPath,
          args: [bundles.action],
          env: bare,
          cwd: dir,
          okCodes: [1],
        },
        {
          name: 'core only',
          command: process.execPath,
          args: [bundles.peer],
          env: bare,
          cwd: dir,
          okCodes: [1],
        },
      ],
      runs,
    );
    const wall = (s: Sample[]) => s.map((x) => x.ms);
    const first = (s: Sample[]) => s.map((x) => x.firstOutputMs ?? Number.NaN);
    const m = help.get('maestro --help')!;
    const r = help.get('repomix --help')!;
    const floor = help.get('node -e 0')!;
    const a = action.get('action')!;
    const c = action.get('core only')!;
    const rows = [
      [
        '`maestro --help`',
        formatMs(spread(wall(m))),
        'repomix --help',
        formatMs(spread(wall(r))),
        formatRatio(pairwiseRatio(wall(m), wall(r))),
        formatMb(m.map((x) => x.peakRssMb)),
      ],
      [
        '(floor) `node -e 0`',
        formatMs(spread(wall(floor))),
        '',
        '',
        formatRatio(pairwiseRatio(wall(m), wall(floor))),
        formatMb(floor.map((x) => x.peakRssMb)),
      ],
      [
        `Action bundle (index.js ${Math.round(bundles.actionKb)} KiB + lazy chunks ${Math.round(bundles.chunksKb)} KiB) to first output`,
        formatMs(spread(first(a))),
        '@actions/core only',
        formatMs(spread(first(c))),
        formatRatio(pairwiseRatio(first(a), first(c))),
        formatMb(a.map((x) => x.peakRssMb)),
      ],
    ];
    return [
      `Start-up — whole processes, ${runs} interleaved repetitions\n`,
      table(
        [
          'measure',
          'Maestro: median (min–max)',
          'peer',
          'peer: median (min–max)',
          'ratio (pairwise)',
          'peak RSS',
        ],
        rows,
      ),
      '',
      verdict('maestro --help', spread(wall(m)).median, 150, ' ms'),
      verdict('Action first output', spread(first(a)).median, 100, ' ms'),
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, quick: { type: 'boolean' } } });
  console.log(await runStartupBench(Number(values.runs ?? (quickMode() ? 5 : 9))));
}
