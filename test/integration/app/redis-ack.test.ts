import { afterEach, describe, expect, it } from 'vitest';
import { appEnvironment } from '../../../src/app/app-environment.js';
import { type RunningApp, startAppServer } from '../../../src/app/start-server.js';
import { freePort, startTestRedis, type TestRedis } from '../../support/redis-server.js';
import { deliver, example, gate, SECRET, testPrivateKey } from './webhook-support.js';

/*
 * With REDIS_URL, a 200 means the job is in Redis: the enqueue's reply is awaited before the answer,
 * also now that the App's client pipelines the commands of one tick into one write. A delivery
 * Redis does not take is answered 500 (GitHub shows it failed, to redeliver), never 200 and lost.
 */

let running: RunningApp | undefined;
let redis: TestRedis | undefined;
const held = gate();
afterEach(async () => {
  held.open();
  await running?.stop();
  running = undefined;
  await redis?.close();
  redis = undefined;
});

async function start(redisUrl: string, prefix?: string): Promise<string> {
  const result = appEnvironment({
    APP_ID: '1',
    PRIVATE_KEY: testPrivateKey,
    WEBHOOK_SECRET: SECRET,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'fatal',
    MAESTRO_RECONCILE_MINUTES: '0',
    MAESTRO_CONCURRENCY: '1',
  });
  if (result.kind !== 'ok') throw new Error(result.problems.join('\n'));
  running = await startAppServer(result.env, {
    processEnv: { LOG_LEVEL: 'fatal', REDIS_URL: redisUrl },
    app: {
      redis: { prefix, pollMs: 50 },
      handle: async () => {
        await held.promise;
        return { kind: 'ignored', reason: 'test' };
      },
      depsFor: (target) => ({ host: {}, logger: target.logger }) as never,
    },
  });
  return `http://127.0.0.1:${running.port}/api/github/webhooks`;
}

function comment(id: number) {
  const payload = example<{ comment: { id: number }; issue: { number: number } }>('issue_comment', 'created');
  payload.comment.id = id;
  payload.issue.number = 5;
  return payload;
}

describe('the App with REDIS_URL', () => {
  it('answers 200 only once the job is stored in Redis', async () => {
    redis = await startTestRedis();
    const prefix = redis.prefix();
    const url = await start(redis.url, prefix);
    // One issue, concurrency 1: the first job runs (held), the others wait in the issue's list.
    const statuses = await Promise.all(
      [1, 2, 3].map((i) => deliver(url, { event: 'issue_comment', payload: comment(8_000 + i) })),
    );
    expect(statuses.map((response) => response.status)).toEqual([200, 200, 200]);
    const client = redis.client();
    const waiting = await client.lrange(`${prefix}jobs:${'Codertocat/Hello-World#5'.toLowerCase()}`, 0, -1);
    expect(
      waiting
        .map(
          (entry) =>
            (JSON.parse(entry) as { portable: { event: { comment: { id: number } } } }).portable.event.comment
              .id,
        )
        .sort(),
    ).toEqual([8_001, 8_002, 8_003]);
  });

  it('answers 500 when Redis does not take the job, well within GitHub’s 10 s', async () => {
    const url = await start(`redis://127.0.0.1:${await freePort()}`);
    const started = Date.now();
    const response = await deliver(url, { event: 'issue_comment', payload: comment(8_100) });
    expect(response.status).toBe(500);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
