import { describe, expect, it } from 'vitest';
import { type Job, WorkQueue } from '../../../src/app/work-queue.js';
import type { Logger } from '../../../src/ports/logger-port.js';
import { gate } from './webhook-support.js';

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, debug() {}, info() {}, warn() {}, error: (message) => void errors.push(message) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

function job(key: string, dedupe: string[], run: () => Promise<void>): Job {
  return { key, dedupe, name: `job ${dedupe.join(',')}`, run };
}

describe('WorkQueue', () => {
  it('runs a duplicate delivery id once', async () => {
    const queue = new WorkQueue({ concurrency: 4 });
    let runs = 0;
    const run = async () => void runs++;
    expect(queue.enqueue(job('o/r#1', ['delivery:a', 'comment:1'], run))).toBe('queued');
    expect(queue.enqueue(job('o/r#1', ['delivery:a', 'comment:2'], run))).toBe('duplicate');
    await queue.drain();
    expect(queue.enqueue(job('o/r#1', ['delivery:a'], run))).toBe('duplicate');
    await queue.drain();
    expect(runs).toBe(1);
  });

  it('runs a redelivery with a new id but the same semantic key once', async () => {
    const queue = new WorkQueue({ concurrency: 4 });
    let runs = 0;
    queue.enqueue(job('o/r#1', ['delivery:a', 'comment:7'], async () => void runs++));
    expect(queue.enqueue(job('o/r#1', ['delivery:b', 'comment:7'], async () => void runs++))).toBe(
      'duplicate',
    );
    await queue.drain();
    expect(runs).toBe(1);
  });

  it('runs two approvals of one issue one after the other, in order', async () => {
    const queue = new WorkQueue({ concurrency: 4 });
    const log: string[] = [];
    const first = gate();
    queue.enqueue(
      job('o/r#5', ['comment:1'], async () => {
        log.push('start 1');
        await first.promise;
        log.push('end 1');
      }),
    );
    queue.enqueue(
      job('o/r#5', ['comment:2'], async () => {
        log.push('start 2');
        log.push('end 2');
      }),
    );
    await tick();
    expect(log).toEqual(['start 1']);
    expect(queue.running).toBe(1);
    expect(queue.pending).toBe(1);
    first.open();
    await queue.drain();
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('never runs more jobs at once than its concurrency, across keys', async () => {
    const queue = new WorkQueue({ concurrency: 3 });
    let active = 0;
    let peak = 0;
    for (let i = 0; i < 20; i++) {
      queue.enqueue(
        job(`o/r#${i % 7}`, [`d:${i}`], async () => {
          active++;
          peak = Math.max(peak, active);
          await tick();
          active--;
        }),
      );
    }
    expect(queue.running).toBe(3);
    await queue.drain();
    expect(peak).toBe(3);
    expect(active).toBe(0);
  });

  it('serves keys round-robin so one busy issue does not starve others', async () => {
    const queue = new WorkQueue({ concurrency: 1 });
    const order: string[] = [];
    const hold = gate();
    queue.enqueue(job('busy', ['b0'], () => hold.promise.then(() => void order.push('b0'))));
    for (let i = 1; i <= 3; i++) queue.enqueue(job('busy', [`b${i}`], async () => void order.push(`b${i}`)));
    queue.enqueue(job('other', ['o1'], async () => void order.push('o1')));
    hold.open();
    await queue.drain();
    expect(order.indexOf('o1')).toBeLessThan(order.indexOf('b2'));
  });

  it('logs a throwing job and keeps running the others', async () => {
    const logger = recordingLogger();
    const queue = new WorkQueue({ concurrency: 1, logger });
    const ran: string[] = [];
    queue.enqueue(
      job('o/r#1', ['x'], async () => {
        throw new Error('GitHub said 502');
      }),
    );
    queue.enqueue(
      job('o/r#1', ['y'], () => {
        throw new Error('thrown synchronously');
      }),
    );
    queue.enqueue(job('o/r#1', ['z'], async () => void ran.push('z')));
    await queue.drain();
    expect(ran).toEqual(['z']);
    expect(logger.errors).toEqual([
      expect.stringMatching(/^job x failed after \d+ ms: GitHub said 502$/),
      expect.stringMatching(/^job y failed after \d+ ms: thrown synchronously$/),
    ]);
  });

  it('forgets the dedupe ids of a failed job, so a redelivery can retry it', async () => {
    const queue = new WorkQueue({ concurrency: 1 });
    queue.enqueue(
      job('o/r#1', ['delivery:a'], async () => {
        throw new Error('boom');
      }),
    );
    await queue.drain();
    const retried: string[] = [];
    expect(queue.enqueue(job('o/r#1', ['delivery:a'], async () => void retried.push('a')))).toBe('queued');
    await queue.drain();
    expect(retried).toEqual(['a']);
  });

  it('remembers at most seenLimit ids, forgetting the oldest', async () => {
    const queue = new WorkQueue({ concurrency: 2, seenLimit: 3 });
    for (const id of ['a', 'b', 'c', 'd']) queue.enqueue(job('k', [id], async () => {}));
    await queue.drain();
    expect(queue.enqueue(job('k', ['a'], async () => {}))).toBe('queued');
    expect(queue.enqueue(job('k', ['d'], async () => {}))).toBe('duplicate');
    await queue.drain();
  });

  it('refuses an ifIdle job while its key is queued or running', async () => {
    const queue = new WorkQueue({ concurrency: 2 });
    const hold = gate();
    expect(
      queue.enqueue(
        job('sweep', [], () => hold.promise),
        { ifIdle: true },
      ),
    ).toBe('queued');
    expect(
      queue.enqueue(
        job('sweep', [], async () => {}),
        { ifIdle: true },
      ),
    ).toBe('busy');
    hold.open();
    await queue.drain();
    expect(
      queue.enqueue(
        job('sweep', [], async () => {}),
        { ifIdle: true },
      ),
    ).toBe('queued');
    await queue.drain();
  });

  it('drains jobs enqueued while draining', async () => {
    const queue = new WorkQueue({ concurrency: 1 });
    const ran: string[] = [];
    queue.enqueue(
      job('a', ['1'], async () => {
        await tick();
        queue.enqueue(job('a', ['2'], async () => void ran.push('2')));
        ran.push('1');
      }),
    );
    await queue.drain();
    expect(ran).toEqual(['1', '2']);
    await expect(queue.drain()).resolves.toBeUndefined();
  });

  it('rejects a concurrency below 1', () => {
    expect(() => new WorkQueue({ concurrency: 0 })).toThrow(/positive integer/);
  });
});

describe('WorkQueue under a flood', () => {
  it('refuses jobs beyond its bound with `full`, keeps none of their dedupe ids, and runs all it took', async () => {
    const queue = new WorkQueue({ concurrency: 1, maxPending: 2 });
    const hold = gate();
    const ran: string[] = [];
    const results = [];
    for (let i = 0; i < 5; i++) {
      results.push(
        queue.enqueue(
          job(`o/r#${i}`, [`d:${i}`], async () => {
            await hold.promise;
            ran.push(`d:${i}`);
          }),
        ),
      );
    }
    // One runs, two wait, two are refused (the webhook answers 503: GitHub can redeliver them).
    expect(results).toEqual(['queued', 'queued', 'queued', 'full', 'full']);
    expect(queue.running + queue.pending).toBe(3);
    hold.open();
    await queue.drain();
    expect(ran).toEqual(['d:0', 'd:1', 'd:2']);
    expect(queue.enqueue(job('o/r#3', ['d:3'], async () => void ran.push('d:3')))).toBe('queued');
    await queue.drain();
    expect(ran).toContain('d:3');
  });

  it('takes nothing once closed, and finishes what it holds', async () => {
    const queue = new WorkQueue({ concurrency: 1 });
    let runs = 0;
    queue.enqueue(job('o/r#1', ['a'], async () => void runs++));
    queue.enqueue(job('o/r#1', ['b'], async () => void runs++));
    await queue.close();
    expect(runs).toBe(2);
    expect(queue.enqueue(job('o/r#1', ['c'], async () => void runs++))).toBe('full');
  });
});
