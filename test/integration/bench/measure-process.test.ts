import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interleave, pairwiseRatio, runOnce, spread } from '../../../bench/support/measure-process.js';

describe.each([
  ['GNU time', '0'],
  ['/proc polling', '1'],
])('whole-process measurement for the benchmarks (%s)', (_, noGnuTime) => {
  beforeEach(() => {
    process.env.BENCH_NO_GNU_TIME = noGnuTime;
  });
  afterEach(() => {
    delete process.env.BENCH_NO_GNU_TIME;
  });

  it('times a real child, its first output and its peak RSS (a 64 MiB buffer shows)', async () => {
    const small = await runOnce({ name: 'small', command: process.execPath, args: ['-e', 'console.log(1)'] });
    const big = await runOnce({
      name: 'big',
      command: process.execPath,
      args: ['-e', 'const b = Buffer.alloc(64 * 2 ** 20, 1); console.log(b[0]); setTimeout(() => {}, 50)'],
    });
    expect(small.stdout.trim()).toBe('1');
    expect(small.firstOutputMs).toBeGreaterThan(0);
    expect(small.firstOutputMs!).toBeLessThanOrEqual(small.ms);
    expect(big.peakRssMb! - small.peakRssMb!).toBeGreaterThan(50);
  });

  it('alternates the order every repetition and refuses a failed run', async () => {
    const order: string[] = [];
    const variant = (name: string) => ({ name, command: process.execPath, args: ['-e', '0'] });
    const samples = await interleave([variant('A'), variant('B')], 3, (v) => order.push(v.name));
    expect(order).toEqual(['A', 'B', 'B', 'A', 'A', 'B']);
    expect(samples.get('A')).toHaveLength(3);
    await expect(
      runOnce({ name: 'fails', command: process.execPath, args: ['-e', 'process.exit(3)'] }),
    ).rejects.toThrow(/fails: exit 3/);
  });

  it('summarises as median, min and max, and pairs ratios by repetition', () => {
    expect(spread([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
    expect(spread([4, 1, 3, 2]).median).toBe(2.5);
    expect(pairwiseRatio([2, 9, 4], [1, 3, 8])).toEqual({ median: 2, min: 0.5, max: 3, n: 3 });
  });
});
