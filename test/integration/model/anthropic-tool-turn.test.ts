import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createModel } from '../../../src/adapters/model/create-model.js';
import type { ToolTurnRequest } from '../../../src/ports/model-port.js';
import {
  anthropicSse,
  CONTEXT,
  harness,
  PLANTED_KEY,
  SYSTEM,
  scriptedServer,
  settings,
  sseHead,
} from './model-test-kit.js';

let server: Awaited<ReturnType<typeof scriptedServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const request: ToolTurnRequest = {
  name: 'implement-1',
  phase: 'implementation',
  system: SYSTEM,
  context: CONTEXT,
  messages: [
    { role: 'user', content: 'Implement task 1.' },
    {
      role: 'assistant',
      content: '',
      toolCalls: [{ id: 'toolu_0', name: 'list_files', input: { dir: 'src' } }],
    },
    { role: 'tool', results: [{ callId: 'toolu_0', name: 'list_files', output: 'src/a.ts' }] },
  ],
  tools: [
    { name: 'list_files', description: 'List files', inputSchema: z.object({ dir: z.string() }) },
    { name: 'read_file', description: 'Read a file', inputSchema: z.object({ path: z.string() }) },
  ],
};

const messageStart = {
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-haiku-4-5',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: {
      input_tokens: 300,
      output_tokens: 1,
      cache_read_input_tokens: 1500,
      cache_creation_input_tokens: 0,
    },
  },
};
const toolStart = {
  type: 'content_block_start',
  index: 1,
  content_block: { type: 'tool_use', id: 'toolu_1', name: 'read_file', input: {} },
};
const jsonDelta = (partial: string) => ({
  type: 'content_block_delta',
  index: 1,
  delta: { type: 'input_json_delta', partial_json: partial },
});

const completeTurn = anthropicSse([
  messageStart,
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Reading the file.' } },
  { type: 'content_block_stop', index: 0 },
  toolStart,
  jsonDelta('{"path": "sr'),
  jsonDelta('c/a.ts"}'),
  { type: 'content_block_stop', index: 1 },
  {
    type: 'message_delta',
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: { output_tokens: 42 },
  },
  { type: 'message_stop' },
]);

function model(url: string, h = harness()) {
  return {
    model: createModel(settings(), {
      env: { ANTHROPIC_API_KEY: PLANTED_KEY, ANTHROPIC_BASE_URL: url },
      ...h,
    }),
    ...h,
  };
}

describe('Anthropic Messages API: streaming tool turns', () => {
  it('streams a tool call and maps the conversation to the wire format', async () => {
    server = await scriptedServer([
      (res) => {
        sseHead(res);
        res.end(completeTurn);
      },
    ]);
    const { model: m, ledger } = model(server.url);

    const turn = await m.toolTurn(request);

    expect(turn).toMatchObject({
      text: 'Reading the file.',
      toolCalls: [{ id: 'toolu_1', name: 'read_file', input: { path: 'src/a.ts' } }],
      finishReason: 'tool-calls',
      usage: {
        phase: 'implementation',
        model: 'claude-haiku-4-5',
        inputTokens: 1800,
        cachedInputTokens: 1500,
        outputTokens: 42,
      },
    });
    const [seen] = server.requests;
    expect(seen?.path).toBe('/v1/messages');
    expect(seen?.headers['x-api-key']).toBe(PLANTED_KEY);
    expect(seen?.body).toMatchObject({
      model: 'claude-haiku-4-5',
      stream: true,
      system: [{ type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } }],
      tools: [
        {
          name: 'list_files',
          description: 'List files',
          input_schema: { properties: { dir: { type: 'string' } } },
        },
        { name: 'read_file', description: 'Read a file' },
      ],
    });
    expect(JSON.stringify(seen?.body)).not.toContain(PLANTED_KEY);
    expect((seen?.body as { messages: unknown }).messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: CONTEXT, cache_control: { type: 'ephemeral' } },
          { type: 'text', text: 'Implement task 1.' },
        ],
      },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_0', name: 'list_files', input: { dir: 'src' } }],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_0', content: 'src/a.ts' }] },
    ]);
    expect(ledger.calls).toHaveLength(1);
  });

  it('discards a tool call cut off by an overloaded error event and re-requests the whole turn', async () => {
    server = await scriptedServer([
      (res) => {
        sseHead(res);
        res.end(
          anthropicSse([
            messageStart,
            toolStart,
            jsonDelta('{"path": "/etc/pas'),
            { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
          ]),
        );
      },
      (res) => {
        sseHead(res);
        res.end(completeTurn);
      },
    ]);
    const { model: m, ledger, clock } = model(server.url);

    const turn = await m.toolTurn(request);

    expect(turn.toolCalls).toEqual([{ id: 'toolu_1', name: 'read_file', input: { path: 'src/a.ts' } }]);
    expect(server.requests).toHaveLength(2);
    expect(server.unused).toBe(0);
    expect(clock.sleeps).toEqual([750]);
    // The broken stream never reported final usage, so only the complete turn is counted.
    expect(ledger.calls).toHaveLength(1);
  });

  it('re-requests the turn when the connection drops mid tool call', async () => {
    server = await scriptedServer([
      (res) => {
        sseHead(res);
        res.write(anthropicSse([messageStart, toolStart, jsonDelta('{"path": "src/')]));
        setTimeout(() => res.socket?.destroy(), 20);
      },
      (res) => {
        sseHead(res);
        res.end(completeTurn);
      },
    ]);
    const { model: m, ledger, clock, logger } = model(server.url);

    const turn = await m.toolTurn(request);

    expect(turn.toolCalls).toEqual([{ id: 'toolu_1', name: 'read_file', input: { path: 'src/a.ts' } }]);
    expect(clock.sleeps).toHaveLength(1);
    expect(logger.lines[0]).toMatch(
      /^warn: Anthropic: .*terminated.*; retrying in 750 ms \(retry 1 of 3\)\.$/,
    );
    expect(ledger.calls).toHaveLength(1);
  });

  it('classifies a 529 before the stream starts like any other overload', async () => {
    server = await scriptedServer([
      (res) => {
        res.writeHead(529, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
        );
      },
      (res) => {
        sseHead(res);
        res.end(completeTurn);
      },
    ]);
    const { model: m, clock } = model(server.url);

    await expect(m.toolTurn(request)).resolves.toMatchObject({ finishReason: 'tool-calls' });
    expect(clock.sleeps).toEqual([750]);
  });
});
