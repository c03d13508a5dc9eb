import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  redactSecrets,
  serverRequestedWait,
} from '../../../src/adapters/model/retry-policy.js';

const now = new Date('2025-06-01T12:00:00Z');

describe('serverRequestedWait', () => {
  it.each([
    [{ 'retry-after-ms': '1500' }, 1500, 'retry-after-ms'],
    [{ 'retry-after': '2' }, 2000, 'retry-after'],
    [{ 'Retry-After': '0.5' }, 500, 'retry-after'],
    [{ 'retry-after': 'Sun, 01 Jun 2025 12:00:30 GMT' }, 30_000, 'retry-after'],
    [{ 'retry-after': 'Sun, 01 Jun 2025 11:00:00 GMT' }, 0, 'retry-after'],
  ])('reads %o as %i ms', (headers, ms, source) => {
    expect(serverRequestedWait(headers, now, 429)).toEqual({ ms, source });
  });

  it('uses the reset of the exhausted rate-limit counter only on a 429', () => {
    const headers = {
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1m30s',
      'x-ratelimit-remaining-tokens': '10',
      'x-ratelimit-reset-tokens': '2h',
    };
    expect(serverRequestedWait(headers, now, 429)).toEqual({
      ms: 90_000,
      source: 'x-ratelimit-reset-requests',
    });
    expect(serverRequestedWait(headers, now, 503)).toBeUndefined();
  });

  it('ignores headers it cannot read', () => {
    expect(serverRequestedWait({ 'retry-after': 'soon' }, now, 429)).toBeUndefined();
  });
});

describe('redactSecrets', () => {
  it('masks configured secrets and key-shaped strings', () => {
    expect(redactSecrets('bad key my-corp-secret-123 and sk-proj-abcdef123456', ['my-corp-secret-123'])).toBe(
      'bad key *** and sk-***',
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [750, '750 ms'],
    [2000, '2 s'],
    [60_000, '60 s'],
    [8_000_000, '2 h 13 min 20 s'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
