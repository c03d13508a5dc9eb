// Bundles the GitHub Action: src/action/run.ts → dist/index.js, src/action/post.ts → dist/post.js,
// and dist/licenses.txt with the licence of every package bundled into them.
// `npm run build`; `node scripts/build-action.mjs --outdir <dir>` builds elsewhere (CI's
// scripts/check-dist.mjs compares that with the committed dist/). Plain .mjs so it runs on bare Node.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
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
  // The entry prints its first line before it loads the engine, the AI SDK and the tokenizer: the
  // runner's `import()`s of those become chunks beside index.js (dist/chunks/), loaded only when a
  // step has something to do. Content-hashed names keep the build reproducible for check-dist.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
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

// The post step runs three git commands; @actions/core would drag undici's HTTP client into it.
const post = result.metafile.outputs[relative(root, join(outdir, 'post.js'))];
if (!post) throw new Error('esbuild reported no dist/post.js output');
const postInputs = Object.keys(post.inputs);
const heavy = postInputs.filter((path) => /node_modules\/@actions\//.test(path));
if (heavy.length > 0) {
  process.stderr.write(`dist/post.js must not bundle @actions/*; imported via:\n  ${heavy[0]}\n`);
  process.exit(1);
}

await writeFile(join(outdir, 'licenses.txt'), await licenses(Object.keys(result.metafile.inputs)));

// dist/ stays ES modules even when copied without the repository's package.json.
await writeFile(join(outdir, 'package.json'), '{ "type": "module" }\n');

for (const [file, output] of Object.entries(result.metafile.outputs)) {
  process.stdout.write(`${file}  ${(output.bytes / 1024).toFixed(0)} KiB\n`);
}

/**
 * Every bundled package's name, version, licence and licence text, sorted by name — what the
 * MIT/BSD/ISC licences ask of a redistribution, and what typescript-action ships as licenses.txt.
 * A package is the directory after the last `node_modules/` of a bundled input.
 */
async function licenses(inputs) {
  const dirs = new Set();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) dirs.add(match[1]);
  }
  const entries = [];
  for (const dir of dirs) {
    const manifest = JSON.parse(await readFile(join(root, dir, 'package.json'), 'utf8'));
    const file = (await readdir(join(root, dir))).filter((name) => /^licen[cs]e/i.test(name)).sort()[0];
    const text = file
      ? (await readFile(join(root, dir, file), 'utf8')).replace(/\r\n?/g, '\n').trim()
      : `(the package ships no licence file; its package.json declares ${manifest.license ?? 'no licence'})`;
    entries.push({
      id: `${manifest.name}@${manifest.version}`,
      license: manifest.license ?? 'UNKNOWN',
      text,
    });
  }
  // Two copies of one version (nested node_modules) are one entry.
  const unique = [...new Map(entries.map((entry) => [entry.id, entry])).values()];
  unique.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return unique.map((entry) => `${entry.id}\n${entry.license}\n${entry.text}\n`).join('\n');
}
