import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { type MaestroApp, maestroApp } from '../../../src/app/index.js';
import { withQuietSignatureFailures } from '../../../src/app/probot-logger.js';
import { fakeDeps, fakeHost } from './fake-host.js';
import { deliver, example, listen, SECRET, testPrivateKey } from './webhook-support.js';

interface Line {
  level: number;
  msg?: string;
  delivery?: string;
  event?: string;
}

// A wrongly signed delivery through Probot's real middleware: one warning with the delivery id and
// event, no payload — not two error lines carrying the whole delivery.
describe('the log of a wrongly signed webhook delivery', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  async function serve(quiet: boolean) {
    const raw: string[] = [];
    const base = pino({ level: 'info' }, { write: (line: string) => void raw.push(line) });
    const log = quiet ? withQuietSignatureFailures(base) : base;
    const probot = new Probot({
      appId: 1,
      privateKey: testPrivateKey,
      secret: 'the webhook secret',
      log,
      Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    });
    const { host } = fakeHost();
    let maestro: MaestroApp | undefined;
    const server = await listen((app) => {
      maestro = maestroApp(app, {
        concurrency: 1,
        reconcileMinutes: 0,
        gitBaseUrl: 'https://github.com',
        secrets: [],
        env: {},
        depsFor: () => fakeDeps(host),
      });
    }, probot);
    stop = async () => {
      await maestro?.stop();
      await server.close();
    };
    const send = async (id: string) => {
      const response = await deliver(server.url, {
        event: 'issues',
        id,
        payload: example('issues', 'labeled'),
        headers: { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
      });
      expect(response.status).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    return { raw, lines: () => raw.map((line) => JSON.parse(line) as Line), send };
  }

  it('without the wrapper: two error lines, each carrying the payload (what is fixed)', async () => {
    const { raw, lines, send } = await serve(false);
    await send('d-1');
    expect(lines().filter((line) => line.level === 50)).toHaveLength(2);
    expect(raw.every((line) => line.length > 10_000)).toBe(true);
  });

  it('with it: one warning naming the delivery and event, no payload, no error', async () => {
    const { raw, lines, send } = await serve(true);
    await send('d-2');
    await send('d-3');
    expect(lines().map((line) => [line.level, line.delivery, line.event])).toEqual([
      [40, 'd-2', 'issues'],
      [40, 'd-3', 'issues'],
    ]);
    expect(lines()[0]?.msg).toBe(
      "Rejected webhook delivery d-2 (issues): its signature does not match WEBHOOK_SECRET. If GitHub sent it, set the same secret in the App's settings and in WEBHOOK_SECRET.",
    );
    for (const line of raw) {
      expect(line.length).toBeLessThan(500);
      expect(line).not.toContain('"payload"');
    }
  });
});

// A delivery refused because the queue is full (a flood): the queue's own warning and one short
// line naming the delivery — not two error lines serialising the payload for every refused one.
describe('the log of a delivery refused with 503', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  async function refuse(quiet: boolean, ids: readonly string[]): Promise<string[]> {
    const raw: string[] = [];
    const base = pino({ level: 'info' }, { write: (line: string) => void raw.push(line) });
    const probot = new Probot({
      appId: 1,
      privateKey: testPrivateKey,
      secret: SECRET,
      log: quiet ? withQuietSignatureFailures(base) : base,
      Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    });
    const { host } = fakeHost();
    let maestro: MaestroApp | undefined;
    const server = await listen((app) => {
      maestro = maestroApp(app, {
        concurrency: 1,
        maxPending: 0, // every delivery finds the queue full
        reconcileMinutes: 0,
        gitBaseUrl: 'https://github.com',
        secrets: [],
        env: {},
        depsFor: () => fakeDeps(host),
      });
    }, probot);
    stop = async () => {
      await maestro?.stop();
      await server.close();
    };
    for (const id of ids) {
      const response = await deliver(server.url, {
        event: 'issues',
        id,
        payload: example('issues', 'labeled'),
      });
      expect(response.status).toBe(503);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    return raw;
  }

  it('without the wrapper: error lines carrying the payload, per refused delivery (what is fixed)', async () => {
    const raw = await refuse(false, ['s-1']);
    const errors = raw.filter((line) => (JSON.parse(line) as Line).level === 50);
    expect(errors).toHaveLength(2);
    expect(errors.every((line) => line.length > 10_000)).toBe(true);
  });

  it('with it: no error, no payload, one line per refused delivery naming it', async () => {
    const raw = await refuse(true, ['s-2', 's-3']);
    const lines = raw.map((line) => JSON.parse(line) as Line);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(lines.filter((line) => line.msg?.startsWith('Answered 503')).map((l) => l.delivery)).toEqual([
      's-2',
      's-3',
    ]);
    expect(lines.find((line) => line.delivery === 's-2')?.msg).toContain("Maestro's queue is full");
    for (const line of raw) {
      expect(line.length).toBeLessThan(1000);
      expect(line).not.toContain('"payload"');
    }
  });
});
