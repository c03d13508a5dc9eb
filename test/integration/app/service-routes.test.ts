import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { appEnvironment } from '../../../src/app/app-environment.js';
import { readiness } from '../../../src/app/health.js';
import { AppMetrics } from '../../../src/app/metrics.js';
import { type RunningApp, startAppServer } from '../../../src/app/start-server.js';
import type { Handled } from '../../../src/engine/github/issue-events.js';
import { silentLogger } from '../../../src/ports/logger-port.js';
import { deliver, example, gate, SECRET, testPrivateKey } from './webhook-support.js';

let running: RunningApp | undefined;
let redis: ChildProcess | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
  redis?.kill('SIGKILL');
  redis = undefined;
});

/** Workflow dispatches the jobs asked for (the host's other reads answer "nothing there"). */
let dispatched: string[] = [];
const host = {
  readFile: async () => undefined,
  defaultBranch: async () => 'main',
  dispatchWorkflow: async ({ inputs }: { inputs: Record<string, string> }) => {
    dispatched.push(`${inputs.mode}:${inputs.issue}`);
  },
};

async function start(options: {
  processEnv?: NodeJS.ProcessEnv;
  handle?: () => Promise<Handled>;
}): Promise<{ base: string; app: RunningApp }> {
  dispatched = [];
  const result = appEnvironment({
    APP_ID: '1',
    PRIVATE_KEY: testPrivateKey,
    WEBHOOK_SECRET: SECRET,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'fatal',
    MAESTRO_RECONCILE_MINUTES: '0',
  });
  if (result.kind !== 'ok') throw new Error(result.problems.join('\n'));
  running = await startAppServer(result.env, {
    processEnv: { LOG_LEVEL: 'fatal', ...options.processEnv },
    app: {
      handle: options.handle ?? (async () => ({ kind: 'ignored', reason: 'test' })),
      // The engine is faked; what follows it (afterHandled) talks to this host.
      depsFor: () => ({ host, logger: silentLogger }) as never,
    },
  });
  return { base: `http://127.0.0.1:${running.port}`, app: running };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A real redis-server on a free port, nothing saved to disk. */
async function startRedis(): Promise<string> {
  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    redis!.once('error', reject);
    redis!.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve();
    });
  });
  return `redis://127.0.0.1:${port}`;
}

function metricValue(text: string, line: RegExp): number | undefined {
  const found = text.split('\n').find((l) => line.test(l));
  return found === undefined ? undefined : Number(found.split(' ').pop());
}

describe('/healthz and /readyz', () => {
  it('healthz answers 200 without asking GitHub', async () => {
    const { base } = await start({});
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('readyz is 200 when GitHub answers the App JWT on GET /app', async () => {
    const { base } = await start({});
    const scope = nock('https://api.github.com')
      .get('/app')
      .matchHeader('authorization', /^bearer /i)
      .reply(200, { id: 1, slug: 'maestro' });
    const response = await fetch(`${base}/readyz`);
    expect(await response.json()).toEqual({ status: 'ready' });
    expect(response.status).toBe(200);
    scope.done();
  });

  it('readyz is 503 naming GitHub when GitHub refuses the App', async () => {
    const { base } = await start({});
    const scope = nock('https://api.github.com').get('/app').reply(401, { message: 'Bad credentials' });
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { reason: string };
    expect(body.reason).toMatch(/^GitHub unreachable: .*Bad credentials/);
    scope.done();
  });

  it('readyz is 503 naming Redis when REDIS_URL points at nothing', async () => {
    const { base } = await start({ processEnv: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` } });
    nock('https://api.github.com').get('/app').reply(200, { id: 1, slug: 'maestro' });
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { reason: string };
    expect(body.reason).toMatch(/^Redis unreachable: /);
    expect(body.reason).not.toContain('GitHub');
  });

  it('readyz is 200 when the configured Redis answers PING', async () => {
    const url = await startRedis();
    const { base } = await start({ processEnv: { REDIS_URL: url } });
    nock('https://api.github.com').get('/app').reply(200, { id: 1, slug: 'maestro' });
    const response = await fetch(`${base}/readyz`);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('while stopping: readyz and new deliveries get 503, the running job finishes', async () => {
    const held = gate();
    let finished = 0;
    const { base, app } = await start({
      handle: async () => {
        await held.promise;
        finished++;
        return { kind: 'ignored', reason: 'test' };
      },
    });
    const first = await deliver(`${base}/api/github/webhooks`, {
      event: 'issues',
      payload: example('issues', 'labeled'),
    });
    expect(first.status).toBe(200);
    expect(app.maestro.queue.running).toBe(1);

    const stopped = app.stop();
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { reason: string }).reason).toMatch(/^stopping/);
    const late = await deliver(`${base}/api/github/webhooks`, {
      event: 'issue_comment',
      payload: example('issue_comment', 'created'),
    });
    expect(late.status).toBe(503);
    expect(finished).toBe(0);

    held.open();
    await stopped;
    running = undefined;
    expect(finished).toBe(1);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});

describe('readiness', () => {
  it('gives up on a check that does not answer in time, naming it', async () => {
    const metrics = new AppMetrics(() => undefined);
    const started = Date.now();
    const result = await readiness({
      metrics,
      stopping: () => false,
      timeoutMs: 50,
      checks: [
        { name: 'GitHub', check: () => new Promise<void>(() => undefined) },
        { name: 'Redis', check: async () => undefined },
      ],
    });
    expect(result).toEqual({ ready: false, reason: 'GitHub unreachable: no answer within 50 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('/metrics', () => {
  it('counts deliveries by event and outcome, plans, dispatches and failures; shows the queue', async () => {
    const outcomes: Handled[] = [
      { kind: 'planned', revision: 1, hash: 'abc', ready: true },
      { kind: 'plan-in-action', issue: 1 },
    ];
    const { base, app } = await start({
      handle: async () => {
        const next = outcomes.shift();
        if (!next) throw new Error('the engine failed');
        return next;
      },
    });
    const url = `${base}/api/github/webhooks`;
    const labeled = example('issues', 'labeled');
    const id = crypto.randomUUID();
    expect((await deliver(url, { event: 'issues', payload: labeled, id })).status).toBe(200);
    expect((await deliver(url, { event: 'issues', payload: labeled, id })).status).toBe(200);
    const comment = example<{ comment: { id: number } }>('issue_comment', 'created');
    expect((await deliver(url, { event: 'issue_comment', payload: comment })).status).toBe(200);
    comment.comment.id += 1;
    expect((await deliver(url, { event: 'issue_comment', payload: comment })).status).toBe(200);
    const bot = example<{ sender: { type: string } }>('issues', 'labeled');
    bot.sender.type = 'Bot';
    expect((await deliver(url, { event: 'issues', payload: bot })).status).toBe(200);
    await app.maestro.queue.drain();

    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const at = (line: string) => metricValue(text, new RegExp(`^${line.replace(/[{}]/g, '\\$&')} `));
    expect(at('maestro_deliveries_total{event="issues.labeled",outcome="queued"}')).toBe(1);
    expect(at('maestro_deliveries_total{event="issues.labeled",outcome="duplicate"}')).toBe(1);
    expect(at('maestro_deliveries_total{event="issues.labeled",outcome="ignored"}')).toBe(1);
    expect(at('maestro_deliveries_total{event="issue_comment.created",outcome="queued"}')).toBe(2);
    expect(at('maestro_plans_total')).toBe(1);
    expect(at('maestro_dispatches_total{mode="plan"}')).toBe(1);
    expect(dispatched).toEqual(['plan:1']);
    // The third job's engine throws.
    expect(at('maestro_failures_total{stage="job"}')).toBe(1);
    expect(at('maestro_job_duration_seconds_count{outcome="done"}')).toBe(2);
    expect(at('maestro_job_duration_seconds_count{outcome="failed"}')).toBe(1);
    expect(at('maestro_queue_jobs{state="pending"}')).toBe(0);
    expect(at('maestro_queue_jobs{state="running"}')).toBe(0);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });
});
