import { describe, expect, it } from 'vitest';
import { cliRedactor } from '../../../src/cli/cli-secrets.js';
import { secretsFromEnvironment } from '../../../src/core/policy/commit-scan/secrets-from-environment.js';

describe('secretsFromEnvironment', () => {
  it('takes GITHUB_TOKEN, GH_TOKEN and every *_API_KEY / *_TOKEN value, nothing else', () => {
    const env = {
      GITHUB_TOKEN: 'gh-token-value',
      GH_TOKEN: 'gh-cli-value',
      ANY_API_KEY: 'any-key-value',
      ANTHROPIC_AUTH_TOKEN: 'auth-token-value',
      HOME: '/home/me',
      PATH: '/usr/bin',
      TOKENIZER: 'not-a-secret',
      EMPTY_TOKEN: '  ',
    };
    expect(secretsFromEnvironment(env).sort()).toEqual(
      ['any-key-value', 'auth-token-value', 'gh-cli-value', 'gh-token-value'].sort(),
    );
  });

  it('redacts those values in every encoding and token shapes without a variable', () => {
    const redact = cliRedactor({ MY_TOKEN: 'plain/value+1' });
    expect(redact('a plain/value+1 b plain%2Fvalue%2B1 c ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toBe(
      'a [REDACTED] b [REDACTED] c [REDACTED]',
    );
  });
});
