import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-repo.js';

const node = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });

// The Action's build (scripts/build-action.mjs) into a temp directory; dist/ itself is compared
// with a fresh build by scripts/check-dist.mjs in CI, not here (see its header).
describe('the Action bundle', () => {
  const out = tempDir();
  let build: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    build = node(['scripts/build-action.mjs', '--outdir', out.path]);
  }, 120_000);
  afterAll(() => out.dispose());

  it('builds the two entries, their licences and the ESM marker', () => {
    expect(build.status, String(build.stderr)).toBe(0);
    expect(statSync(join(out.path, 'index.js')).size).toBeGreaterThan(100_000);
    expect(readFileSync(join(out.path, 'package.json'), 'utf8')).toBe('{ "type": "module" }\n');
  });

  it('never bundles the App framework', () => {
    const index = readFileSync(join(out.path, 'index.js'), 'utf8');
    expect(index).not.toMatch(/node_modules\/probot\//);
    expect(index).not.toContain('createProbot');
  });

  it('keeps @actions/core and its HTTP client out of the post step', () => {
    const post = readFileSync(join(out.path, 'post.js'), 'utf8');
    expect(post).not.toMatch(/node_modules\/@actions\//);
    expect(post).not.toContain('undici');
    expect(post.length).toBeLessThan(20_000);
  });

  it('ships every bundled package’s licence text in licenses.txt', () => {
    const licenses = readFileSync(join(out.path, 'licenses.txt'), 'utf8');
    const index = readFileSync(join(out.path, 'index.js'), 'utf8');
    // esbuild names each bundled module in a comment; every package among them has an entry.
    const bundled = new Set(
      [...index.matchAll(/^\/\/ node_modules\/(?:.*\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//gm)].map(
        (m) => m[1],
      ),
    );
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
    } finally {
      copy.dispose();
    }
  }, 120_000);
});
