import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { basicAuthHeader } from '../../../src/adapters/git/push-auth.js';
import { shallowCheckout } from '../../../src/adapters/git/shallow-checkout.js';
import { git, tempDir, tempRepo } from '../../support/temp-repo.js';
import { gitHttpServer } from './git-http-server.js';

const TOKEN = 'ghs_installationTokenCanary0123456789abcd';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A repository with two commits on main and a `docs` branch, pushed to `<root>/octo/demo.git`. */
function origin() {
  const repo = tempRepo({ 'README.md': '# demo\n', 'src/index.ts': 'export const one = 1;\n' });
  const root = tempDir();
  const cache = tempDir();
  cleanups.push(repo.dispose, root.dispose, cache.dispose);
  writeFileSync(join(repo.root, 'src/two.ts'), 'export const two = 2;\n');
  git(repo.root, 'add', '-A');
  git(repo.root, 'commit', '-qm', 'second');
  git(repo.root, 'checkout', '-qb', 'docs');
  writeFileSync(join(repo.root, 'GUIDE.md'), 'docs only\n');
  git(repo.root, 'add', '-A');
  git(repo.root, 'commit', '-qm', 'docs');
  git(repo.root, 'checkout', '-q', 'main');
  const bare = join(root.path, 'octo', 'demo.git');
  mkdirSync(bare, { recursive: true });
  git(bare, 'init', '-q', '--bare', '-b', 'main');
  git(repo.root, 'push', '-q', bare, 'main', 'docs');
  const commitTo = (file: string, text: string) => {
    writeFileSync(join(repo.root, file), text);
    git(repo.root, 'add', '-A');
    git(repo.root, 'commit', '-qm', `change ${file}`);
    git(repo.root, 'push', '-q', bare, 'main');
    return git(repo.root, 'rev-parse', 'HEAD');
  };
  return { repo, root: root.path, bare, cacheRoot: cache.path, commitTo };
}

describe('shallowCheckout over HTTP', () => {
  it('clones the default branch at depth 1, the token sent only as the Authorization header', async () => {
    const { repo, root, cacheRoot } = origin();
    const expected = basicAuthHeader(TOKEN).replace(/^AUTHORIZATION: /, '');
    const server = await gitHttpServer(root, { authorization: expected });
    cleanups.push(server.close);

    const reader = await shallowCheckout({ url: `${server.url}/octo/demo.git`, token: TOKEN, cacheRoot });

    expect(await reader.headCommit()).toBe(git(repo.root, 'rev-parse', 'main'));
    expect((await reader.listFiles()).map((f) => f.path)).toEqual([
      'README.md',
      'src/index.ts',
      'src/two.ts',
    ]);
    expect((await reader.readFile('src/two.ts')).toString()).toBe('export const two = 2;\n');
    expect(git(reader.root, 'rev-list', '--count', 'HEAD')).toBe('1');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((r) => r.authorization === expected)).toBe(true);
    const config = readFileSync(join(reader.root, '.git', 'config'), 'utf8');
    expect(config).toContain(`url = ${server.url}/octo/demo.git`);
    expect(config).not.toContain(TOKEN);
    expect(config).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
  });

  it('fails with a message that names the repository and never the token', async () => {
    const { root, cacheRoot } = origin();
    const server = await gitHttpServer(root, { authorization: 'basic something-else' });
    cleanups.push(server.close);
    const error = await shallowCheckout({
      url: `${server.url}/octo/demo.git`,
      token: TOKEN,
      cacheRoot,
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Could not list http:\/\/127\.0\.0\.1:\d+\/octo\/demo\.git: /);
    expect((error as Error).message).toMatch(/contents: read/);
    expect((error as Error).message).not.toContain(TOKEN);
    expect(readdirSync(cacheRoot, { recursive: true }).some((p) => String(p).includes('.tmp-'))).toBe(false);
  });

  it('reuses the copy of a commit it already has, and makes a new one when the branch moves', async () => {
    const { root, cacheRoot, commitTo } = origin();
    const server = await gitHttpServer(root);
    cleanups.push(server.close);
    const url = `${server.url}/octo/demo.git`;

    const first = await shallowCheckout({ url, cacheRoot });
    // Each git process starts with one GET of info/refs: ls-remote one, a clone another.
    const gets = () => server.requests.filter((r) => r.method === 'GET').length;
    expect(gets()).toBe(2);
    const again = await shallowCheckout({ url, cacheRoot });
    expect(again.root).toBe(first.root);
    expect(gets()).toBe(3);

    const moved = commitTo('src/three.ts', 'export const three = 3;\n');
    const third = await shallowCheckout({ url, cacheRoot, keepMs: 0 });
    expect(third.root).not.toBe(first.root);
    expect(await third.headCommit()).toBe(moved);
    expect(existsSync(first.root)).toBe(false);
  });
});

describe('shallowCheckout of a local bare repository', () => {
  it('checks out a named branch', async () => {
    const { repo, bare, cacheRoot } = origin();
    const reader = await shallowCheckout({ url: pathToFileURL(bare).href, ref: 'docs', cacheRoot });
    expect(await reader.headCommit()).toBe(git(repo.root, 'rev-parse', 'docs'));
    expect((await reader.listFiles()).map((f) => f.path)).toContain('GUIDE.md');
    expect(git(reader.root, 'rev-list', '--count', 'HEAD')).toBe('1');
  });

  it('says so when the branch does not exist', async () => {
    const { bare, cacheRoot } = origin();
    await expect(shallowCheckout({ url: pathToFileURL(bare).href, ref: 'nope', cacheRoot })).rejects.toThrow(
      /Could not find the branch of .*: no such branch/,
    );
  });

  it('refuses a ref that git could read as an option', async () => {
    const { bare, cacheRoot } = origin();
    await expect(
      shallowCheckout({ url: pathToFileURL(bare).href, ref: '--upload-pack=touch /tmp/pwned', cacheRoot }),
    ).rejects.toThrow(/is not a branch name Maestro will check out/);
  });
});
