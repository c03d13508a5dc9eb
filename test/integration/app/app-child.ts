import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { FakeGitHubServer } from '../../support/fake-github-server.js';
import { freePort } from '../../support/redis-server.js';
import { tempDir } from '../../support/temp-repo.js';
import { SECRET, testPrivateKey } from './webhook-support.js';

/*
 * `npm start` as a real process from source (`src/app/server.ts` under tsx: the job thread, the real
 * engine and Octokit host) against the fake GitHub over HTTP, for tests that read what it does.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));

export const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export async function startApp(
  github: FakeGitHubServer,
  redisUrl?: string,
): Promise<{ url: string; base: string; output(): string }> {
  const port = await freePort();
  const cwd = tempDir();
  cleanups.push(() => cwd.dispose());
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), `${root}src/app/server.ts`],
    {
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
        ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    const up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (tries > 150 || child.exitCode !== null) throw new Error(`the App did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: `${base}/api/github/webhooks`, base, output: () => output };
}

/** Jobs finished so far, from /metrics. */
export async function jobsFinished(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('maestro_job_duration_seconds_count'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

export async function untilFinished(app: { base: string; output(): string }, count: number): Promise<void> {
  for (let tries = 0; (await jobsFinished(app.base)) < count; tries++) {
    if (tries > 300)
      throw new Error(`only ${await jobsFinished(app.base)} of ${count} jobs finished:\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
