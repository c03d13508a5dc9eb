import { describe, expect, it } from 'vitest';
import { coalesced } from '../../../src/engine/phases/coalesced.js';

/** A work function whose runs are ended by the test, one at a time, in order. */
function controlledWork() {
  const runs: { started: number; end: (error?: Error) => void }[] = [];
  let clock = 0;
  let active = 0;
  let mostAtOnce = 0;
  const work = () =>
    new Promise<void>((resolve, reject) => {
      active += 1;
      mostAtOnce = Math.max(mostAtOnce, active);
      runs.push({
        started: ++clock,
        end: (error) => {
          active -= 1;
          if (error) reject(error);
          else resolve();
        },
      });
    });
  return { work, runs, tick: () => ++clock, mostAtOnce: () => mostAtOnce };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesced', () => {
  it('runs at once when idle, and calls made meanwhile share one later run', async () => {
    const w = controlledWork();
    const save = coalesced(w.work);
    const ended: string[] = [];

    const first = save().then(() => ended.push('first'));
    await settle();
    const calledAt = w.tick();
    const second = save().then(() => ended.push('second'));
    const third = save().then(() => ended.push('third'));
    await settle();
    expect(w.runs).toHaveLength(1);

    w.runs[0]!.end();
    await first;
    await settle();
    expect(ended).toEqual(['first']);
    expect(w.runs).toHaveLength(2);
    // The shared run started after the calls were made, so it saves what they changed.
    expect(w.runs[1]!.started).toBeGreaterThan(calledAt);

    w.runs[1]!.end();
    await Promise.all([second, third]);
    expect(ended).toEqual(['first', 'second', 'third']);
    expect(w.runs).toHaveLength(2);
    expect(w.mostAtOnce()).toBe(1);
  });

  it('gives a failed run’s error to its callers, and the next call runs again', async () => {
    const w = controlledWork();
    const save = coalesced(w.work);

    const failing = save();
    await settle();
    w.runs[0]!.end(new Error('disk full'));
    await expect(failing).rejects.toThrow('disk full');

    const again = save();
    await settle();
    expect(w.runs).toHaveLength(2);
    w.runs[1]!.end();
    await expect(again).resolves.toBeUndefined();
  });

  it('a call waiting behind a failed run still gets its own run', async () => {
    const w = controlledWork();
    const save = coalesced(w.work);

    const failing = save();
    const waiting = save();
    await settle();
    w.runs[0]!.end(new Error('torn'));
    await expect(failing).rejects.toThrow('torn');
    await settle();
    expect(w.runs).toHaveLength(2);
    w.runs[1]!.end();
    await expect(waiting).resolves.toBeUndefined();
  });
});
