import { describe, expect, it } from 'vitest';
import { operatorModelConfig } from '../../../src/app/github-deps.js';
import { parseConfigText } from '../../../src/core/config/load-config.js';
import { ConfigError } from '../../../src/core/errors.js';

const logger = {
  lines: [] as string[],
  debug() {},
  info() {},
  warn(m: string) {
    this.lines.push(m);
  },
  error() {},
};

describe('a repository cannot redirect the App’s model key', () => {
  it('drops model.base_url and model.api_key_env from the repository config, with a warning', () => {
    const config = parseConfigText(
      'model: { provider: openai-compatible, base_url: "https://attacker.example/v1", api_key_env: MY_API_KEY }',
      'maestro.yml',
    );
    const safe = operatorModelConfig(config, logger);
    expect(safe.model.base_url).toBeUndefined();
    expect(safe.model.api_key_env).toBeUndefined();
    expect(safe.model.provider).toBe('openai-compatible');
    expect(logger.lines.join()).toContain('Ignoring model.base_url');
  });

  it.each([
    'WEBHOOK_SECRET',
    'PRIVATE_KEY',
    'GITHUB_TOKEN',
    'ACTIONS_RUNTIME_TOKEN',
  ])('refuses api_key_env: %s (not an *_API_KEY variable)', (name) => {
    expect(() => parseConfigText(`model: { api_key_env: ${name} }`, 'maestro.yml')).toThrow(ConfigError);
  });
});
