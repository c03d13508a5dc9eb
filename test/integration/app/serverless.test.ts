import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAction } from '../../../src/action/runner.js';
import { OctokitIssueHost } from '../../../src/adapters/github/octokit-issue-host.js';
import maestroServerless, { type NodeHandler, serverlessHandler } from '../../../src/app/serverless.js';
import type { GitHubDeps } from '../../../src/engine/github/github-deps.js';
import { silentLogger } from '../../../src/ports/logger-port.js';
import { appBot } from '../../support/fake-github.js';
import { ALICE, APP_TOKEN, type Journey, startJourney } from '../../support/github-journey.js';
import { fakeRunner } from '../action/action-env.js';
import { deliver, example, SECRET, testPrivateKey, testProbot } from './webhook-support.js';

/*
 * The serverless entry: Probot's createNodeMiddleware behind a plain Node `(req, res)` handler.
 * Everything the App does for a delivery happens before its response (a function is frozen or
 * gone afterwards): the checks, the reply or the dispatch. No model is ever opened there.
 */

const ENV = { APP_ID: '1', PRIVATE_KEY: testPrivateKey, WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'fatal' };
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllEnvs();
});

async function serve(handler: NodeHandler): Promise<string> {
  const server: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function journeyFunction(j: Journey): Promise<{ base: string; appModelCalls: () => number }> {
  let opened = 0;
  const handler = await serverlessHandler({
    env: ENV,
    probot: testProbot(),
    app: {
      depsFor: (target): GitHubDeps => ({
        ...j.deps,
        role: 'app',
        host: new OctokitIssueHost({ client: target.client, repo: target.repo, self: appBot, settleMs: 0 }),
        openModel: async () => {
          opened++;
          throw new Error('a serverless App opened a model');
        },
      }),
    },
  });
  return { base: await serve(handler), appModelCalls: () => opened };
}

function repository(j: Journey) {
  const base = example<{ repository: { owner: object } }>('issues', 'labeled').repository;
  return {
    ...base,
    name: j.fake.repo,
    full_name: `${j.fake.owner}/${j.fake.repo}`,
    owner: { ...base.owner, login: j.fake.owner },
  };
}

function labeled(j: Journey, n: number) {
  const base = example<{ issue: object }>('issues', 'labeled');
  return {
    ...base,
    issue: { ...base.issue, number: n, updated_at: new Date().toISOString() },
    label: { name: 'maestro' },
    sender: ALICE,
    repository: repository(j),
  };
}

function answered(j: Journey, n: number, body: string) {
  const c = j.fake.comment(n, body, ALICE);
  const base = example<{ issue: object; comment: object }>('issue_comment', 'created');
  return {
    id: c.id,
    payload: {
      ...base,
      issue: { ...base.issue, number: n, pull_request: undefined },
      comment: {
        ...base.comment,
        id: c.id,
        body,
        user: ALICE,
        created_at: c.created_at,
        updated_at: c.updated_at,
      },
      sender: ALICE,
      repository: repository(j),
    },
  };
}

describe('the serverless handler', () => {
  it('dispatches the plan before it answers, though the repository plans in the App', async () => {
    const j = startJourney(); // no config: planning.runs_in is app
    cleanups.push(() => j.dispose());
    const { base, appModelCalls } = await journeyFunction(j);
    const issue = j.fake.addIssue({ ...j.issueText, user: ALICE, labels: [] }).number;
    j.fake.label(issue, 'maestro', ALICE);

    const response = await deliver(`${base}/api/github/webhooks`, {
      event: 'issues',
      payload: labeled(j, issue),
    });
    expect(response.status).toBe(200);
    // Already done when GitHub got its answer: nothing is left running in the function.
    expect(j.fake.dispatches).toEqual([
      { workflow: 'maestro.yml', ref: 'main', inputs: { issue: String(issue), mode: 'plan' } },
    ]);
    expect(j.fake.issues.get(issue)?.labels).toContain('maestro:planning');
    expect(appModelCalls()).toBe(0);
    expect(j.modelCalls()).toBe(0);
  });

  it(
    'hands an answer to the workflow too, with its comment, and never opens a model',
    {
      timeout: 120_000,
    },
    async () => {
      const j = startJourney();
      cleanups.push(() => j.dispose());
      const { base, appModelCalls } = await journeyFunction(j);
      const url = `${base}/api/github/webhooks`;
      const issue = j.fake.addIssue({ ...j.issueText, user: ALICE, labels: [] }).number;
      j.fake.label(issue, 'maestro', ALICE);
      expect((await deliver(url, { event: 'issues', payload: labeled(j, issue) })).status).toBe(200);

      // The dispatched plan job writes revision 1 (the Action, with the recorded model).
      const runner = fakeRunner({
        eventName: 'workflow_dispatch',
        payload: {
          inputs: j.fake.dispatches[0]!.inputs,
          ref: 'refs/heads/main',
          repository: repository(j),
          sender: appBot,
        },
        inputs: { 'github-token': APP_TOKEN, mode: 'plan' },
        workspace: j.root,
      });
      cleanups.push(() => runner.dispose());
      runner.env.GITHUB_REPOSITORY = `${j.fake.owner}/${j.fake.repo}`;
      expect(
        await runAction(runner.env, { logger: silentLogger, openModel: j.deps.openModel }),
      ).toMatchObject({
        kind: 'handled',
        handled: { kind: 'planned', revision: 1 },
      });

      const answer = answered(j, issue, 'Q1: Code points, please');
      expect((await deliver(url, { event: 'issue_comment', payload: answer.payload })).status).toBe(200);
      expect(j.fake.dispatches[1]?.inputs).toEqual({
        issue: String(issue),
        mode: 'plan',
        'comment-id': String(answer.id),
      });
      expect(appModelCalls()).toBe(0);
      expect(j.modelCalls()).toBe(1);
    },
  );

  it('answers 500 when handling fails (no detail to the caller), and the redelivery dispatches once', async () => {
    const j = startJourney();
    cleanups.push(() => j.dispose());
    const { base } = await journeyFunction(j);
    const issue = j.fake.addIssue({ ...j.issueText, user: ALICE, labels: [] }).number;
    j.fake.label(issue, 'maestro', ALICE);
    j.fake.failures.push({ match: /^POST .*\/dispatches$/, status: 500, times: 1 });

    const failed = await deliver(`${base}/api/github/webhooks`, {
      event: 'issues',
      payload: labeled(j, issue),
    });
    expect(failed.status).toBe(500);
    const body = await failed.text();
    expect(body).toContain('Maestro could not handle this delivery');
    expect(body).not.toMatch(/dispatch|workflow|500/i);
    expect(j.fake.dispatches).toHaveLength(0);

    const redelivered = await deliver(`${base}/api/github/webhooks`, {
      event: 'issues',
      payload: labeled(j, issue),
    });
    expect(redelivered.status).toBe(200);
    expect(j.fake.dispatches).toHaveLength(1);
  });

  it('refuses a forged delivery and serves /healthz; other paths are 404', async () => {
    const j = startJourney();
    cleanups.push(() => j.dispose());
    const { base } = await journeyFunction(j);
    const forged = await deliver(`${base}/api/github/webhooks`, {
      event: 'issues',
      payload: labeled(j, 1),
      secret: 'guessed',
    });
    expect(forged.status).toBe(400);
    expect(j.fake.dispatches).toHaveLength(0);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
  });

  it('the default export builds itself from process.env, as a function host calls it', async () => {
    for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
    const base = await serve(maestroServerless);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    // A bot's event is dropped at the door: answered 200 without a GitHub call.
    const bot = example<{ sender: { type: string } }>('issues', 'labeled');
    bot.sender.type = 'Bot';
    expect((await deliver(`${base}/api/github/webhooks`, { event: 'issues', payload: bot })).status).toBe(
      200,
    );
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^maestro_deliveries_total\{event="issues\.labeled",outcome="ignored"\} 1$/m);
  });
});
