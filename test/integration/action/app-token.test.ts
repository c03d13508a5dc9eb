import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readGitHubEnv } from '../../../src/action/github-env.js';
import { readInputs } from '../../../src/action/inputs.js';
import { type ActionContext, executionDeps, gitHubDeps } from '../../../src/action/wiring.js';
import { basicAuthHeader } from '../../../src/adapters/git/push-auth.js';
import { silentLogger } from '../../../src/ports/logger-port.js';
import { git, tempDir, tempRepo } from '../../support/temp-repo.js';
import { type GitHttpServer, gitHttpServer } from '../app/git-http-server.js';
import { fakeRunner } from './action-env.js';

/*
 * The Action with the App's own credentials (`app-id`, `app-private-key`): it finds the App's
 * installation on the repository, mints an installation token, and mints a new one when the old
 * one is due to expire — for API calls (Octokit's auth strategy) and for pushes (the header is
 * asked for at each push). The clock is faked (Date only); GitHub's token endpoint is nocked and
 * answers a different token each time; pushes go over real HTTP to git's own smart-HTTP server.
 */

const API = 'https://api.github.com';
const REPO = '/repos/octo-org/octo-repo';
const { privateKey: PEM } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const HOUR = 60 * 60 * 1000;
/*
 * Each test starts later than the last one ended: the throttling plugin's scheduler (Bottleneck)
 * keeps module-level timing state that a clock going backwards would stall.
 */
let t0 = Date.parse('2026-12-07T10:00:00Z');
const at = (ms: number) => vi.setSystemTime(new Date(t0 + ms));

const cleanups: Array<() => unknown> = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  t0 += 10 * HOUR;
  at(0);
});
afterEach(async () => {
  vi.useRealTimers();
  nock.cleanAll();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The token endpoint: a new token per call, each valid for one hour from "now". */
function tokenEndpoint(installationId: number, asked: unknown[] = []): string[] {
  const minted: string[] = [];
  nock(API)
    .persist()
    .post(`/app/installations/${installationId}/access_tokens`)
    .matchHeader('authorization', /^bearer /)
    .reply(201, (_uri, body) => {
      asked.push(body);
      const token = `ghs_minted${minted.length + 1}`;
      minted.push(token);
      return {
        token,
        expires_at: new Date(Date.now() + HOUR).toISOString(),
        permissions: { issues: 'write', contents: 'write' },
        repository_selection: 'selected',
      };
    });
  return minted;
}

function context(inputs: Record<string, string>, overrides: Record<string, string> = {}): ActionContext {
  const runner = fakeRunner({ eventName: 'workflow_dispatch', payload: {}, inputs });
  cleanups.push(runner.dispose);
  const env = { ...runner.env, ...overrides };
  const temp = tempDir();
  cleanups.push(temp.dispose);
  return { inputs: readInputs(env), gh: readGitHubEnv(env), env, logger: silentLogger, tempDir: temp.path };
}

const appInputs = { 'app-id': '123456', 'app-private-key': PEM };

describe('the Action with app-id and app-private-key', () => {
  it('finds the installation with the App’s JWT and renews the token for API calls once it expires', async () => {
    nock(API)
      .get(`${REPO}/installation`)
      .matchHeader('authorization', /^bearer [\w-]+\.[\w-]+\.[\w-]+$/)
      .reply(200, { id: 77, account: { login: 'octo-org' } });
    const asked: unknown[] = [];
    const minted = tokenEndpoint(77, asked);
    const seen: string[] = [];
    nock(API)
      .persist()
      .get(`${REPO}/issues/1`)
      .reply(function () {
        seen.push(String(this.req.headers.authorization));
        return [
          200,
          {
            number: 1,
            title: 'T',
            body: 'B',
            user: { login: 'alice', id: 1, type: 'User' },
            labels: [],
            state: 'open',
            html_url: 'https://github.com/octo-org/octo-repo/issues/1',
          },
        ];
      });

    const deps = gitHubDeps(context(appInputs));
    await deps.host.getIssue(1);
    at(30 * 60 * 1000);
    await deps.host.getIssue(1);
    // Past the hour: the cached token is due, a new one is minted before the request.
    at(61 * 60 * 1000);
    await deps.host.getIssue(1);

    expect(minted).toEqual(['ghs_minted1', 'ghs_minted2']);
    expect(seen).toEqual(['token ghs_minted1', 'token ghs_minted1', 'token ghs_minted2']);
    // Each token covers this repository only, not every repository of the installation.
    expect(asked).toEqual([{ repositories: ['octo-repo'] }, { repositories: ['octo-repo'] }]);
  });

  it('pushes with the current token: a push after the hour carries the renewed one', async () => {
    const served = tempDir();
    cleanups.push(served.dispose);
    const bare = join(served.path, 'octo-org', 'octo-repo.git');
    mkdirSync(bare, { recursive: true });
    git(bare, 'init', '-q', '--bare', '-b', 'main');
    git(bare, 'config', 'http.receivepack', 'true');
    const server: GitHttpServer = await gitHttpServer(served.path);
    cleanups.push(server.close);
    const repo = tempRepo({ 'a.txt': 'a\n' });
    cleanups.push(repo.dispose);

    nock(API).get(`${REPO}/installation`).reply(200, { id: 78 });
    const minted = tokenEndpoint(78);
    const ctx = context(appInputs, { GITHUB_SERVER_URL: server.url, GITHUB_WORKSPACE: repo.root });
    const deps = gitHubDeps(ctx);
    const { workspace } = await executionDeps(ctx, deps.host, new AbortController().signal);

    const branch = 'maestro/issue-1-login';
    await workspace.checkoutRunBranch(branch);
    const commit = async (n: number) => {
      writeFileSync(join(workspace.root, 'a.txt'), `change ${n}\n`);
      await workspace.commitAll(
        `change ${n}`,
        { session: 'mae-20261207-100000-abcd', task: `T${n}`, checkpoint: n },
        {
          protectedPaths: [],
        },
      );
    };
    await commit(1);
    expect(await workspace.push(branch)).toEqual({ kind: 'pushed' });
    at(2 * HOUR);
    await commit(2);
    expect(await workspace.push(branch)).toEqual({ kind: 'pushed' });

    expect(git(bare, 'rev-parse', `refs/heads/${branch}`)).toBe(await workspace.head());
    expect(minted).toEqual(['ghs_minted1', 'ghs_minted2']);
    const pushAuth = (token: string) => basicAuthHeader(token).replace(/^AUTHORIZATION: /, '');
    const receivePacks = server.requests.filter((r) => r.path.endsWith('/git-receive-pack'));
    expect(receivePacks.map((r) => r.authorization)).toEqual([
      pushAuth('ghs_minted1'),
      pushAuth('ghs_minted2'),
    ]);
    // Nothing of either token was written to the repository's config.
    expect(git(repo.root, 'config', '--list', '--local')).not.toMatch(/minted|extraheader/i);
  });

  it('says what to do when the App is not installed on the repository, or the key is not the App’s', async () => {
    nock(API).get(`${REPO}/installation`).reply(404, { message: 'Not Found' });
    await expect(gitHubDeps(context(appInputs)).host.getIssue(1)).rejects.toThrow(
      /The GitHub App 123456 is not installed on octo-org\/octo-repo: install it/,
    );
    nock(API).get(`${REPO}/installation`).reply(401, { message: 'A JSON web token could not be decoded' });
    await expect(gitHubDeps(context(appInputs)).host.getIssue(1)).rejects.toThrow(
      /app-id and app-private-key do not belong to the same App/,
    );
  });
});

describe('app-id and app-private-key as inputs', () => {
  const base = { 'INPUT_GITHUB-TOKEN': '', INPUT_MODE: 'auto' };
  const env = (app: Record<string, string>) => ({
    ...base,
    ...Object.fromEntries(Object.entries(app).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  });

  it('takes the App’s credentials instead of github-token, and keeps the key secret', async () => {
    const inputs = readInputs(env(appInputs));
    expect(inputs.app).toEqual({ appId: '123456', privateKey: PEM.trim() });
    const { secretValues } = await import('../../../src/action/inputs.js');
    expect(secretValues(inputs)).toContain(PEM.trim());
    // A key stored with literal \n (one line) is the same key.
    expect(
      readInputs(env({ ...appInputs, 'app-private-key': PEM.trim().replace(/\n/g, '\\n') })).app?.privateKey,
    ).toBe(PEM.trim());
    expect(readInputs(env({ 'app-id': 'Iv23liAbCdEf1234', 'app-private-key': PEM })).app?.appId).toBe(
      'Iv23liAbCdEf1234',
    );
  });

  it('refuses one without the other, a bad id, something that is not a private key, and keeps push-token beside them', () => {
    expect(() => readInputs(env({ 'app-id': '123456' }))).toThrow(
      /app-id and app-private-key go together .* app-private-key is empty/,
    );
    expect(() => readInputs(env({ 'app-private-key': PEM }))).toThrow(/app-id is empty/);
    expect(() => readInputs(env({ ...appInputs, 'app-id': 'my-app' }))).toThrow(
      /app-id must be the App's numeric id or its client id/,
    );
    const { publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(() => readInputs(env({ ...appInputs, 'app-private-key': publicKey }))).toThrow(
      /app-private-key is not a PEM private key: paste the whole .pem file/,
    );
    const truncated = PEM.split('\n').slice(0, 5).join('\n') + '\n-----END RSA PRIVATE KEY-----\n';
    expect(() => readInputs(env({ ...appInputs, 'app-private-key': truncated }))).toThrow(
      /app-private-key does not parse as a private key/,
    );
    const { privateKey: ec } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    expect(() => readInputs(env({ ...appInputs, 'app-private-key': ec }))).toThrow(
      /GitHub Apps sign with RSA keys/,
    );
    // push-token still names the token for pushes (the job's github.token when the App only reads).
    expect(readInputs(env({ ...appInputs, 'push-token': 'ghs_x' })).pushToken).toBe('ghs_x');
    // The message never echoes the key.
    try {
      readInputs(env({ ...appInputs, 'app-private-key': truncated }));
    } catch (error) {
      expect(String(error)).not.toContain(truncated.split('\n')[2]);
    }
  });
});
