import { sign, verify } from '@octokit/webhooks-methods';
import type { Probot } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MaestroApp, maestroApp } from '../../../src/app/index.js';
import type { Handled, IssueEvent } from '../../../src/engine/github/issue-events.js';
import { fakeDeps, fakeHost } from './fake-host.js';
import { deliver, example, gate, listen, testProbot } from './webhook-support.js';

/** GitHub's published test vector (docs: "Validating webhook deliveries"). */
const VECTOR = {
  secret: "It's a Secret to Everybody",
  body: 'Hello, World!',
  signature: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
};

interface Harness {
  url: string;
  maestro: MaestroApp;
  /** Every event any Probot handler saw (Maestro's or a catch-all). */
  seen: string[];
  handled: IssueEvent[];
  hold: ReturnType<typeof gate>;
  close(): Promise<void>;
}

let harness: Harness;

beforeEach(async () => {
  const seen: string[] = [];
  const handled: IssueEvent[] = [];
  const hold = gate();
  const { host } = fakeHost();
  let maestro!: MaestroApp;
  const probot = testProbot();
  const appFn = (app: Probot) => {
    app.onAny((event) => void seen.push(event.name));
    maestro = maestroApp(app, {
      concurrency: 4,
      reconcileMinutes: 0,
      gitBaseUrl: 'https://github.com',
      secrets: [],
      env: {},
      depsFor: () => fakeDeps(host),
      handle: async (event): Promise<Handled> => {
        await hold.promise;
        handled.push(event);
        return { kind: 'ignored', reason: 'test' };
      },
    });
  };
  const server = await listen(appFn, probot);
  harness = { url: server.url, maestro, seen, handled, hold, close: server.close };
});

afterEach(async () => {
  harness.hold.open();
  await harness.maestro.stop();
  await harness.close();
});

describe('webhook signatures through the real HTTP middleware', () => {
  it("verifies GitHub's test vector", async () => {
    expect(await verify(VECTOR.secret, VECTOR.body, VECTOR.signature)).toBe(true);
    expect(await sign(VECTOR.secret, VECTOR.body)).toBe(VECTOR.signature);
  });

  it('accepts the test vector signature and only then fails on the body (not JSON)', async () => {
    const response = await deliver(harness.url, {
      event: 'issues',
      payload: VECTOR.body,
      headers: { 'x-hub-signature-256': VECTOR.signature },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Invalid JSON');
    expect(harness.seen).toEqual([]);
  });

  const payload = () => example('issues', 'labeled');
  const rejected: Array<[string, () => Promise<Response>, number, RegExp]> = [
    [
      'a wrong signature',
      () =>
        deliver(harness.url, {
          event: 'issues',
          payload: payload(),
          headers: { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
        }),
      400,
      /signature does not match/,
    ],
    [
      "an old secret's signature",
      () =>
        deliver(harness.url, { event: 'issues', payload: payload(), secret: 'the secret before rotation' }),
      400,
      /signature does not match/,
    ],
    [
      'a missing signature header',
      () =>
        deliver(harness.url, {
          event: 'issues',
          payload: payload(),
          headers: { 'x-hub-signature-256': undefined },
        }),
      400,
      /Required headers missing: x-hub-signature-256/,
    ],
    [
      'a missing X-GitHub-Event',
      () =>
        deliver(harness.url, {
          event: 'issues',
          payload: payload(),
          headers: { 'x-github-event': undefined },
        }),
      400,
      /Required headers missing: x-github-event/,
    ],
    [
      'a missing X-GitHub-Delivery',
      () =>
        deliver(harness.url, {
          event: 'issues',
          payload: payload(),
          headers: { 'x-github-delivery': undefined },
        }),
      400,
      /Required headers missing: x-github-delivery/,
    ],
    [
      'a form-encoded body',
      () =>
        deliver(harness.url, {
          event: 'issues',
          payload: payload(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      415,
      /Unsupported "Content-Type"/,
    ],
  ];

  it.each(rejected)('rejects %s, and no handler runs', async (_name, send, status, message) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
    expect(harness.seen).toEqual([]);
    expect(harness.maestro.queue.pending + harness.maestro.queue.running).toBe(0);
  });

  it('answers GET and other paths without touching the handlers', async () => {
    expect((await fetch(harness.url)).status).toBe(404);
    expect(harness.seen).toEqual([]);
  });
});

describe('acknowledgement', () => {
  it('answers a signed issues.labeled before its job finishes, with the job queued', async () => {
    const started = performance.now();
    const response = await deliver(harness.url, { event: 'issues', payload: example('issues', 'labeled') });
    const elapsed = performance.now() - started;

    expect(response.status).toBe(200);
    expect(elapsed).toBeLessThan(1000);
    expect(harness.seen).toEqual(['issues']);
    expect(harness.maestro.queue.running).toBe(1);
    expect(harness.handled).toEqual([]);

    harness.hold.open();
    await harness.maestro.queue.drain();
    expect(harness.handled).toEqual([
      expect.objectContaining({
        kind: 'labeled',
        issue: 1,
        label: 'bug',
        sender: expect.objectContaining({ type: 'User' }),
      }),
    ]);
  });

  it('runs one job for the same delivery id delivered twice', async () => {
    const id = '72d3162e-cc78-11e3-81ab-4c9367dc0958';
    const first = await deliver(harness.url, { event: 'issues', payload: example('issues', 'labeled'), id });
    const second = await deliver(harness.url, { event: 'issues', payload: example('issues', 'labeled'), id });
    expect([first.status, second.status]).toEqual([200, 200]);
    harness.hold.open();
    await harness.maestro.queue.drain();
    expect(harness.handled).toHaveLength(1);
  });

  it('acknowledges a bot sender and queues nothing', async () => {
    const payload = example<{ sender: { type: string } }>('issue_comment', 'created');
    payload.sender.type = 'Bot';
    const response = await deliver(harness.url, { event: 'issue_comment', payload });
    expect(response.status).toBe(200);
    expect(harness.seen).toEqual(['issue_comment']);
    expect(harness.maestro.queue.pending + harness.maestro.queue.running).toBe(0);
  });

  it('ignores events Maestro does not subscribe to (edited comments)', async () => {
    const response = await deliver(harness.url, {
      event: 'issue_comment',
      payload: example('issue_comment', 'edited'),
    });
    expect(response.status).toBe(200);
    expect(harness.maestro.queue.pending + harness.maestro.queue.running).toBe(0);
  });
});
