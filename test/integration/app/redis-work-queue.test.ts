import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisWorkQueue, type StoredJob } from '../../../src/app/redis-work-queue.js';
import type { Job } from '../../../src/app/work-queue.js';
import { startTestRedis, type TestRedis } from '../../support/redis-server.js';
import { gate } from './webhook-support.js';

/*
 * Two queues on one real redis-server stand for two replicas: each has its own connection and
 * its own jobs' code (`revive`), and shares only what Redis holds.
 */

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis.close();
});

const queues: RedisWorkQueue[] = [];
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.close();
});

type Runner = (stored: StoredJob) => Promise<void>;

function replica(prefix: string, run: Runner, options: { leaseMs?: number; client?: Redis } = {}) {
  const client = options.client ?? redis.client();
  const queue = new RedisWorkQueue({
    redis: client,
    concurrency: 4,
    prefix,
    pollMs: 20,
    leaseMs: options.leaseMs ?? 2_000,
    revive: (stored) => ({ ...stored, run: () => run(stored) }),
  });
  queues.push(queue);
  return { queue, client };
}

function job(issue: number, dedupe: string[], note = ''): Job {
  return {
    key: `o/r#${issue}`,
    dedupe,
    name: `job ${dedupe.join(',')} ${note}`.trim(),
    run: () => Promise.reject(new Error('the queue runs the revived job, never this closure')),
    portable: {
      installationId: 1,
      repo: { owner: 'o', repo: 'r' },
      event: { kind: 'edited', issue, sender: { login: 'a', id: 1, type: 'User' }, at: note },
      source: 'webhook',
    },
  };
}

const until = async (condition: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('RedisWorkQueue (a real redis-server)', () => {
  it('runs one delivery received by two replicas at the same moment once', async () => {
    const prefix = redis.prefix();
    const ran: string[] = [];
    const a = replica(prefix, async (s) => void ran.push(`a ${s.name}`));
    const b = replica(prefix, async (s) => void ran.push(`b ${s.name}`));
    const results = await Promise.all([
      a.queue.enqueue(job(1, ['delivery:x', 'comment:o/r:7'])),
      b.queue.enqueue(job(1, ['delivery:x', 'comment:o/r:7'])),
    ]);
    expect(results.sort()).toEqual(['duplicate', 'queued']);
    // A redelivery (new delivery id, same comment) is the same event.
    expect(await b.queue.enqueue(job(1, ['delivery:y', 'comment:o/r:7']))).toBe('duplicate');
    await a.queue.drain();
    await b.queue.drain();
    expect(ran).toHaveLength(1);
  });

  it('runs two events of one issue received by two replicas one after the other, in order', async () => {
    const prefix = redis.prefix();
    const log: string[] = [];
    const first = gate();
    const run = async (s: StoredJob) => {
      const note = s.portable.event.kind === 'edited' ? s.portable.event.at : '';
      log.push(`start ${note}`);
      if (note === 'first') await first.promise;
      log.push(`end ${note}`);
    };
    const a = replica(prefix, run);
    const b = replica(prefix, run);
    try {
      expect(await a.queue.enqueue(job(5, ['d:1'], 'first'))).toBe('queued');
      await until(() => log.length === 1);
      expect(await b.queue.enqueue(job(5, ['d:2'], 'second'))).toBe('queued');
      // Both replicas have room and poll every 20 ms, yet the issue's lease is held until its job ends.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(log).toEqual(['start first']);
      expect(a.queue.running + b.queue.running).toBe(1);
    } finally {
      first.open();
    }
    await until(() => log.length === 4);
    expect(log).toEqual(['start first', 'end first', 'start second', 'end second']);
  });

  it('lets another replica take an issue over once its holder stops renewing, and runs the job once more', async () => {
    const prefix = redis.prefix();
    const starts: string[] = [];
    const dead = replica(
      prefix,
      async () => {
        starts.push('dead');
        await new Promise(() => {}); // hangs: the holder is about to lose its connection
      },
      { leaseMs: 300 },
    );
    expect(await dead.queue.enqueue(job(9, ['d:9']))).toBe('queued');
    await until(() => starts.length === 1);
    dead.client.disconnect(); // no more renewals, as when the process is killed
    queues.splice(queues.indexOf(dead.queue), 1);
    const took = Date.now();
    const alive = replica(prefix, async () => void starts.push('alive'), { leaseMs: 300 });
    await until(() => starts.length === 2);
    expect(starts).toEqual(['dead', 'alive']);
    expect(Date.now() - took).toBeLessThan(2_000);
    await alive.queue.drain();
    expect(await alive.client.get(`${prefix}pending`)).toBe('0');
  });

  it('refuses work beyond its bound across replicas, and keeps nothing of a refused job', async () => {
    const prefix = redis.prefix();
    const hold = gate();
    const a = new RedisWorkQueue({
      redis: redis.client(),
      concurrency: 1,
      prefix,
      pollMs: 20,
      maxPending: 3,
      revive: (stored) => ({ ...stored, run: () => hold.promise }),
    });
    queues.push(a);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await a.enqueue(job(i, [`d:${i}`])));
    expect(results).toEqual(['queued', 'queued', 'queued', 'full', 'full']);
    // The refused delivery's dedupe id was not kept: its redelivery is taken once there is room.
    hold.open();
    await a.drain();
    expect(await a.enqueue(job(3, ['d:3']))).toBe('queued');
    await a.drain();
  });

  it('forgets a failed job’s dedupe ids, so a redelivery runs it again', async () => {
    const prefix = redis.prefix();
    let runs = 0;
    const a = replica(prefix, async () => {
      runs++;
      if (runs === 1) throw new Error('GitHub was down');
    });
    expect(await a.queue.enqueue(job(2, ['delivery:q', 'comment:o/r:2']))).toBe('queued');
    await until(() => runs === 1);
    await a.queue.drain();
    expect(await a.queue.enqueue(job(2, ['delivery:q', 'comment:o/r:2']))).toBe('queued');
    await a.queue.drain();
    expect(runs).toBe(2);
  });
});
