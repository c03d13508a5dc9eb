import { describe, expect, it } from 'vitest';
import { configSchema, sandboxOffAcknowledgement } from '../../../src/core/config/config-schema.js';

describe('the sandbox section', () => {
  it('defaults to a sandbox with no network', () => {
    expect(configSchema.parse({}).sandbox).toMatchObject({ mode: 'auto', network: 'none', hide: [] });
  });

  it('refuses mode: off without the acknowledgement, naming the key to add', () => {
    const result = configSchema.safeParse({ sandbox: { mode: 'off' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['sandbox', 'mode']);
    expect(result.error?.issues[0]?.message).toContain(`${sandboxOffAcknowledgement}: true`);
  });

  it('accepts mode: off with the acknowledgement', () => {
    const parsed = configSchema.parse({ sandbox: { mode: 'off', [sandboxOffAcknowledgement]: true } });
    expect(parsed.sandbox.mode).toBe('off');
  });

  it.each([
    ['https://registry.npmjs.org', false],
    ['registry.npmjs.org/path', false],
    ['*.*.org', false],
    ['evil*.org', false],
    ['registry.npmjs.org', true],
    ['*.pythonhosted.org', true],
    ['localhost:4873', true],
  ])('network allow entry %s is valid: %s', (host, valid) => {
    expect(configSchema.safeParse({ sandbox: { network: { allow: [host] } } }).success).toBe(valid);
  });

  it('refuses a relative hidden path', () => {
    expect(configSchema.safeParse({ sandbox: { hide: ['secrets'] } }).success).toBe(false);
  });
});
