import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createModel, resolveProvider } from '../../../src/adapters/model/create-model.js';
import { ModelError } from '../../../src/core/errors.js';
import {
  CONTEXT,
  harness,
  PLANTED_KEY,
  PROMPT,
  planSchema,
  SYSTEM,
  settings,
  validPlan,
} from './model-test-kit.js';

const compatible = settings({
  provider: 'openai-compatible',
  planner: 'qwen2.5-coder:32b',
  executor: 'qwen2.5-coder:32b',
  baseUrl: 'http://llm.internal:11434/v1/',
});

describe('OpenAI-compatible endpoint at a custom base URL', () => {
  it('posts to {base}/chat/completions without a key and records usage', async () => {
    const bodies: Record<string, unknown>[] = [];
    let authorization: string | undefined = 'unset';
    const scope = nock('http://llm.internal:11434')
      .post('/v1/chat/completions', (body) => bodies.push(body) > 0)
      .reply(function () {
        authorization = this.req.headers.authorization;
        return [
          200,
          {
            id: 'cmpl-1',
            object: 'chat.completion',
            created: 1,
            model: 'qwen2.5-coder:32b',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: JSON.stringify(validPlan) },
                finish_reason: 'stop',
              },
            ],
            usage: { prompt_tokens: 400, completion_tokens: 50, total_tokens: 450 },
          },
        ];
      });
    const h = harness();
    const model = createModel(compatible, { env: {}, ...h });

    const result = await model.generateObject({
      name: 'plan',
      phase: 'planning',
      system: SYSTEM,
      context: CONTEXT,
      prompt: PROMPT,
      schema: planSchema,
    });

    scope.done();
    expect(result.object).toEqual(validPlan);
    expect(authorization).toBeUndefined();
    expect(bodies[0]).toMatchObject({ model: 'qwen2.5-coder:32b', response_format: { type: 'json_schema' } });
    expect(model.describe('implementation')).toBe('openai-compatible:qwen2.5-coder:32b');
    // A local model has no list price: counted in tokens, reported as unpriced.
    expect(h.ledger.total()).toMatchObject({
      inputTokens: 400,
      outputTokens: 50,
      costUsd: 0,
      unpricedModels: ['qwen2.5-coder:32b'],
    });
  });

  it('names the endpoint in a 404', async () => {
    const scope = nock('http://llm.internal:11434')
      .post('/v1/chat/completions')
      .reply(404, { error: { message: 'model "qwen9" not found, try pulling it first' } });
    const model = createModel({ ...compatible, planner: 'qwen9' }, { env: {}, ...harness() });

    await expect(
      model.generateObject({
        name: 'plan',
        phase: 'planning',
        system: SYSTEM,
        prompt: PROMPT,
        schema: planSchema,
      }),
    ).rejects.toMatchObject({
      kind: 'not-found',
      message:
        'OpenAI-compatible endpoint http://llm.internal:11434/v1 does not know this model or endpoint (404): model "qwen9" not found, try pulling it first; check model.planner / model.executor in .github/maestro.yml and model.base_url.',
    });
    scope.done();
  });
});

describe('resolveProvider', () => {
  it.each([
    [
      'anthropic',
      {},
      'Set ANTHROPIC_API_KEY, or choose another provider with model.provider in .github/maestro.yml (or OPENAI_API_KEY with model.provider: openai).',
    ],
    [
      'openai',
      {},
      'Set OPENAI_API_KEY, or choose another provider with model.provider in .github/maestro.yml (or ANTHROPIC_API_KEY with model.provider: anthropic).',
    ],
    [
      'anthropic',
      { apiKeyEnv: 'CORP_CLAUDE_KEY' },
      'Set CORP_CLAUDE_KEY (named by model.api_key_env in .github/maestro.yml), or choose another provider with model.provider in .github/maestro.yml (or OPENAI_API_KEY with model.provider: openai).',
    ],
    [
      'openai-compatible',
      { baseUrl: undefined },
      'model.provider openai-compatible needs an endpoint; set model.base_url in .github/maestro.yml (or OPENAI_BASE_URL), e.g. http://localhost:11434/v1.',
    ],
  ] as const)('explains a missing %s setting', (provider, extra, message) => {
    const error = (() => {
      try {
        resolveProvider({ ...settings({ provider }), ...extra }, { ANTHROPIC_BASE_URL: 'https://x.test' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ kind: 'not-configured', resumable: false, message });
  });

  it('never returns the key, and reads the standard base URL variables', () => {
    const resolved = resolveProvider(settings(), {
      ANTHROPIC_API_KEY: PLANTED_KEY,
      ANTHROPIC_BASE_URL: 'https://gw.test/anthropic/',
    });
    expect(resolved).toEqual({
      provider: 'anthropic',
      name: 'Anthropic',
      baseUrl: 'https://gw.test/anthropic/v1',
      baseUrlSource: 'ANTHROPIC_BASE_URL',
      keyEnv: 'ANTHROPIC_API_KEY',
      hasKey: true,
    });
    expect(JSON.stringify(resolved)).not.toContain(PLANTED_KEY);
  });

  it('lets model.base_url override the environment', () => {
    const resolved = resolveProvider(
      settings({ provider: 'openai', planner: 'gpt-4o', baseUrl: 'https://proxy.test/v1' }),
      {
        OPENAI_API_KEY: 'k',
        OPENAI_BASE_URL: 'https://other.test/v1',
      },
    );
    expect(resolved).toMatchObject({ baseUrl: 'https://proxy.test/v1', baseUrlSource: 'model.base_url' });
  });

  it('requires a planner and an executor model', () => {
    expect(() => resolveProvider(settings({ executor: ' ' }), { ANTHROPIC_API_KEY: 'k' })).toThrow(
      'No executor model is set; set model.executor in .github/maestro.yml.',
    );
  });
});
