import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createModel } from '../../../src/adapters/model/create-model.js';
import { BudgetExceededError, ModelError } from '../../../src/core/errors.js';
import { ask, CONTEXT, harness, PLANTED_KEY, PROMPT, SYSTEM, settings, validPlan } from './model-test-kit.js';

const BASE = 'https://anthropic.test';

function anthropicModel(h = harness(), overrides = {}) {
  const model = createModel(settings(overrides), {
    env: { ANTHROPIC_API_KEY: PLANTED_KEY, ANTHROPIC_BASE_URL: BASE },
    ...h,
  });
  return { model, ...h };
}

function message(
  text: string,
  usage = {
    input_tokens: 120,
    output_tokens: 40,
    cache_read_input_tokens: 2000,
    cache_creation_input_tokens: 0,
  },
) {
  return {
    id: 'msg_01',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5-20250929',
    content: [{ type: 'text', text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage,
  };
}

const anthropicError = (type: string, text: string) => ({ type: 'error', error: { type, message: text } });

describe('Anthropic Messages API: structured output', () => {
  it('sends system and context first as cacheable parts, the prompt last, and the key only in a header', async () => {
    const bodies: Record<string, unknown>[] = [];
    let rawBody = '';
    const scope = nock(BASE)
      .matchHeader('x-api-key', PLANTED_KEY)
      .matchHeader('anthropic-version', '2023-06-01')
      .post('/v1/messages', (body) => {
        bodies.push(body);
        rawBody = JSON.stringify(body);
        return true;
      })
      .reply(200, message(JSON.stringify(validPlan)));
    const { model, ledger } = anthropicModel();

    const result = await ask(model);

    scope.done();
    expect(result).toMatchObject({ object: validPlan, repaired: false });
    const body = bodies[0] as { system: unknown; messages: unknown; model: string; output_config: unknown };
    expect(body.model).toBe('claude-sonnet-4-5');
    expect(body.system).toEqual([{ type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } }]);
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: CONTEXT, cache_control: { type: 'ephemeral' } },
          { type: 'text', text: PROMPT },
        ],
      },
    ]);
    expect(body.output_config).toMatchObject({
      format: { type: 'json_schema', schema: { type: 'object', required: ['title', 'steps'] } },
    });
    expect(rawBody).not.toContain(PLANTED_KEY);
    // input_tokens excludes cache reads on the wire; the ledger holds the total with the cached subset.
    expect(ledger.calls).toEqual([
      expect.objectContaining({
        phase: 'planning',
        model: 'claude-sonnet-4-5',
        inputTokens: 2120,
        cachedInputTokens: 2000,
        cacheWriteTokens: 0,
        outputTokens: 40,
      }),
    ]);
    expect(ledger.total().costUsd).toBeCloseTo((120 * 3 + 2000 * 0.3 + 40 * 15) / 1e6, 12);
    expect(model.describe('planning')).toBe('anthropic:claude-sonnet-4-5');
    expect(model.describe('implementation')).toBe('anthropic:claude-haiku-4-5');
  });

  it('honours retry-after: 2 on a 429, then succeeds with the usage counted once', async () => {
    const scope = nock(BASE)
      .post('/v1/messages')
      .reply(
        429,
        anthropicError(
          'rate_limit_error',
          'Number of request tokens has exceeded your per-minute rate limit',
        ),
        { 'retry-after': '2' },
      )
      .post('/v1/messages')
      .reply(200, message(JSON.stringify(validPlan)));
    const { model, clock, ledger } = anthropicModel();

    await expect(ask(model)).resolves.toMatchObject({ object: validPlan });

    scope.done();
    expect(clock.sleeps).toEqual([2000]);
    expect(ledger.calls).toHaveLength(1);
    expect(ledger.total().inputTokens).toBe(2120);
  });

  it('honours retry-after-ms: 1500', async () => {
    const scope = nock(BASE)
      .post('/v1/messages')
      .reply(429, anthropicError('rate_limit_error', 'slow down'), {
        'retry-after-ms': '1500',
        'retry-after': '2',
      })
      .post('/v1/messages')
      .reply(200, message(JSON.stringify(validPlan)));
    const { model, clock } = anthropicModel();

    await ask(model);

    scope.done();
    expect(clock.sleeps).toEqual([1500]);
  });

  it('retries at once when retry-after is a date already in the past', async () => {
    const scope = nock(BASE)
      .post('/v1/messages')
      .reply(429, anthropicError('rate_limit_error', 'slow down'), {
        'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT',
      })
      .post('/v1/messages')
      .reply(200, message(JSON.stringify(validPlan)));
    const { model, clock } = anthropicModel();

    await ask(model);

    scope.done();
    expect(clock.sleeps).toEqual([0]);
  });

  it('fails at once, resumable, when the server asks to wait longer than the cap (retry-after: 8000)', async () => {
    const scope = nock(BASE)
      .post('/v1/messages')
      .reply(429, anthropicError('rate_limit_error', 'slow down'), { 'retry-after': '8000' });
    const { model, clock, ledger } = anthropicModel();

    const error = await ask(model).catch((e: unknown) => e);

    scope.done();
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ kind: 'rate-limited', resumable: true, status: 429 });
    expect((error as Error).message).toBe(
      'Anthropic asked to wait 2 h 13 min 20 s before retrying (retry-after), longer than the 60 s allowed by model.max_retry_wait_seconds; run `maestro resume` after that.',
    );
    expect(clock.sleeps).toEqual([]);
    expect(ledger.calls).toHaveLength(0);
  });

  it('backs off with jitter through 529 overloaded ×3, then succeeds', async () => {
    const overloaded = anthropicError('overloaded_error', 'Overloaded');
    const scope = nock(BASE)
      .post('/v1/messages')
      .times(3)
      .reply(529, overloaded)
      .post('/v1/messages')
      .reply(200, message(JSON.stringify(validPlan)));
    const { model, clock, ledger, logger } = anthropicModel();

    await expect(ask(model)).resolves.toMatchObject({ object: validPlan });

    scope.done();
    // base 1 s × 2^n, jitter pinned at 0.5 → ¾ of each step
    expect(clock.sleeps).toEqual([750, 1500, 3000]);
    expect(ledger.calls).toHaveLength(1);
    expect(logger.lines[0]).toBe('warn: Anthropic: 529 overloaded; retrying in 750 ms (retry 1 of 3).');
  });

  it('gives up after maxRetries with a resumable rate-limited error', async () => {
    const scope = nock(BASE)
      .post('/v1/messages')
      .times(4)
      .reply(529, anthropicError('overloaded_error', 'Overloaded'));
    const { model, clock } = anthropicModel();

    await expect(ask(model)).rejects.toMatchObject({
      kind: 'rate-limited',
      resumable: true,
      message:
        'Anthropic is still rate-limiting or overloaded (529 overloaded) after 3 retries; run `maestro resume` later.',
    });
    scope.done();
    expect(clock.sleeps).toHaveLength(3);
  });

  it('retries a 503 and a reset connection', async () => {
    const scope = nock(BASE)
      .post('/v1/messages')
      .reply(503, 'upstream unavailable')
      .post('/v1/messages')
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      .post('/v1/messages')
      .reply(200, message(JSON.stringify(validPlan)));
    const { model, clock, ledger } = anthropicModel();

    await ask(model);

    scope.done();
    expect(clock.sleeps).toEqual([750, 1500]);
    expect(ledger.calls).toHaveLength(1);
  });

  it('does not retry a 401 and never shows the key', async () => {
    const scope = nock(BASE)
      .post('/v1/messages')
      .reply(401, anthropicError('authentication_error', `invalid x-api-key ${PLANTED_KEY}`));
    const { model, clock } = anthropicModel();

    const error = (await ask(model).catch((e: unknown) => e)) as ModelError;

    scope.done();
    expect(error).toMatchObject({ kind: 'auth', resumable: false, status: 401 });
    expect(error.message).toBe('Anthropic rejected the API key (401); check ANTHROPIC_API_KEY.');
    expect(error.message).not.toContain(PLANTED_KEY);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not retry when the credit balance is too low', async () => {
    const scope = nock(BASE)
      .post('/v1/messages')
      .reply(
        400,
        anthropicError(
          'invalid_request_error',
          'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
        ),
      );
    const { model, clock } = anthropicModel();

    const error = (await ask(model).catch((e: unknown) => e)) as ModelError;

    scope.done();
    expect(error).toMatchObject({ kind: 'spend-limit', resumable: false });
    expect(error.message).toBe(
      'Anthropic refused the request because the account is out of credit or over its spend limit (400); add credit or raise the limit for the key in ANTHROPIC_API_KEY, then run `maestro resume`.',
    );
    expect(clock.sleeps).toEqual([]);
  });

  it('reports an unknown model (404) without retrying', async () => {
    const scope = nock(BASE)
      .post('/v1/messages')
      .reply(404, anthropicError('not_found_error', 'model: claude-nope'));
    const { model } = anthropicModel(harness(), { planner: 'claude-nope' });

    await expect(ask(model)).rejects.toMatchObject({
      kind: 'not-found',
      message:
        'Anthropic does not know this model or endpoint (404): model: claude-nope; check model.planner / model.executor in .github/maestro.yml and ANTHROPIC_BASE_URL.',
    });
    scope.done();
  });

  it('reports a bad request (400) with the provider message', async () => {
    const scope = nock(BASE)
      .post('/v1/messages')
      .reply(400, anthropicError('invalid_request_error', 'max_tokens: must be at most 64000'));
    const { model } = anthropicModel();

    await expect(ask(model)).rejects.toMatchObject({
      kind: 'bad-request',
      message: 'Anthropic rejected the request (400): max_tokens: must be at most 64000.',
    });
    scope.done();
  });
});

describe('Anthropic Messages API: the repair turn', () => {
  it('sends the validation error back once and accepts the repaired answer', async () => {
    const bodies: Array<{ messages: Array<{ role: string; content: unknown }> }> = [];
    const scope = nock(BASE)
      .post('/v1/messages', (body) => bodies.push(body) > 0)
      .reply(
        200,
        message('{"title": 5}', {
          input_tokens: 100,
          output_tokens: 10,
          cache_read_input_tokens: 0,
          cache_creation_input_tokens: 2000,
        }),
      )
      .post('/v1/messages', (body) => bodies.push(body) > 0)
      .reply(200, message(JSON.stringify(validPlan)));
    const { model, ledger } = anthropicModel();

    const result = await ask(model);

    scope.done();
    expect(result.repaired).toBe(true);
    expect(result.object).toEqual(validPlan);
    const repair = bodies[1]?.messages ?? [];
    expect(repair).toHaveLength(3);
    expect(repair[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: '{"title": 5}' }] });
    const feedback = JSON.stringify(repair[2]);
    expect(feedback).toContain('Your previous answer for \\"plan\\" was rejected');
    expect(feedback).toContain('title: Invalid input: expected string, received number');
    expect(feedback).toContain('steps: Invalid input: expected array, received undefined');
    // Both attempts were billed by the provider, so both are in the ledger, each once.
    expect(
      ledger.calls.map((call) => [call.inputTokens, call.cacheWriteTokens, call.cachedInputTokens]),
    ).toEqual([
      [2100, 2000, 0],
      [2120, 0, 2000],
    ]);
    expect(result.usage.inputTokens).toBe(4220);
    expect(result.usage.costUsd).toBeCloseTo(ledger.total().costUsd, 12);
  });

  it('fails with malformed-output naming the schema when the repair is still invalid', async () => {
    const scope = nock(BASE)
      .post('/v1/messages')
      .reply(200, message('not json at all'))
      .post('/v1/messages')
      .reply(200, message('{"title": "x", "steps": []}'));
    const { model, ledger } = anthropicModel();

    const error = (await ask(model).catch((e: unknown) => e)) as ModelError;

    scope.done();
    expect(error).toBeInstanceOf(ModelError);
    expect(error.kind).toBe('malformed-output');
    expect(error.message).toBe(
      'The model\'s answer did not match the "plan" schema even after one repair turn: steps: Too small: expected array to have >=1 items.',
    );
    expect(ledger.calls).toHaveLength(2);
  });
});

describe('budget', () => {
  it('refuses before calling the provider once the cost cap is spent', async () => {
    const h = harness();
    h.ledger.record({
      phase: 'planning',
      model: 'claude-sonnet-4-5',
      inputTokens: 1_000_000,
      outputTokens: 0,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
    });
    const { model } = anthropicModel(h, { budget: { maxCostUsd: 2, maxTokens: 0 } });

    // No nock scope: a request would fail with a network error instead of the budget error.
    await expect(ask(model)).rejects.toBeInstanceOf(BudgetExceededError);
    expect(h.ledger.calls).toHaveLength(1);
  });
});
