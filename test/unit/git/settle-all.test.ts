import { describe, expect, it } from 'vitest';
import { settleAll } from '../../../src/adapters/git/settle-all.js';

describe('settleAll', () => {
  it('gives every value in order', async () => {
    expect(await settleAll([Promise.resolve(1), Promise.resolve('two')] as const)).toEqual([1, 'two']);
  });

  it('rejects with the first failure only once every step has finished', async () => {
    let slowDone = false;
    const slow = new Promise<void>((resolve) =>
      setTimeout(() => {
        slowDone = true;
        resolve();
      }, 50),
    );
    const failed = settleAll([Promise.reject(new Error('first')), slow] as const);
    await expect(failed).rejects.toThrow('first');
    expect(slowDone).toBe(true);
  });
});
