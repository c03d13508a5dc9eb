import { describe, expect, it } from 'vitest';
import { sendWithReplicationRetries } from '../../../src/adapters/github/scoped-installation-auth.js';

const unauthorized = () => Object.assign(new Error('Bad credentials'), { status: 401 });

function flaky(failures: Array<Error | undefined>) {
  let calls = 0;
  return {
    calls: () => calls,
    send: async () => {
      const failure = failures[calls++];
      if (failure) throw failure;
      return 'ok';
    },
  };
}

describe('sendWithReplicationRetries (a token GitHub has not replicated yet)', () => {
  it('retries a 401 within five seconds of minting, after 1 s then 2 s', async () => {
    const waits: number[] = [];
    const api = flaky([unauthorized(), unauthorized()]);
    const fresh = new Date().toISOString();
    const answer = await sendWithReplicationRetries(api.send, fresh, async (ms) => void waits.push(ms));
    expect(answer).toBe('ok');
    expect(waits).toEqual([1000, 2000]);
    expect(api.calls()).toBe(3);
  });

  it('throws a 401 of an older token, another status, or a token without a creation time, at once', async () => {
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    const old = new Date(Date.now() - 60_000).toISOString();
    await expect(sendWithReplicationRetries(flaky([unauthorized()]).send, old, wait)).rejects.toThrow(
      'Bad credentials',
    );
    const serverError = Object.assign(new Error('boom'), { status: 500 });
    const fresh = new Date().toISOString();
    await expect(sendWithReplicationRetries(flaky([serverError]).send, fresh, wait)).rejects.toThrow('boom');
    await expect(
      sendWithReplicationRetries(flaky([unauthorized()]).send, undefined as unknown as string, wait),
    ).rejects.toThrow('Bad credentials');
    expect(waits).toEqual([]);
  });
});
