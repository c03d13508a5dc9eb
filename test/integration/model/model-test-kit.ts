import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { ModelSettings } from '../../../src/adapters/model/create-model.js';
import { UsageLedger } from '../../../src/core/usage/usage-ledger.js';
import type { Clock } from '../../../src/ports/clock-port.js';
import type { Logger } from '../../../src/ports/logger-port.js';
import type { ModelPort } from '../../../src/ports/model-port.js';

/** A planted key: every test that can see an error message checks it never appears there. */
export const PLANTED_KEY = 'sk-ant-api03-PLANTED-canary-9f8e7d6c5b4a';
export const PLANTED_OPENAI_KEY = 'sk-proj-PLANTED-canary-0a1b2c3d4e5f';

export const SYSTEM = 'You are Maestro. Write a plan for the issue.';
export const CONTEXT = 'Repository context: src/a.ts exports add(a, b).';
export const PROMPT = 'Issue #7: add a subtract function.';

export const planSchema = z.object({ title: z.string(), steps: z.array(z.string()).min(1) });
export const validPlan = { title: 'Add subtract', steps: ['write subtract', 'test it'] };

/** A clock whose sleeps return at once and are written down; `now` advances by what was slept. */
export function fakeClock(start = new Date('2025-06-01T12:00:00Z')): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(start.getTime() + sleeps.reduce((a, b) => a + b, 0)),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
}

export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string) => lines.push(`${level}: ${message}`);
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

export function settings(overrides: Partial<ModelSettings> = {}): ModelSettings {
  return {
    provider: 'anthropic',
    planner: 'claude-sonnet-4-5',
    executor: 'claude-haiku-4-5',
    maxRetries: 3,
    maxRetryWaitSeconds: 60,
    budget: { maxCostUsd: 0, maxTokens: 0 },
    ...overrides,
  };
}

export function harness() {
  const clock = fakeClock();
  const logger = memoryLogger();
  const ledger = new UsageLedger();
  return { clock, logger, ledger, random: () => 0.5 };
}

export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/**
 * A local HTTP server answering each request with the next handler, for streaming (SSE) wire
 * formats where the timing of chunks and a dropped socket matter.
 */
export async function scriptedServer(handlers: Array<(res: ServerResponse) => void>) {
  const requests: SeenRequest[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(raw || '{}') });
      const handler = handlers[next++];
      if (!handler) {
        res.writeHead(500).end('no more scripted responses');
        return;
      }
      handler(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get unused() {
      return handlers.length - next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Anthropic's SSE framing: `event: <type>` then `data: <json>`. */
export function anthropicSse(events: Array<Record<string, unknown> & { type: string }>): string {
  return events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

/** OpenAI's SSE framing: `data: <json>` chunks, then `data: [DONE]`. */
export function openaiSse(chunks: Array<Record<string, unknown>>, done = true): string {
  return `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}${done ? 'data: [DONE]\n\n' : ''}`;
}

export function sseHead(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
}

/** The structured call every adapter test makes: the planning layout with `planSchema`. */
export function ask(model: ModelPort) {
  return model.generateObject({
    name: 'plan',
    phase: 'planning',
    system: SYSTEM,
    context: CONTEXT,
    prompt: PROMPT,
    schema: planSchema,
  });
}
