import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { appEnvironment } from '../../../src/app/app-environment.js';
import { type MaestroApp, maestroApp, SUBSCRIBED } from '../../../src/app/index.js';
import { withQuietSignatureFailures } from '../../../src/app/probot-logger.js';
import { type RunningApp, startAppServer } from '../../../src/app/start-server.js';
import { webhookDoor } from '../../../src/app/webhook-door.js';
import type { IssueEvent } from '../../../src/engine/github/issue-events.js';
import { deliver, example, gate, listen, SECRET, testPrivateKey, testProbot } from './webhook-support.js';

/*
 * `npm start`'s webhook route (webhook-door.ts): @octokit/webhooks' own middleware, as Probot
 * mounts it, without Probot's per-event transform. What a delivery meets must not change: the
 * signature check, dedupe, the 503 when the queue is full, the short log lines; what goes is the
 * installation Octokit Probot builds for every delivery (counted here against Probot's route).
 */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Line {
  level: number;
  msg?: string;
  delivery?: string;
}

/** Maestro's app on a real Probot, its door on a real HTTP server; jobs held until `hold` opens. */
async function serveDoor(options: { maxPending?: number } = {}) {
  const raw: string[] = [];
  const log = withQuietSignatureFailures(
    pino({ level: 'info' }, { write: (line: string) => void raw.push(line) }),
  );
  const hold = gate();
  const handled: IssueEvent[] = [];
  const seen: string[] = [];
  const probot = testProbot();
  let maestro!: MaestroApp;
  await probot.load((app) => {
    maestro = maestroApp(app, {
      concurrency: 1,
      maxPending: options.maxPending,
      reconcileMinutes: 0,
      gitBaseUrl: 'https://github.com',
      secrets: [],
      env: {},
      handle: async (event) => {
        await hold.promise;
        handled.push(event);
        return { kind: 'ignored', reason: 'test' };
      },
      depsFor: (target) => ({ host: {}, logger: target.logger }) as never,
    });
  });
  // The job's client comes from app.auth(installation) when it runs; this test never reaches GitHub.
  const installations: number[] = [];
  (probot as unknown as { auth: (id: number) => Promise<unknown> }).auth = async (id) => {
    installations.push(id);
    return {};
  };
  const door = webhookDoor({
    secret: SECRET,
    path: '/api/github/webhooks',
    events: Object.keys(SUBSCRIBED),
    log,
    receive: (delivery) => {
      seen.push(delivery.name);
      return maestro.receive(delivery);
    },
  });
  const server = createServer((req, res) => {
    void door(req, res).then((answered) => answered || res.writeHead(404).end('not the door'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(
    () => new Promise<void>((resolve) => server.close(() => resolve())),
    async () => {
      hold.open();
      await maestro.stop();
    },
  );
  const lines = () => raw.map((line) => JSON.parse(line) as Line);
  return {
    url: `${base}/api/github/webhooks`,
    base,
    maestro,
    hold,
    handled,
    seen,
    installations,
    raw,
    lines,
  };
}

async function deliveries(maestro: MaestroApp): Promise<string> {
  const text = (await maestro.metrics.scrape()).body;
  return text
    .split('\n')
    .filter((line) => line.startsWith('maestro_deliveries_total{'))
    .join('\n');
}

describe("Maestro's webhook route", () => {
  it('queues a signed delivery once, dedupes a second copy, and runs it with the installation from the payload', async () => {
    const door = await serveDoor();
    const payload = example('issues', 'labeled');
    const first = await deliver(door.url, { event: 'issues', id: 'd-1', payload });
    const again = await deliver(door.url, { event: 'issues', id: 'd-1', payload });
    expect([first.status, again.status]).toEqual([200, 200]);
    door.hold.open();
    await door.maestro.queue.drain();
    expect(door.handled.map((event) => event.kind)).toEqual(['labeled']);
    expect(door.installations).toEqual([4242]);
    const counted = await deliveries(door.maestro);
    expect(counted).toContain('maestro_deliveries_total{event="issues.labeled",outcome="queued"} 1');
    expect(counted).toContain('maestro_deliveries_total{event="issues.labeled",outcome="duplicate"} 1');
  });

  it('refuses a wrong signature with 400 and one short warning; the handler never runs', async () => {
    const door = await serveDoor();
    const response = await deliver(door.url, {
      event: 'issues',
      id: 'bad-1',
      payload: example('issues', 'labeled'),
      secret: 'not the secret',
    });
    expect(response.status).toBe(400);
    door.hold.open();
    await door.maestro.queue.drain();
    expect(door.handled).toEqual([]);
    expect(door.lines().map((line) => [line.level, line.delivery])).toEqual([[40, 'bad-1']]);
    expect(door.raw.join('')).not.toContain('"payload"');
  });

  it('answers 503 beyond the bound with one warning naming the delivery, and keeps nothing of it', async () => {
    const door = await serveDoor({ maxPending: 1 });
    const statuses: number[] = [];
    for (const [i, id] of ['q-1', 'q-2', 'q-3'].entries()) {
      const payload = example<{ comment: { id: number }; issue: { number: number } }>(
        'issue_comment',
        'created',
      );
      payload.comment.id = 7_000 + i;
      payload.issue.number = 1; // one issue: the first runs (held), the second waits, the third is shed
      statuses.push((await deliver(door.url, { event: 'issue_comment', id, payload })).status);
    }
    expect(statuses).toEqual([200, 200, 503]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(door.lines().filter((line) => line.level >= 50)).toEqual([]);
    expect(door.lines().filter((line) => line.msg?.startsWith('Answered 503'))).toHaveLength(1);
    expect(door.lines().find((line) => line.delivery === 'q-3')?.msg).toContain("Maestro's queue is full");
    door.hold.open();
    await door.maestro.queue.drain();
    expect(door.handled.map((event) => event.kind === 'comment' && event.comment.id)).toEqual([7_000, 7_001]);
    expect(await deliveries(door.maestro)).toContain(
      'maestro_deliveries_total{event="issue_comment.created",outcome="shed"} 1',
    );
  });

  it('answers unsubscribed events, payloads without an installation and bot senders 200 without queueing them', async () => {
    const door = await serveDoor();
    const opened = await deliver(door.url, { event: 'issues', payload: example('issues', 'opened') });
    const { installation: _, ...uninstalled } = example('issues', 'labeled');
    const noInstallation = await deliver(door.url, { event: 'issues', payload: uninstalled });
    const bot = example<{ sender: { type: string } }>('issues', 'labeled');
    bot.sender.type = 'Bot';
    const fromBot = await deliver(door.url, { event: 'issues', payload: bot });
    expect([opened.status, noInstallation.status, fromBot.status]).toEqual([200, 200, 200]);
    expect(door.maestro.queue.pending + door.maestro.queue.running).toBe(0);
    expect(await deliveries(door.maestro)).toContain(
      'maestro_deliveries_total{event="issues.labeled",outcome="ignored"} 2',
    );
  });

  // The forged and malformed deliveries webhook-middleware.test.ts sends through Probot's route.
  const forged: Array<[string, Parameters<typeof deliver>[1], number, RegExp]> = [
    [
      'a wrong signature',
      {
        event: 'issues',
        payload: example('issues', 'labeled'),
        headers: { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
      },
      400,
      /signature does not match/,
    ],
    [
      "an old secret's signature",
      { event: 'issues', payload: example('issues', 'labeled'), secret: 'the secret before rotation' },
      400,
      /signature does not match/,
    ],
    [
      'a missing signature header',
      {
        event: 'issues',
        payload: example('issues', 'labeled'),
        headers: { 'x-hub-signature-256': undefined },
      },
      400,
      /Required headers missing: x-hub-signature-256/,
    ],
    [
      'a missing X-GitHub-Event',
      { event: 'issues', payload: example('issues', 'labeled'), headers: { 'x-github-event': undefined } },
      400,
      /Required headers missing: x-github-event/,
    ],
    [
      'a missing X-GitHub-Delivery',
      { event: 'issues', payload: example('issues', 'labeled'), headers: { 'x-github-delivery': undefined } },
      400,
      /Required headers missing: x-github-delivery/,
    ],
    [
      'a form-encoded body',
      {
        event: 'issues',
        payload: example('issues', 'labeled'),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      415,
      /Unsupported "Content-Type"/,
    ],
    // GitHub's published test vector: the signature holds, then the body is not JSON.
    [
      "GitHub's test vector (signed, not JSON)",
      {
        event: 'issues',
        payload: 'Hello, World!',
        headers: {
          'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
        },
      },
      400,
      /Invalid JSON/,
    ],
  ];

  it.each(
    forged,
  )('rejects %s, and nothing is received or queued', async (_name, options, status, message) => {
    const door = await serveDoor();
    const response = await deliver(door.url, options);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
    expect(door.seen).toEqual([]);
    expect(door.maestro.queue.pending + door.maestro.queue.running).toBe(0);
  });

  it('passes any other path on to the next handler', async () => {
    const door = await serveDoor();
    const response = await fetch(`${door.base}/ping`);
    expect([response.status, await response.text()]).toEqual([404, 'not the door']);
  });
});

/**
 * Octokit clients constructed in this process while `during` runs: a plugin added to
 * ProbotOctokit's own list (every Probot client class, `.defaults()` ones too, runs that list).
 */
async function octokitsBuilt(during: () => Promise<void>): Promise<number> {
  const plugins = (ProbotOctokit as unknown as { plugins: Array<() => object> }).plugins;
  let built = 0;
  const count = () => {
    built++;
    return {};
  };
  plugins.push(count);
  try {
    await during();
  } finally {
    plugins.splice(plugins.indexOf(count), 1);
  }
  return built;
}

describe('npm start serves WEBHOOK_PATH through that route', () => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('builds no Octokit per delivery, where Probot’s own route builds one for each (the control)', async () => {
    const result = appEnvironment({
      APP_ID: '1',
      PRIVATE_KEY: testPrivateKey,
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_PATH: '/hooks/github',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'fatal',
      MAESTRO_RECONCILE_MINUTES: '0',
    });
    if (result.kind !== 'ok') throw new Error(result.problems.join('\n'));
    // Jobs on the job thread, as npm start runs them, with the engine's edges from the setup module
    // (a thread has Probot clients of its own: only this thread's clients are counted).
    const setup = new URL('./job-thread-setup.ts', import.meta.url).href;
    running = await startAppServer(result.env, { processEnv: { LOG_LEVEL: 'fatal' }, jobThread: { setup } });
    const base = `http://127.0.0.1:${running.port}`;
    const send = async (url: string, i: number) => {
      const payload = example<{ comment: { id: number } }>('issue_comment', 'created');
      payload.comment.id = 9_000 + i;
      return (await deliver(url, { event: 'issue_comment', payload })).status;
    };

    const statuses: number[] = [];
    const ours = await octokitsBuilt(async () => {
      for (let i = 0; i < 5; i++) statuses.push(await send(`${base}/hooks/github`, i));
    });
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(ours).toBe(0);
    // Probot's default path is not served: only WEBHOOK_PATH is a webhook route.
    expect((await deliver(`${base}/api/github/webhooks`, { event: 'issues', payload: {} })).status).toBe(404);
    await running.maestro.queue.drain();
    const metrics = (await running.maestro.metrics.scrape()).body;
    expect(metrics).toContain('maestro_job_duration_seconds_count{outcome="done"} 5');

    // The control: the same deliveries through Probot's own middleware build one client each.
    const probot = testProbot();
    const control = await listen((probotApp) => {
      probotApp.on('issue_comment.created', async () => undefined);
    }, probot);
    try {
      const theirs = await octokitsBuilt(async () => {
        for (let i = 0; i < 5; i++) expect(await send(control.url, 100 + i)).toBe(200);
      });
      expect(theirs).toBe(5);
    } finally {
      await control.close();
    }
  });
});
