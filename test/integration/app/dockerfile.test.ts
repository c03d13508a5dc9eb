import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The image cannot be built here (no Docker daemon in CI), so its promises are read from the
 * Dockerfile, and the HEALTHCHECK's own command is run against a live and a dead port.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dockerfile = readFileSync(`${root}Dockerfile`, 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions per stage: comments dropped, `\` continuations joined (the Dockerfile reference's rules). */
function stages(text: string): Instruction[][] {
  const joined = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const result: Instruction[][] = [];
  for (const line of joined.split('\n')) {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const instruction = { keyword: match[1]!.toUpperCase(), args: match[2]!.trim() };
    if (instruction.keyword === 'FROM') result.push([]);
    result.at(-1)!.push(instruction);
  }
  return result;
}

const all = stages(dockerfile);
const final = all.at(-1)!;
const build = all[0]!;
const args = (stage: Instruction[], keyword: string) =>
  stage.filter((i) => i.keyword === keyword).map((i) => i.args);

describe('Dockerfile', () => {
  it('runs on node 24 slim in both stages', () => {
    expect(all).toHaveLength(2);
    expect(args(build, 'FROM')).toEqual(['node:24-slim AS build']);
    expect(args(final, 'FROM')).toEqual(['node:24-slim']);
  });

  it('compiles lib/ in the build stage and installs only production dependencies in the image', () => {
    expect(args(build, 'RUN')).toContain('npx tsc -p tsconfig.build.json');
    expect(args(final, 'RUN')).toContainEqual(
      expect.stringMatching(/\bnpm ci --omit=dev --ignore-scripts\b/),
    );
    expect(args(final, 'COPY')).toContain('--from=build /app/lib ./lib');
    // No source, no dev tooling in the image.
    expect(args(final, 'COPY').some((a) => /\bsrc\b/.test(a))).toBe(false);
  });

  it('drops root before the process starts and starts node itself (SIGTERM reaches it)', () => {
    const users = final.filter((i) => i.keyword === 'USER');
    expect(users.map((u) => u.args)).toEqual(['node']);
    const userAt = final.indexOf(users[0]!);
    const cmdAt = final.findIndex((i) => i.keyword === 'CMD');
    expect(userAt).toBeLessThan(cmdAt);
    expect(JSON.parse(final[cmdAt]!.args)).toEqual(['node', 'lib/app/server.js']);
    expect(args(final, 'ENV').join(' ')).toMatch(/\bHOST=0\.0\.0\.0\b/);
  });

  it('has a HEALTHCHECK whose command succeeds on /healthz and fails when nothing answers', async () => {
    const [healthcheck] = args(final, 'HEALTHCHECK');
    expect(healthcheck).toBeDefined();
    const exec = JSON.parse(healthcheck!.slice(healthcheck!.indexOf('CMD') + 3).trim()) as string[];
    expect(exec.slice(0, 2)).toEqual(['node', '-e']);

    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(req.url === '/healthz' ? 200 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // The command as Docker runs it (exec form), in a process of its own.
    const probe = (p: number) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, exec.slice(1), {
          env: { PATH: process.env.PATH, PORT: String(p) },
        });
        child.once('exit', (code) => resolve(code));
      });
    const live = await probe(port);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(live).toBe(0);
    expect(paths).toEqual(['/healthz']);
    expect(await probe(port)).toBe(1);
  });
});

describe('the image with --omit=dev', () => {
  it('has every package the App imports at run time: none of them is a devDependency', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [`${root}src/app/server.ts`],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const imported = new Set(
      Object.values(result.metafile.inputs)
        .flatMap((input) => input.imports)
        .filter((i) => i.external && !i.path.startsWith('node:'))
        .map((i) =>
          (i.path.startsWith('@') ? i.path.split('/').slice(0, 2) : i.path.split('/').slice(0, 1)).join('/'),
        ),
    );
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(imported.size).toBeGreaterThan(5);
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });
});

describe('.dockerignore', () => {
  it('keeps secrets, local state and build output out of the build context', () => {
    const ignored = readFileSync(`${root}.dockerignore`, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of ['node_modules', 'lib', '.env', '.env.*', '.git', '.maestro'])
      expect(ignored).toContain(entry);
  });
});
