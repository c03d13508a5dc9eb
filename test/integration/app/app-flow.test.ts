import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import type { Probot } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { basicAuthHeader } from '../../../src/adapters/git/push-auth.js';
import { type MaestroApp, type MaestroAppOptions, maestroApp } from '../../../src/app/index.js';
import type { GitHubDeps } from '../../../src/engine/github/github-deps.js';
import type { Handled, IssueEvent } from '../../../src/engine/github/issue-events.js';
import { git, tempDir, tempRepo } from '../../support/temp-repo.js';
import { gitHttpServer } from './git-http-server.js';
import { deliver, example, listen, testProbot } from './webhook-support.js';

/*
 * The App's own wiring with the real adapters: Probot's installation client, OctokitIssueHost,
 * the shallow clone. GitHub is nock; the engine is a stub that returns what a test needs.
 */

const API = 'https://api.github.com';
const REPO = '/repos/Codertocat/Hello-World';
const TOKEN = 'ghs_appFlowInstallationToken000000000000';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: Partial<MaestroAppOptions>): Promise<{ url: string; maestro: MaestroApp }> {
  const cache = tempDir();
  cleanups.push(cache.dispose);
  let maestro!: MaestroApp;
  const probot = testProbot();
  const server = await listen((app: Probot) => {
    maestro = maestroApp(app, {
      concurrency: 2,
      reconcileMinutes: 0,
      gitBaseUrl: 'https://github.com',
      secrets: [],
      env: { MAESTRO_CACHE_DIR: join(cache.path, 'discovery') },
      checkoutRoot: join(cache.path, 'checkouts'),
      ...options,
    });
  }, probot);
  cleanups.push(server.close, () => maestro.stop());
  return { url: server.url, maestro };
}

function installationToken(installationId = 4242) {
  return nock(API).post(`/app/installations/${installationId}/access_tokens`).reply(201, {
    token: TOKEN,
    expires_at: '2099-01-01T00:00:00Z',
    permissions: {},
    repository_selection: 'all',
  });
}

const approve = (): Handled => ({
  kind: 'execute',
  request: { issue: 1, approvalCommentId: 492700400, prdHash: 'feedc0de', reason: 'approve' },
});

describe('the App with real adapters', () => {
  it('dispatches the workflow for an approval, through the installation token', async () => {
    const token = installationToken();
    const github = nock(API, { reqheaders: { authorization: `token ${TOKEN}` } })
      .get(REPO)
      .reply(200, { default_branch: 'trunk' })
      .get(/\/contents\/\.github(%2F|\/)maestro\.yml/)
      .reply(404, { message: 'Not Found' })
      .post(`${REPO}/actions/workflows/maestro.yml/dispatches`, {
        ref: 'trunk',
        inputs: { issue: '1', 'approval-comment-id': '492700400', 'prd-hash': 'feedc0de', reason: 'approve' },
      })
      .reply(204);
    const events: Array<{ event: IssueEvent; deps: GitHubDeps }> = [];
    const { url, maestro } = await start({
      handle: async (event, deps) => {
        events.push({ event, deps });
        return approve();
      },
    });

    const response = await deliver(url, {
      event: 'issue_comment',
      payload: example('issue_comment', 'created'),
    });
    expect(response.status).toBe(200);
    await maestro.queue.drain();

    expect(events).toHaveLength(1);
    expect(events[0]!.deps.role).toBe('app');
    expect(events[0]!.deps.host.repo).toEqual({ owner: 'Codertocat', repo: 'Hello-World' });
    expect(token.isDone()).toBe(true);
    expect(github.isDone()).toBe(true);
  });

  it('takes a check_suite from CI’s bot through the webhook and dispatches the CI fix with its head sha', async () => {
    const token = installationToken();
    const payload = example<{ check_suite: { head_branch: string; head_sha: string; conclusion: string } }>(
      'check_suite',
      'completed',
    );
    payload.check_suite.head_branch = 'maestro/issue-1-hello';
    payload.check_suite.conclusion = 'failure';
    const headSha = payload.check_suite.head_sha;
    const github = nock(API, { reqheaders: { authorization: `token ${TOKEN}` } })
      .get(REPO)
      .reply(200, { default_branch: 'trunk' })
      .get(/\/contents\/\.github(%2F|\/)maestro\.yml/)
      .reply(404, { message: 'Not Found' })
      .post(`${REPO}/actions/workflows/maestro.yml/dispatches`, {
        ref: 'trunk',
        inputs: {
          issue: '1',
          'approval-comment-id': '492700400',
          'prd-hash': 'feedc0de',
          reason: 'ci-fix',
          'pr-number': '2',
          'head-sha': headSha,
        },
      })
      .reply(204);
    const events: IssueEvent[] = [];
    const { url, maestro } = await start({
      handle: async (event) => {
        events.push(event);
        return {
          kind: 'execute',
          request: {
            issue: 1,
            approvalCommentId: 492700400,
            prdHash: 'feedc0de',
            reason: 'ci-fix',
            pr: 2,
            headSha,
          },
        };
      },
    });
    const response = await deliver(url, { event: 'check_suite', payload });
    expect(response.status).toBe(200);
    await maestro.queue.drain();
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'checks',
        source: 'check_suite',
        head: 'maestro/issue-1-hello',
        headSha,
        pr: 2,
      }),
    ]);
    expect(token.isDone()).toBe(true);
    expect(github.isDone()).toBe(true);
  });

  it("learns Maestro's bot account once per process: the App's JWT for /app, the installation for the user", async () => {
    const jwt = nock(API)
      .get('/app')
      .matchHeader('authorization', /^bearer /)
      .reply(200, { slug: 'maestro-test' })
      .get('/users/maestro-test%5Bbot%5D')
      .matchHeader('authorization', `token ${TOKEN}`)
      .reply(200, { login: 'maestro-test[bot]', id: 777, type: 'Bot' });
    const token = installationToken();
    const selves: unknown[] = [];
    const { url, maestro } = await start({
      handle: async (_event, deps) => {
        selves.push(await deps.host.self());
        return { kind: 'ignored', reason: 'test' };
      },
    });
    await deliver(url, { event: 'issues', payload: example('issues', 'labeled') });
    await deliver(url, { event: 'issues', payload: example('issues', 'unlabeled') });
    await maestro.queue.drain();
    expect(selves).toEqual([
      { login: 'maestro-test[bot]', id: 777, type: 'Bot' },
      { login: 'maestro-test[bot]', id: 777, type: 'Bot' },
    ]);
    expect(jwt.isDone()).toBe(true);
    expect(token.isDone()).toBe(true);
  });

  it('clones the default branch for discovery with the installation token as a header', async () => {
    const repo = tempRepo({ 'README.md': '# hello\n', 'src/app.ts': 'export {};\n' });
    const root = tempDir();
    cleanups.push(repo.dispose, root.dispose);
    const bare = join(root.path, 'Codertocat', 'Hello-World.git');
    mkdirSync(bare, { recursive: true });
    git(bare, 'init', '-q', '--bare', '-b', 'main');
    git(repo.root, 'push', '-q', bare, 'main');
    const server = await gitHttpServer(root.path, {
      authorization: basicAuthHeader(TOKEN).replace(/^AUTHORIZATION: /, ''),
    });
    cleanups.push(server.close);
    installationToken();
    nock(API).get(REPO).reply(200, { default_branch: 'main' });

    const files: string[] = [];
    const { url, maestro } = await start({
      gitBaseUrl: server.url,
      handle: async (_event, deps) => {
        const reader = await deps.checkout();
        files.push(...(await reader.listFiles()).map((f) => f.path));
        return { kind: 'ignored', reason: 'test' };
      },
    });
    await deliver(url, { event: 'issues', payload: example('issues', 'labeled') });
    await maestro.queue.drain();
    expect(files).toEqual(['README.md', 'src/app.ts']);
  });

  it('logs a failing job and keeps serving webhooks', async () => {
    let calls = 0;
    const { url, maestro } = await start({
      handle: async () => {
        calls++;
        if (calls === 1) throw new Error('engine exploded');
        return { kind: 'ignored', reason: 'test' };
      },
    });
    expect((await deliver(url, { event: 'issues', payload: example('issues', 'labeled') })).status).toBe(200);
    await maestro.queue.drain();
    expect((await deliver(url, { event: 'issues', payload: example('issues', 'unlabeled') })).status).toBe(
      200,
    );
    await maestro.queue.drain();
    expect(calls).toBe(2);
  });
});

describe('the reconciliation sweep', () => {
  it('runs the engine once per active repository and acts on what it returns', async () => {
    const github = nock(API)
      .get('/app/installations')
      .query(true)
      .reply(200, [
        { id: 1, suspended_at: null },
        { id: 2, suspended_at: '2024-01-01T00:00:00Z' },
      ])
      .post('/app/installations/1/access_tokens')
      .reply(201, { token: TOKEN, expires_at: '2099-01-01T00:00:00Z' })
      .get('/installation/repositories')
      .query(true)
      .reply(200, {
        total_count: 2,
        repositories: [
          { name: 'alpha', owner: { login: 'octo' } },
          { name: 'attic', owner: { login: 'octo' }, archived: true },
        ],
      })
      .get('/repos/octo/alpha')
      .reply(200, { default_branch: 'main' })
      .get(/\/repos\/octo\/alpha\/contents\//)
      .reply(404, {})
      .post('/repos/octo/alpha/actions/workflows/maestro.yml/dispatches', {
        ref: 'main',
        inputs: { issue: '3', mode: 'plan' },
      })
      .reply(204);
    const swept: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { maestro } = await start({
      findMissed: async (deps) => {
        swept.push(`${deps.host.repo.owner}/${deps.host.repo.repo}`);
        await held;
        const sender = { login: 'octocat', id: 1, type: 'User' };
        return [
          {
            issue: 3,
            events: [{ kind: 'labeled', issue: 3, label: 'maestro', sender, at: '2026-01-01T00:00:00Z' }],
          },
        ];
      },
      // The missed event is queued under its issue's key and handled like its webhook would be.
      handle: async () => ({ kind: 'plan-in-action', issue: 3 }),
    });

    await maestro.sweep();
    // A second sweep while the first is still running for the repository adds nothing.
    nock(API)
      .get('/app/installations')
      .query(true)
      .reply(200, [{ id: 1, suspended_at: null }])
      .get('/installation/repositories')
      .query(true)
      .reply(200, { total_count: 1, repositories: [{ name: 'alpha', owner: { login: 'octo' } }] });
    await maestro.sweep();
    release();
    await maestro.queue.drain();

    expect(swept).toEqual(['octo/alpha']);
    expect(github.isDone()).toBe(true);
  });
});
