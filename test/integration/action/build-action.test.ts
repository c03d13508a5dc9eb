import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-repo.js';

const node = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });

/** The files `entry` loads before its first statement runs: its static imports, transitively. */
function staticClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // esbuild writes static imports of chunks as `import … from "./chunks/x.js"` or `import "./x.js"`;
    // a lazily loaded chunk appears only as `import("./x.js")`, which this does not follow.
    for (const m of text.matchAll(/^(?:import|export)\b[^;]*?["'](\.{1,2}\/[^"']+\.js)["'];?$/gm))
      if (m[1]) visit(join(dirname(file), m[1]));
  };
  visit(entry);
  return [...seen];
}

/** esbuild names every bundled module in a comment; the packages named in `files`. */
function bundledPackages(files: string[]): Set<string> {
  const names = files.flatMap((file) =>
    [
      ...readFileSync(file, 'utf8').matchAll(
        /^\/\/ node_modules\/(?:.*\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//gm,
      ),
    ].map((m) => m[1] ?? ''),
  );
  return new Set(names);
}

// The Action's build (scripts/build-action.mjs) into a temp directory; dist/ itself is compared
// with a fresh build by scripts/check-dist.mjs in CI, not here (see its header).
describe('the Action bundle', () => {
  const out = tempDir();
  let build: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    build = node(['scripts/build-action.mjs', '--outdir', out.path]);
  }, 120_000);
  afterAll(() => out.dispose());

  const chunks = () => readdirSync(join(out.path, 'chunks')).map((name) => join(out.path, 'chunks', name));

  it('builds the two entries, their chunks, their licences and the ESM marker', () => {
    expect(build.status, String(build.stderr)).toBe(0);
    expect(statSync(join(out.path, 'index.js')).size).toBeGreaterThan(2_000);
    expect(chunks().length).toBeGreaterThan(3);
    expect(readFileSync(join(out.path, 'package.json'), 'utf8')).toBe('{ "type": "module" }\n');
  });

  it('never bundles the App framework', () => {
    for (const file of [join(out.path, 'index.js'), ...chunks()]) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/node_modules\/probot\//);
      expect(text, file).not.toContain('createProbot');
    }
  });

  it('loads the tokenizer, the AI SDK and Octokit only in lazily imported chunks, not before the first line', () => {
    const eager = staticClosure(join(out.path, 'index.js'));
    const eagerPackages = bundledPackages(eager);
    expect(eagerPackages).toContain('@actions/core');
    for (const heavy of ['gpt-tokenizer', 'ai', '@ai-sdk/provider-utils', '@octokit/core', 'simple-git'])
      expect(eagerPackages, heavy).not.toContain(heavy);
    // They are still in the bundle, a dynamic import away.
    const lazyPackages = bundledPackages(chunks().filter((file) => !eager.includes(file)));
    for (const heavy of ['gpt-tokenizer', 'ai', '@octokit/core', 'simple-git'])
      expect(lazyPackages, heavy).toContain(heavy);
    expect(readFileSync(join(out.path, 'index.js'), 'utf8')).toMatch(
      /import\("\.\/chunks\/act-[A-Z0-9]+\.js"\)/,
    );
  });

  it('keeps @actions/core and its HTTP client out of the post step', () => {
    const files = staticClosure(join(out.path, 'post.js'));
    const post = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(post).not.toMatch(/node_modules\/@actions\//);
    expect(post).not.toContain('undici');
    expect(post.length).toBeLessThan(20_000);
  });

  it('ships every bundled package’s licence text in licenses.txt', () => {
    const licenses = readFileSync(join(out.path, 'licenses.txt'), 'utf8');
    // Every package in the entries and every chunk has an entry.
    const bundled = bundledPackages([join(out.path, 'index.js'), join(out.path, 'post.js'), ...chunks()]);
    expect(bundled.size).toBeGreaterThan(20);
    for (const name of bundled) expect(licenses, name).toMatch(new RegExp(`^${name}@\\d[^\\n]*\\n`, 'm'));
    expect(licenses).toMatch(/^@actions\/core@[\d.]+\nMIT\nThe MIT License/m);
    expect(licenses).toContain('Permission is hereby granted, free of charge');
  });

  it('check-dist accepts an identical dist/ and names the file that differs otherwise', () => {
    const copy = tempDir();
    try {
      cpSync(out.path, copy.path, { recursive: true });
      const same = node(['scripts/check-dist.mjs', '--dist', copy.path]);
      expect(same.status, same.stderr).toBe(0);
      writeFileSync(join(copy.path, 'post.js'), '// edited by hand\n', { flag: 'a' });
      const stale = node(['scripts/check-dist.mjs', '--dist', copy.path]);
      expect(stale.status).toBe(1);
      expect(stale.stderr).toContain(
        'dist/ is stale: post.js not what a fresh build makes; run `npm run build`',
      );
      cpSync(out.path, copy.path, { recursive: true });
      // A chunk left over from an older build, and a chunk missing from the commit, are both stale.
      writeFileSync(join(copy.path, 'chunks', 'wiring-OLDBUILD.js'), 'export {};\n');
      const extra = node(['scripts/check-dist.mjs', '--dist', copy.path]);
      expect(extra.status).toBe(1);
      expect(extra.stderr).toContain(
        'dist/ is stale: chunks/wiring-OLDBUILD.js not what a fresh build makes',
      );
      rmSync(join(copy.path, 'chunks', 'wiring-OLDBUILD.js'));
      const [chunk] = readdirSync(join(copy.path, 'chunks')).sort();
      rmSync(join(copy.path, 'chunks', chunk ?? ''));
      const missing = node(['scripts/check-dist.mjs', '--dist', copy.path]);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain(`dist/ is stale: chunks/${chunk} not what a fresh build makes`);
    } finally {
      copy.dispose();
    }
  }, 120_000);
});
