import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrackingView } from '../../../src/core/report/render-tracking.js';
import type { MarkerState } from '../../../src/core/state/state-marker.js';
import { TrackingComment } from '../../../src/engine/github/tracking-comment.js';
import type { Clock } from '../../../src/ports/clock-port.js';
import type { CommentKey, IssueComment, IssueHost } from '../../../src/ports/issue-host-port.js';
import type { Logger } from '../../../src/ports/logger-port.js';

interface Write {
  issue: number;
  state: MarkerState & CommentKey;
  visible: string;
}

/** Records writes; each write waits for `release()` when `hold` is set, and may be told to fail. */
function recordingHost() {
  const writes: Write[] = [];
  const failures: Error[] = [];
  let active = 0;
  let maxActive = 0;
  let hold = false;
  const waiting: (() => void)[] = [];
  const host = {
    async upsertOwnComment(issue: number, state: MarkerState & CommentKey, visible: string) {
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        if (hold) await new Promise<void>((resolve) => waiting.push(resolve));
        const failure = failures.shift();
        if (failure) throw failure;
        writes.push({ issue, state, visible });
        return { id: 1, body: visible } as IssueComment;
      } finally {
        active--;
      }
    },
  } as unknown as IssueHost;
  return {
    host,
    writes,
    failNext: (error: Error) => failures.push(error),
    hold: (on: boolean) => {
      hold = on;
    },
    release: () => {
      for (const resolve of waiting.splice(0)) resolve();
    },
    get pending() {
      return waiting.length;
    },
    get maxActive() {
      return maxActive;
    },
  };
}

function initialView(): TrackingView {
  return {
    issue: 12,
    status: 'running',
    phasesDone: [1],
    iteration: 0,
    maxIterations: 3,
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    startedAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    lastLines: [],
  };
}

const clock: Clock = { now: () => new Date(Date.now()), sleep: async () => {} };

function recordingLogger() {
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} };
  return { logger, warnings };
}

function setup(debounceMs = 3000) {
  const fake = recordingHost();
  const log = recordingLogger();
  const tracking = new TrackingComment({
    host: fake.host,
    issue: 12,
    view: initialView(),
    debounceMs,
    clock,
    logger: log.logger,
  });
  return { fake, log, tracking };
}

describe('TrackingComment', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-01-01T00:10:00.000Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes nothing until the debounce window ends, then exactly once for 200 events', async () => {
    const { fake, tracking } = setup();
    tracking.phase(3, 'Implementation');
    for (let i = 0; i < 200; i++) tracking.step(`step ${i}`);
    await vi.advanceTimersByTimeAsync(2999);
    expect(fake.writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.writes).toHaveLength(1);

    const write = fake.writes[0]!;
    expect(write.issue).toBe(12);
    expect(write.state).toMatchObject({ kind: 'tracking', issue: 12, status: 'running' });
    const view = (write.state.data as { view: TrackingView }).view;
    expect(view.lastLines).toHaveLength(8);
    expect(view.lastLines.at(-1)).toBe('→ step 199');
    expect(view.phase).toEqual({ number: 3, title: 'Implementation' });
    expect(view.phasesDone).toEqual([1, 2]);
    expect(view.updatedAt).toBe('2025-01-01T00:10:00.000Z');
    expect(write.visible).toContain('- → step 199');
    expect(write.visible).not.toContain('<!--');
  });

  it('prefixes lines like the terminal', async () => {
    const { fake, tracking } = setup();
    tracking.step('Running T1');
    tracking.done('T1 complete');
    tracking.warn('T2 retried');
    await tracking.flush();
    const view = (fake.writes[0]!.state.data as { view: TrackingView }).view;
    expect(view.lastLines).toEqual(['→ Running T1', '✓ T1 complete', '⚠ T2 retried']);
  });

  it('writes again after the next window when more events come', async () => {
    const { fake, tracking } = setup();
    tracking.step('one');
    await vi.advanceTimersByTimeAsync(3000);
    tracking.step('two');
    await vi.advanceTimersByTimeAsync(3000);
    expect(fake.writes).toHaveLength(2);
    expect(fake.writes[1]!.visible).toContain('- → two');
  });

  it('flush writes what is pending at once and cancels the timer', async () => {
    const { fake, tracking } = setup();
    tracking.update({ iteration: 2, gates: [{ name: 'test', baseline: 'pass', current: 'fail' }] });
    await tracking.flush();
    expect(fake.writes).toHaveLength(1);
    expect(fake.writes[0]!.visible).toContain('**Iteration:** 2 / 3');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.writes).toHaveLength(1);
  });

  it('flush with nothing pending writes nothing', async () => {
    const { fake, tracking } = setup();
    await tracking.flush();
    expect(fake.writes).toHaveLength(0);
  });

  it('never runs two writes at once, and writes the latest state after the one in flight', async () => {
    const { fake, tracking } = setup();
    fake.hold(true);
    tracking.step('first');
    const first = tracking.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.pending).toBe(1);

    tracking.step('second');
    const second = tracking.flush();
    const third = tracking.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.pending).toBe(1);

    fake.hold(false);
    fake.release();
    await Promise.all([first, second, third]);
    expect(fake.maxActive).toBe(1);
    expect(fake.writes).toHaveLength(2);
    expect(fake.writes[1]!.visible).toContain('- → second');
  });

  it('logs a failed write, does not throw, and retries at the next flush', async () => {
    const { fake, log, tracking } = setup();
    fake.failNext(new Error('502 Bad Gateway'));
    tracking.step('hello');
    await expect(tracking.flush()).resolves.toBeUndefined();
    expect(fake.writes).toHaveLength(0);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toContain('502 Bad Gateway');

    await tracking.flush();
    expect(fake.writes).toHaveLength(1);
    expect(fake.writes[0]!.visible).toContain('- → hello');
    await tracking.flush();
    expect(fake.writes).toHaveLength(1);
  });

  it('a failed timer write does not reject anywhere', async () => {
    const { fake, log, tracking } = setup();
    fake.failNext(new Error('boom'));
    tracking.step('x');
    await vi.advanceTimersByTimeAsync(3000);
    expect(log.warnings).toHaveLength(1);
    await tracking.flush();
    expect(fake.writes).toHaveLength(1);
  });

  it('finish writes the final state immediately', async () => {
    const { fake, tracking } = setup();
    tracking.step('working');
    await tracking.finish({
      status: 'failed',
      failure: { what: 'Gate test failed', kept: 'maestro/issue-12-x at abc1234', next: 'Fix it.' },
    });
    expect(fake.writes).toHaveLength(1);
    const write = fake.writes[0]!;
    expect(write.state.status).toBe('failed');
    expect(write.visible).toContain('### What failed');
    expect(write.visible).toContain('comment `/maestro resume` to continue from the last checkpoint');
    expect(tracking.view.status).toBe('failed');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.writes).toHaveLength(1);
  });

  it('keeps task titles in the marker at 80 characters', async () => {
    const { fake, tracking } = setup();
    await tracking.finish({ tasks: [{ id: 'T1', title: 'x'.repeat(500), group: 1, status: 'pending' }] });
    const view = (fake.writes[0]!.state.data as { view: TrackingView }).view;
    expect(view.tasks?.[0]?.title.length).toBe(80);
  });
});
