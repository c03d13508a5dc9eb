// Bundles the CLI: src/cli/entry.ts → lib/bundle/maestro.js (what bin/maestro.js runs), each
// command's code in lib/bundle/chunks/, loaded when that command runs. Part of `npm run build:cli`
// (after tsc, which still builds lib/ for the App and the analysis threads).
//
// Why: a warm `maestro context` loaded ~65 modules one by one (resolve, read, compile each); the
// ESM loader's per-module work was a third of the run. One entry and a few chunks cost a fraction.
//
// What stays outside the bundle:
// - packages not on the hot path (the AI SDK, simple-git, marked, …): imported from node_modules as
//   before, so a package that reads its own files keeps working; only `BUNDLED` packages are inlined;
// - the analysis pool: its threads start `analysis-worker.js` beside the pool's own module, so the
//   pool is imported from lib/adapters/local/ (tsc's output), where that worker is. It imports only
//   Node built-ins, so no module of the bundle is loaded twice.
// Plain .mjs so it runs on bare Node.
import { rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir <dir>` builds elsewhere (a test runs the bundle from a temporary package).
const at = process.argv.indexOf('--outdir');
const outdir = resolve(at > 0 && process.argv[at + 1] ? process.argv[at + 1] : join(root, 'lib', 'bundle'));
/** Small, pure-JavaScript packages that `context` and `--help` load. */
const BUNDLED = new Set(['commander', 'smol-toml']);
const POOL = join(root, 'src', 'adapters', 'local', 'analysis-pool.ts');
/** From lib/bundle/chunks/ (where every importer of the pool lands: it is only reached by `import()`). */
const POOL_FROM_CHUNKS = '../../adapters/local/analysis-pool.js';

// Bundled CommonJS (commander) calls `require` for Node built-ins; an ES module has none.
const banner = [
  "import { createRequire as __maestroCreateRequire } from 'node:module';",
  'const require = __maestroCreateRequire(import.meta.url);',
].join('\n');

/** Packages outside `BUNDLED` and the analysis pool are left as imports. */
const outside = {
  name: 'outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const name = args.path.startsWith('@')
        ? args.path.split('/').slice(0, 2).join('/')
        : args.path.split('/')[0];
      return BUNDLED.has(name) ? undefined : { path: args.path, external: true };
    });
    b.onResolve({ filter: /analysis-pool\.js$/ }, (args) => {
      const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      return target === POOL ? { path: POOL_FROM_CHUNKS, external: true } : undefined;
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { maestro: 'src/cli/entry.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: banner },
  plugins: [outside],
  // Whitespace and syntax only: less source for V8 to parse on every run (the bundle's code is
  // compiled afresh each time), identifiers kept so stack traces still name functions.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
});

// The pool's relative import is right only from chunks/: refuse a bundle where it landed elsewhere.
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  const importsPool = output.imports.some((i) => i.path === POOL_FROM_CHUNKS);
  if (importsPool && dirname(resolve(root, file)) !== join(outdir, 'chunks')) {
    process.stderr.write(`${file} imports the analysis pool but is not in ${join(outdir, 'chunks')}\n`);
    process.exit(1);
  }
}
// The App's framework has no business in the CLI.
const forbidden = Object.keys(result.metafile.inputs).filter((p) => p.includes(`node_modules${sep}probot`));
if (forbidden.length > 0) {
  process.stderr.write(`the CLI bundle must not include probot; imported via ${forbidden[0]}\n`);
  process.exit(1);
}
const entry = result.metafile.outputs[relative(root, join(outdir, 'maestro.js'))];
if (!entry) throw new Error(`esbuild reported no ${join(outdir, 'maestro.js')}`);
process.stdout.write(
  `${relative(root, join(outdir, 'maestro.js'))} ${(entry.bytes / 1024).toFixed(0)} KiB + ${Object.keys(result.metafile.outputs).length - 1} chunks\n`,
);
