import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A local server speaking Anthropic's Messages API, for end-to-end runs of the real CLI and Action
 * with the real model adapter: the outside world faked at its edge. Each request gets the next
 * scripted reply, in order; a structured call (no tools) is answered with the object as JSON text,
 * a tool turn (the request lists tools) as a streamed `tool_use` message when the client asked for
 * a stream. Every request body is kept, so a test can assert what the model was shown.
 */

export type WireReply =
  /** A structured answer: the object, as the text of one message. */
  | { object: unknown }
  /** An agent's turn: tool calls (`finish` ends the task), optionally with text before them. */
  | { tools: { name: string; input: Record<string, unknown> }[]; text?: string };

export interface WireRequest {
  path: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

export interface AnthropicWire {
  url: string;
  requests: WireRequest[];
  /** Replies not yet used (a test asserts 0: the run made every call it was scripted for). */
  readonly unused: number;
  close(): Promise<void>;
}

const usage = {
  input_tokens: 900,
  output_tokens: 120,
  cache_read_input_tokens: 0,
  cache_creation_input_tokens: 0,
};

export async function anthropicWire(script: readonly WireReply[]): Promise<AnthropicWire> {
  const requests: WireRequest[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      requests.push({ path: req.url ?? '', body, headers: req.headers });
      const reply = script[next++];
      if (!reply) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'script exhausted' } }));
        return;
      }
      respond(res, reply, body.stream === true, next);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get unused() {
      return script.length - next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function respond(res: ServerResponse, reply: WireReply, stream: boolean, n: number): void {
  const content =
    'object' in reply
      ? [{ type: 'text', text: JSON.stringify(reply.object) }]
      : [
          ...(reply.text ? [{ type: 'text', text: reply.text }] : []),
          ...reply.tools.map((t, i) => ({
            type: 'tool_use',
            id: `toolu_${n}_${i}`,
            name: t.name,
            input: t.input,
          })),
        ];
  const stopReason = 'object' in reply ? 'end_turn' : 'tool_use';
  const message = { id: `msg_${n}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5' };
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...message, content, stop_reason: stopReason, stop_sequence: null, usage }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const events: Record<string, unknown>[] = [
    {
      type: 'message_start',
      message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage },
    },
  ];
  content.forEach((block, index) => {
    if ('text' in block) {
      events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: block.text } });
    } else {
      const { input, ...start } = block as { input: unknown; type: string; id: string; name: string };
      events.push({ type: 'content_block_start', index, content_block: { ...start, input: {} } });
      events.push({
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(input) },
      });
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push({
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  events.push({ type: 'message_stop' });
  res.end(events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join(''));
}
