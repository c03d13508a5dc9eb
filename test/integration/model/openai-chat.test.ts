import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createModel } from '../../../src/adapters/model/create-model.js';
import { ModelError } from '../../../src/core/errors.js';
import {
  ask,
  CONTEXT,
  harness,
  openaiSse,
  PLANTED_OPENAI_KEY,
  PROMPT,
  SYSTEM,
  scriptedServer,
  settings,
  sseHead,
  validPlan,
} from './model-test-kit.js';

const BASE = 'https://openai.test/v1';
const openaiSettings = settings({ provider: 'openai', planner: 'gpt-4o', executor: 'gpt-4o-mini' });

let server: Awaited<ReturnType<typeof scriptedServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function completion(content: string) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_750_000_000,
    model: 'gpt-4o-2024-08-06',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: 1200,
      completion_tokens: 30,
      total_tokens: 1230,
      prompt_tokens_details: { cached_tokens: 1024 },
    },
  };
}

const openaiError = (type: string, code: string, message: string) => ({
  error: { message, type, param: null, code },
});

describe('OpenAI Chat Completions: structured output', () => {
  it('sends the schema as response_format, system and context first, the key only in the header', async () => {
    const bodies: Record<string, unknown>[] = [];
    const scope = nock(BASE)
      .matchHeader('authorization', `Bearer ${PLANTED_OPENAI_KEY}`)
      .post('/chat/completions', (body) => bodies.push(body) > 0)
      .reply(200, completion(JSON.stringify(validPlan)));
    const h = harness();
    const model = createModel(openaiSettings, {
      env: { OPENAI_API_KEY: PLANTED_OPENAI_KEY, OPENAI_BASE_URL: BASE },
      ...h,
    });

    const result = await ask(model);

    scope.done();
    expect(result.object).toEqual(validPlan);
    const body = bodies[0] as { model: string; messages: unknown; response_format: unknown };
    expect(body.model).toBe('gpt-4o');
    expect(body.messages).toEqual([
      { role: 'system', content: SYSTEM },
      {
        role: 'user',
        content: [
          { type: 'text', text: CONTEXT },
          { type: 'text', text: PROMPT },
        ],
      },
    ]);
    expect(body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'plan', strict: false, schema: { type: 'object', required: ['title', 'steps'] } },
    });
    expect(JSON.stringify(body)).not.toContain(PLANTED_OPENAI_KEY);
    // prompt_tokens already includes cached_tokens: the cached part is priced at the cached rate only.
    expect(h.ledger.calls).toEqual([
      expect.objectContaining({
        model: 'gpt-4o',
        inputTokens: 1200,
        cachedInputTokens: 1024,
        outputTokens: 30,
      }),
    ]);
    expect(h.ledger.total().costUsd).toBeCloseTo((176 * 2.5 + 1024 * 1.25 + 30 * 10) / 1e6, 12);
    expect(model.describe('planning')).toBe('openai:gpt-4o');
  });

  it('does not retry insufficient_quota even though it comes with a 429', async () => {
    const scope = nock(BASE)
      .post('/chat/completions')
      .reply(
        429,
        openaiError(
          'insufficient_quota',
          'insufficient_quota',
          'You exceeded your current quota, please check your plan and billing details.',
        ),
      );
    const h = harness();
    const model = createModel(openaiSettings, {
      env: { OPENAI_API_KEY: PLANTED_OPENAI_KEY, OPENAI_BASE_URL: BASE },
      ...h,
    });

    await expect(ask(model)).rejects.toMatchObject({
      kind: 'spend-limit',
      resumable: false,
      message:
        'OpenAI refused the request because the account is out of credit or over its spend limit (429); add credit or raise the limit for the key in OPENAI_API_KEY, then run `maestro resume`.',
    });
    scope.done();
    expect(h.clock.sleeps).toEqual([]);
  });

  it('keeps the echoed key out of a 401 message and does not retry', async () => {
    const scope = nock(BASE)
      .post('/chat/completions')
      .reply(
        401,
        openaiError(
          'invalid_request_error',
          'invalid_api_key',
          `Incorrect API key provided: ${PLANTED_OPENAI_KEY}.`,
        ),
      );
    const h = harness();
    const model = createModel(
      { ...openaiSettings, apiKeyEnv: 'MAESTRO_OPENAI_KEY' },
      { env: { MAESTRO_OPENAI_KEY: PLANTED_OPENAI_KEY, OPENAI_BASE_URL: BASE }, ...h },
    );

    const error = (await ask(model).catch((e: unknown) => e)) as ModelError;

    scope.done();
    expect(error).toBeInstanceOf(ModelError);
    expect(error.message).toBe('OpenAI rejected the API key (401); check MAESTRO_OPENAI_KEY.');
    expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain(PLANTED_OPENAI_KEY);
  });

  it('waits for x-ratelimit-reset-tokens when the token counter is exhausted', async () => {
    const scope = nock(BASE)
      .post('/chat/completions')
      .reply(
        429,
        openaiError('tokens', 'rate_limit_exceeded', 'Rate limit reached for gpt-4o on tokens per min (TPM)'),
        {
          'x-ratelimit-remaining-requests': '499',
          'x-ratelimit-reset-requests': '120ms',
          'x-ratelimit-remaining-tokens': '0',
          'x-ratelimit-reset-tokens': '6.5s',
        },
      )
      .post('/chat/completions')
      .reply(200, completion(JSON.stringify(validPlan)));
    const h = harness();
    const model = createModel(openaiSettings, {
      env: { OPENAI_API_KEY: PLANTED_OPENAI_KEY, OPENAI_BASE_URL: BASE },
      ...h,
    });

    await ask(model);

    scope.done();
    expect(h.clock.sleeps).toEqual([6500]);
    expect(h.ledger.calls).toHaveLength(1);
  });
});

const tools = [
  { name: 'read_file', description: 'Read a file', inputSchema: z.object({ path: z.string() }) },
];
const chunk = (
  delta: Record<string, unknown>,
  finish: string | null = null,
  usage?: Record<string, unknown>,
) => ({
  id: 'chatcmpl-2',
  object: 'chat.completion.chunk',
  created: 1_750_000_000,
  model: 'gpt-4o-mini',
  choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }],
  ...(usage ? { usage } : {}),
});
const toolDelta = (args: string, first = false) =>
  chunk({
    tool_calls: [
      first
        ? { index: 0, id: 'call_1', type: 'function', function: { name: 'read_file', arguments: args } }
        : { index: 0, function: { arguments: args } },
    ],
  });
const fullToolStream = openaiSse([
  chunk({ role: 'assistant', content: null }),
  toolDelta('', true),
  toolDelta('{"path":'),
  toolDelta('"src/a.ts"}'),
  chunk({}, 'tool_calls'),
  chunk({}, null, {
    prompt_tokens: 900,
    completion_tokens: 25,
    total_tokens: 925,
    prompt_tokens_details: { cached_tokens: 512 },
  }),
]);

describe('OpenAI Chat Completions: streaming tool turns', () => {
  it('assembles tool_calls deltas into one call and reads usage from the last chunk', async () => {
    server = await scriptedServer([
      (res) => {
        sseHead(res);
        res.end(fullToolStream);
      },
    ]);
    const h = harness();
    const model = createModel(openaiSettings, {
      env: { OPENAI_API_KEY: PLANTED_OPENAI_KEY, OPENAI_BASE_URL: `${server.url}/v1` },
      ...h,
    });

    const turn = await model.toolTurn({
      name: 'implement-1',
      phase: 'implementation',
      system: SYSTEM,
      messages: [{ role: 'user', content: 'Implement task 1.' }],
      tools,
    });

    expect(turn).toMatchObject({
      text: '',
      toolCalls: [{ id: 'call_1', name: 'read_file', input: { path: 'src/a.ts' } }],
      finishReason: 'tool-calls',
      usage: { model: 'gpt-4o-mini', inputTokens: 900, cachedInputTokens: 512, outputTokens: 25 },
    });
    const [seen] = server.requests;
    expect(seen?.path).toBe('/v1/chat/completions');
    expect(seen?.headers.authorization).toBe(`Bearer ${PLANTED_OPENAI_KEY}`);
    expect(seen?.body).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      tools: [{ type: 'function', function: { name: 'read_file', description: 'Read a file' } }],
    });
  });

  it('drops a half-received tool call when the stream breaks and repeats the turn', async () => {
    server = await scriptedServer([
      (res) => {
        sseHead(res);
        res.write(
          openaiSse(
            [chunk({ role: 'assistant', content: null }), toolDelta('', true), toolDelta('{"path":"/etc')],
            false,
          ),
        );
        setTimeout(() => res.socket?.destroy(), 20);
      },
      (res) => {
        sseHead(res);
        res.end(fullToolStream);
      },
    ]);
    const h = harness();
    const model = createModel(openaiSettings, {
      env: { OPENAI_API_KEY: PLANTED_OPENAI_KEY, OPENAI_BASE_URL: `${server.url}/v1` },
      ...h,
    });

    const turn = await model.toolTurn({
      name: 'implement-1',
      phase: 'implementation',
      system: SYSTEM,
      messages: [{ role: 'user', content: 'Implement task 1.' }],
      tools,
    });

    expect(turn.toolCalls).toEqual([{ id: 'call_1', name: 'read_file', input: { path: 'src/a.ts' } }]);
    expect(server.requests).toHaveLength(2);
    expect(h.clock.sleeps).toHaveLength(1);
    expect(h.ledger.calls).toHaveLength(1);
  });
});
