import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReconcileSchedule } from '../../../src/app/reconcile-schedule.js';
import { type Logger, silentLogger } from '../../../src/ports/logger-port.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startReconcileSchedule', () => {
  it('sweeps on start and then every N minutes until stopped', async () => {
    const sweep = vi.fn(async () => {});
    const schedule = startReconcileSchedule({ everyMinutes: 15, sweep, logger: silentLogger });
    await vi.advanceTimersByTimeAsync(0);
    expect(sweep).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(sweep).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(sweep).toHaveBeenCalledTimes(3);
    schedule.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(sweep).toHaveBeenCalledTimes(3);
  });

  it('waits firstDelayMs before the first sweep', async () => {
    const sweep = vi.fn(async () => {});
    const schedule = startReconcileSchedule({
      everyMinutes: 15,
      sweep,
      logger: silentLogger,
      firstDelayMs: 5000,
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(sweep).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(sweep).toHaveBeenCalledTimes(1);
    schedule.stop();
  });

  it('never sweeps by itself when the interval is 0, but can be asked to', async () => {
    const sweep = vi.fn(async () => {});
    const schedule = startReconcileSchedule({ everyMinutes: 0, sweep, logger: silentLogger });
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(sweep).not.toHaveBeenCalled();
    await schedule.sweep();
    expect(sweep).toHaveBeenCalledTimes(1);
  });

  it('logs a failing sweep and keeps the schedule', async () => {
    const errors: string[] = [];
    const logger: Logger = { ...silentLogger, error: (message) => void errors.push(message) };
    const sweep = vi.fn(async () => {
      throw new Error('GET /app/installations: 502');
    });
    const schedule = startReconcileSchedule({ everyMinutes: 1, sweep, logger });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sweep).toHaveBeenCalledTimes(2);
    expect(errors).toEqual([
      'reconcile sweep failed: GET /app/installations: 502',
      'reconcile sweep failed: GET /app/installations: 502',
    ]);
    schedule.stop();
  });
});
