import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { appBot, FakeGitHub } from '../../support/fake-github.js';
import { type FakeGitHubServer, serveFakeGitHub } from '../../support/fake-github-server.js';
import { freePort, startTestRedis } from '../../support/redis-server.js';
import { tempDir } from '../../support/temp-repo.js';
import { deliver, example, SECRET, testPrivateKey } from './webhook-support.js';

/*
 * `npm start` runs queued jobs on a worker thread of their own: a job that holds its event loop
 * (CPU work: JSON parsing, discovery) does not hold up webhook acknowledgements. The control runs
 * the same server with the jobs on the webhook's event loop, where the same job does hold them up:
 * that is what makes the first test able to fail.
 */

const serverEntry = fileURLToPath(new URL('./job-thread-server.ts', import.meta.url));
const TOKEN = `ghs_${'T'.repeat(36)}`;

interface AppProcess {
  child: ChildProcess;
  base: string;
  url: string;
  output(): string;
  exited: Promise<number | null>;
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeGitHub(): Promise<FakeGitHubServer> {
  const fake = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World' });
  fake.tokens.set(TOKEN, appBot);
  const server = await serveFakeGitHub(fake);
  cleanups.push(() => server.close());
  return server;
}

async function startApp(github: FakeGitHubServer, extra: Record<string, string> = {}): Promise<AppProcess> {
  const port = await freePort();
  const cwd = tempDir();
  cleanups.push(() => cwd.dispose());
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), serverEntry], {
    cwd: cwd.path,
    env: {
      PATH: process.env.PATH,
      HOME: cwd.path,
      APP_ID: '1',
      PRIVATE_KEY: testPrivateKey,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      GHE_HOST: github.host,
      GHE_PROTOCOL: 'http',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      MAESTRO_RECONCILE_MINUTES: '0',
      MAESTRO_CACHE_DIR: `${cwd.path}/cache`,
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  await until(
    () => output.includes('READY'),
    `the App did not start`,
    () => output,
    60_000,
  );
  const base = `http://127.0.0.1:${port}`;
  return { child, base, url: `${base}/api/github/webhooks`, output: () => output, exited };
}

async function until(done: () => boolean, what: string, output: () => string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A signed `issue_comment.created` whose body tells job-thread-setup.ts what to do. */
function comment(id: number, issue: number, body: string) {
  const payload = example<{ comment: { id: number; body: string }; issue: { number: number } }>(
    'issue_comment',
    'created',
  );
  payload.comment.id = id;
  payload.comment.body = body;
  payload.issue.number = issue;
  return { event: 'issue_comment', payload };
}

/** Acknowledgement times (ms) of deliveries sent one after another while a job burns the CPU. */
async function acksDuringBurn(app: AppProcess, burnMs: number): Promise<number[]> {
  expect((await deliver(app.url, comment(100, 1, `burn ${burnMs}`))).status).toBe(200);
  await until(() => app.output().includes('job 100 started'), 'the burning job never started', app.output);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    expect((await deliver(app.url, comment(200 + i, 10 + i, 'quick'))).status).toBe(200);
    times.push(performance.now() - started);
  }
  await until(() => app.output().includes('job 204 ran on thread'), 'the quick jobs never ran', app.output);
  return times;
}

/** The thread id a job ran on, from the App's log line `…: ignored (job <id> ran on thread <n>)`. */
function threadOf(output: string, id: number): number {
  return Number(new RegExp(`job ${id} ran on thread (\\d+)`).exec(output)?.[1] ?? Number.NaN);
}

describe('the job thread', { timeout: 120_000 }, () => {
  it('acknowledges deliveries while a job holds its event loop; on the webhook loop it cannot', async () => {
    const github = await fakeGitHub();
    const threaded = await startApp(github);
    // The first job also waits for the thread to load the engine: out of the way before timing.
    await deliver(threaded.url, comment(1, 99, 'warm up'));
    await until(() => threadOf(threaded.output(), 1) > 0, 'the warm-up job never ran', threaded.output);

    const burnMs = 4000;
    const threadedAcks = await acksDuringBurn(threaded, burnMs);
    expect(threadOf(threaded.output(), 100)).toBeGreaterThan(0); // a worker thread, not the main one (0)
    // The quick jobs queued behind nothing of issue 1's: they ran while it burned, on the same thread.
    expect(Math.max(...threadedAcks)).toBeLessThan(burnMs / 2);

    const inline = await startApp(github, { MAESTRO_TEST_INLINE: '1' });
    const inlineAcks = await acksDuringBurn(inline, burnMs);
    expect(threadOf(inline.output(), 100)).toBe(0);
    // The first delivery after the burn started waited for it to end.
    expect(Math.max(...inlineAcks)).toBeGreaterThan(burnMs / 2);
  });

  it('a job that ends its thread fails alone (logged, counted); the next job gets a new thread', async () => {
    const github = await fakeGitHub();
    const app = await startApp(github);
    expect((await deliver(app.url, comment(1, 1, 'first'))).status).toBe(200);
    await until(() => threadOf(app.output(), 1) > 0, 'the first job never ran', app.output);

    expect((await deliver(app.url, comment(2, 2, 'crash'))).status).toBe(200);
    await until(() => app.output().includes('the job thread stopped (exit code 3)'), 'no crash', app.output);

    expect((await deliver(app.url, comment(3, 3, 'after'))).status).toBe(200);
    await until(() => threadOf(app.output(), 3) > 0, 'the job after the crash never ran', app.output);
    expect(threadOf(app.output(), 3)).not.toBe(threadOf(app.output(), 1));

    const metrics = await (await fetch(`${app.base}/metrics`)).text();
    expect(metrics).toMatch(/^maestro_failures_total\{stage="job"\} 1$/m);
    expect(metrics).toMatch(/^maestro_job_duration_seconds_count\{outcome="done"\} 2$/m);
    expect(metrics).toMatch(
      /^maestro_deliveries_total\{event="issue_comment\.created",outcome="queued"\} 3$/m,
    );

    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });

  it("one issue's jobs still run one after another on the thread; SIGTERM waits for the running one", async () => {
    const github = await fakeGitHub();
    const app = await startApp(github);
    expect((await deliver(app.url, comment(1, 7, 'sleep 1500'))).status).toBe(200);
    expect((await deliver(app.url, comment(2, 7, 'quick'))).status).toBe(200);
    await until(() => app.output().includes('job 1 started'), 'the first job never started', app.output);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    const output = app.output();
    // The second waited for the first (same issue), and both finished before the process exited.
    expect(output.indexOf('job 1 ran on thread')).toBeGreaterThan(-1);
    expect(output.indexOf('job 2 started')).toBeGreaterThan(output.indexOf('job 1 ran on thread'));
    expect(threadOf(output, 2)).toBeGreaterThan(0);
  });

  it('with REDIS_URL: the jobs a replica takes from Redis run on its thread, deduped, one issue in order', async () => {
    const github = await fakeGitHub();
    const redis = await startTestRedis();
    cleanups.push(() => redis.close());
    const app = await startApp(github, { REDIS_URL: redis.url, MAESTRO_TEST_REDIS_PREFIX: redis.prefix() });
    const id = crypto.randomUUID();
    expect((await deliver(app.url, { ...comment(1, 5, 'sleep 1000'), id })).status).toBe(200);
    expect((await deliver(app.url, { ...comment(1, 5, 'sleep 1000'), id })).status).toBe(200); // redelivered
    expect((await deliver(app.url, comment(2, 5, 'quick'))).status).toBe(200);
    await until(() => threadOf(app.output(), 2) > 0, 'the second job never ran', app.output);

    const output = app.output();
    expect(threadOf(output, 1)).toBeGreaterThan(0);
    expect(output.match(/job 1 started/g)).toHaveLength(1);
    expect(output.indexOf('job 2 started')).toBeGreaterThan(output.indexOf('job 1 ran on thread'));
    const metrics = await (await fetch(`${app.base}/metrics`)).text();
    expect(metrics).toMatch(
      /^maestro_deliveries_total\{event="issue_comment\.created",outcome="duplicate"\} 1$/m,
    );
    expect(metrics).toMatch(/^maestro_job_duration_seconds_count\{outcome="done"\} 2$/m);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });
});
