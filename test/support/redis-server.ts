import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/**
 * A real Redis for the tests that need one: `MAESTRO_TEST_REDIS_URL` when set (CI may start one),
 * else a `redis-server` this process starts on a free loopback port, without persistence, and
 * stops at `close`. No redis-server and no URL is a failure that says what to install, never a
 * skip: these tests are what shows that several replicas have one effect.
 */
export interface TestRedis {
  url: string;
  /** A fresh key prefix (with its own `{hash tag}`), so tests sharing one server never meet. */
  prefix(): string;
  client(): Redis;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startTestRedis(): Promise<TestRedis> {
  const clients: Redis[] = [];
  let child: ChildProcess | undefined;
  let url = process.env.MAESTRO_TEST_REDIS_URL;
  if (!url) {
    const port = await freePort();
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    const failed = new Promise<never>((_, reject) => {
      child!.once('error', (error) =>
        reject(
          new Error(
            `cannot start redis-server (${error.message}): install it (apt-get install redis-server) ` +
              'or set MAESTRO_TEST_REDIS_URL to a Redis the tests may use',
          ),
        ),
      );
    });
    url = `redis://127.0.0.1:${port}`;
    await Promise.race([failed, waitForPing(url)]);
  }
  const redisUrl = url;
  return {
    url: redisUrl,
    prefix: () => `{t-${randomUUID().slice(0, 8)}}:`,
    client() {
      const client = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.disconnect();
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child!.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

async function waitForPing(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`redis-server at ${url} did not answer: ${String(error)}`);
    } finally {
      probe.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
