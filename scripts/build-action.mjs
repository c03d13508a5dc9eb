// Bundles the GitHub Action: src/action/run.ts → dist/index.js, src/action/post.ts → dist/post.js.
// `npm run build`; `node scripts/build-action.mjs --outdir <dir>` builds elsewhere (the freshness
// test and CI compare that with the committed dist/). Plain .mjs so it runs on bare Node 20.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--outdir');
const outdir = resolve(root, at > 0 && process.argv[at + 1] ? process.argv[at + 1] : 'dist');

// Bundled CommonJS dependencies call `require` for Node built-ins; an ES module has none, so give
// the bundle one. Fixed text, so the output stays byte-for-byte reproducible.
const banner = [
  "import { createRequire as __maestroCreateRequire } from 'node:module';",
  'const require = __maestroCreateRequire(import.meta.url);',
].join('\n');

// Start from an empty directory so a removed entry never lingers in the committed dist/.
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/action/run.ts', post: 'src/action/post.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  banner: { js: banner },
  // Readable diffs in review: no minification, no source maps, no license comment blocks.
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
});

// The App's framework has no business in the Action; a stray import would pull in a web server.
const forbidden = Object.keys(result.metafile.inputs).filter((path) => /node_modules\/probot\//.test(path));
if (forbidden.length > 0) {
  process.stderr.write(`the Action bundle must not include probot; imported via:\n  ${forbidden[0]}\n`);
  process.exit(1);
}

// dist/ stays ES modules even when copied without the repository's package.json.
await writeFile(join(outdir, 'package.json'), '{ "type": "module" }\n');

for (const [file, output] of Object.entries(result.metafile.outputs)) {
  process.stdout.write(`${file}  ${(output.bytes / 1024).toFixed(0)} KiB\n`);
}
