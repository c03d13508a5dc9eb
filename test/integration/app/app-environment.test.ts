import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appEnvironment } from '../../../src/app/app-environment.js';
import { tempDir } from '../../support/temp-repo.js';
import { testPrivateKey } from './webhook-support.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const complete = { APP_ID: '12345', PRIVATE_KEY: testPrivateKey, WEBHOOK_SECRET: 'hush' };

function ok(env: Record<string, string | undefined>, readFile?: (path: string) => string) {
  const result = appEnvironment(env, readFile);
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.problems.join('; ')}`);
  return result;
}

function problems(env: Record<string, string | undefined>): string[] {
  const result = appEnvironment(env, () => {
    throw Object.assign(new Error('nope'), { code: 'ENOENT' });
  });
  if (result.kind !== 'problems') throw new Error('expected problems');
  return result.problems;
}

describe('appEnvironment', () => {
  it('lists every missing credential with what to set', () => {
    expect(problems({})).toEqual([
      expect.stringMatching(/^APP_ID: not set — the App's numeric ID/),
      expect.stringMatching(/^PRIVATE_KEY: not set — .*or PRIVATE_KEY_PATH=/),
      expect.stringMatching(/^WEBHOOK_SECRET: not set — /),
    ]);
  });

  it('treats empty values (copied from .env.app.example) as unset', () => {
    expect(problems({ APP_ID: '', PRIVATE_KEY_PATH: ' ', WEBHOOK_SECRET: '' })).toHaveLength(3);
  });

  it('reports wrong values next to missing ones', () => {
    expect(
      problems({
        APP_ID: 'my-app',
        PRIVATE_KEY: 'not a key',
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        GHE_HOST: 'https://ghe.example.com/',
        MAESTRO_CONCURRENCY: '0',
        MAESTRO_RECONCILE_MINUTES: '-5',
      }),
    ).toEqual([
      "APP_ID: must be the App's numeric ID (App settings → General)",
      'PORT: must be a whole number from 0 to 65535',
      expect.stringMatching(/^LOG_LEVEL: must be one of trace, debug/),
      expect.stringMatching(/^GHE_HOST: must be a host name such as github.example.com/),
      'MAESTRO_CONCURRENCY: must be at least 1',
      'MAESTRO_RECONCILE_MINUTES: must be a whole number from 0 to 1440',
      expect.stringMatching(/^WEBHOOK_SECRET: not set/),
      expect.stringMatching(/^PRIVATE_KEY: is not a PEM private key/),
    ]);
  });

  it('applies the defaults', () => {
    const { env, warnings } = ok(complete);
    expect(env).toMatchObject({
      appId: 12345,
      webhookSecret: 'hush',
      port: 3000,
      host: undefined,
      logLevel: 'info',
      apiBaseUrl: 'https://api.github.com',
      gitBaseUrl: 'https://github.com',
      concurrency: 4,
      reconcileMinutes: 15,
    });
    expect(warnings).toEqual([expect.stringContaining('No model key')]);
  });

  it('reads the key file at PRIVATE_KEY_PATH', () => {
    const dir = tempDir();
    cleanups.push(dir.dispose);
    const path = join(dir.path, 'app.pem');
    writeFileSync(path, `${testPrivateKey}\n`);
    const { env } = ok({ ...complete, PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: path });
    expect(env.privateKey).toBe(testPrivateKey.trim());
  });

  it('says when PRIVATE_KEY_PATH cannot be read', () => {
    expect(problems({ ...complete, PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: '/nowhere/app.pem' })).toEqual([
      'PRIVATE_KEY_PATH: cannot read /nowhere/app.pem (ENOENT)',
    ]);
  });

  it('accepts a private key with \\n escapes or in base64', () => {
    const escaped = testPrivateKey.trim().replaceAll('\n', '\\n');
    expect(ok({ ...complete, PRIVATE_KEY: escaped }).env.privateKey).toBe(testPrivateKey.trim());
    const base64 = Buffer.from(testPrivateKey).toString('base64');
    expect(ok({ ...complete, PRIVATE_KEY: base64 }).env.privateKey).toBe(testPrivateKey.trim());
  });

  it('points the API and the clone URL at a GitHub Enterprise host', () => {
    const { env } = ok({ ...complete, GHE_HOST: 'github.example.com' });
    expect(env.apiBaseUrl).toBe('https://github.example.com/api/v3');
    expect(env.gitBaseUrl).toBe('https://github.example.com');
    const http = ok({ ...complete, GHE_HOST: 'ghe.local:8080', GHE_PROTOCOL: 'http' }).env;
    expect(http.apiBaseUrl).toBe('http://ghe.local:8080/api/v3');
  });

  it('parses the Maestro settings, 0 turning the sweep off', () => {
    const { env } = ok({ ...complete, MAESTRO_CONCURRENCY: '8', MAESTRO_RECONCILE_MINUTES: '0', PORT: '0' });
    expect([env.concurrency, env.reconcileMinutes, env.port]).toEqual([8, 0, 0]);
  });

  it('collects every secret to redact and drops the model-key warning when a key is set', () => {
    const { env, warnings } = ok({ ...complete, ANTHROPIC_API_KEY: 'sk-ant-xyz', CUSTOM_API_KEY: 'k2' });
    expect(env.secrets).toEqual(expect.arrayContaining(['sk-ant-xyz', 'k2', 'hush', testPrivateKey.trim()]));
    expect(warnings).toEqual([]);
  });
});
