import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-repo.js';
import { deliver, example, gate, SECRET, testPrivateKey } from './webhook-support.js';

/*
 * The App as people run it: a real Node process (`npm start`'s entry, or `probot run` loading the
 * default export) talking to a GitHub on a local port (GHE_HOST), signals sent by the test.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const serverEntry = `${root}src/app/server.ts`;
const probotBin = `${root}node_modules/probot/bin/probot.js`;

interface FakeGitHub {
  host: string;
  seen: string[];
  /** Resolves with the first request, which is held until `release()`. */
  firstRequest: Promise<void>;
  release(): void;
  close(): Promise<void>;
}

/** Just enough of GitHub's REST API for a labeled event with a non-trigger label to be ignored. */
async function fakeGitHub(): Promise<FakeGitHub> {
  const seen: string[] = [];
  const arrived = gate();
  const held = gate();
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const route = `${req.method} ${decodeURIComponent(req.url ?? '').replace(/\?.*/, '')}`;
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (route === 'GET /api/v3/app') return json(200, { id: 1, slug: 'maestro', name: 'Maestro' });
    if (route === 'POST /api/v3/app/installations/4242/access_tokens')
      return json(201, {
        token: 'ghs_fake',
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: { issues: 'write' },
        repository_selection: 'all',
      });
    if (route === 'GET /api/v3/users/maestro[bot]')
      return json(200, { login: 'maestro[bot]', id: 99, type: 'Bot' });
    return json(404, { message: 'Not Found' });
  };
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    if (seen.length === 1) {
      arrived.open();
      void held.promise.then(() => answer(req, res));
    } else answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    firstRequest: arrived.promise,
    release: held.open,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface AppProcess {
  child: ChildProcess;
  base: string;
  output(): string;
  exited: Promise<number | null>;
}

async function startProcess(args: string[], github: FakeGitHub): Promise<AppProcess> {
  const port = await freePort();
  const cwd = tempDir(); // no .env there
  cleanups.push(() => cwd.dispose());
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), ...args], {
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
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) break;
    } catch {}
    if (tries > 150 || child.exitCode !== null) throw new Error(`the App did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, base, output: () => output, exited };
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the App process', () => {
  it('SIGTERM while a job runs: readyz and new deliveries get 503, the job finishes, exit 0', async () => {
    const github = await fakeGitHub();
    cleanups.push(() => github.close());
    const app = await startProcess([serverEntry], github);
    const url = `${app.base}/api/github/webhooks`;

    expect((await deliver(url, { event: 'issues', payload: example('issues', 'labeled') })).status).toBe(200);
    await github.firstRequest; // the job is now waiting on GitHub
    app.child.kill('SIGTERM');
    for (let tries = 0; (await fetch(`${app.base}/readyz`)).status !== 503; tries++) {
      if (tries > 50) throw new Error(`readyz never turned 503:\n${app.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const late = await deliver(url, { event: 'issues', payload: example('issues', 'labeled', 1) });
    expect(late.status).toBe(503);
    expect(app.child.exitCode).toBeNull();

    github.release();
    expect(await app.exited).toBe(0);
    // The held job ran to its end: GitHub was asked for the repository's config, and the engine
    // decided (the example's label is not the trigger label).
    expect(github.seen.some((r) => r.includes('/contents/.github'))).toBe(true);
    expect(app.output()).toContain('ignored (label bug)');
    expect(app.output()).toContain('SIGTERM: stopping Maestro');
  }, 60_000);

  it('`probot run` loads the default export: signed webhooks are queued and /metrics counts them', async () => {
    const github = await fakeGitHub();
    cleanups.push(() => github.close());
    github.release();
    const app = await startProcess([probotBin, 'run', `${root}src/app/index.ts`], github);
    const url = `${app.base}/api/github/webhooks`;

    expect((await deliver(url, { event: 'issues', payload: example('issues', 'labeled') })).status).toBe(200);
    const forged = await deliver(url, {
      event: 'issues',
      payload: example('issues', 'labeled'),
      secret: 'not the secret',
    });
    expect(forged.status).toBe(400);
    for (let tries = 0; !app.output().includes('ignored (label bug)'); tries++) {
      if (tries > 100) throw new Error(`the job never finished:\n${app.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const metrics = await (await fetch(`${app.base}/metrics`)).text();
    expect(metrics).toMatch(/^maestro_deliveries_total\{event="issues\.labeled",outcome="queued"\} 1$/m);
    expect(metrics).toMatch(/^maestro_job_duration_seconds_count\{outcome="done"\} 1$/m);
  }, 60_000);
});
