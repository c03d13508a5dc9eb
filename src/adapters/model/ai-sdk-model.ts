import {
  generateText,
  type LanguageModel,
  type LanguageModelUsage,
  type ModelMessage,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  Output,
  type SystemModelMessage,
  streamText,
  type TextPart,
  type ToolSet,
  tool,
} from 'ai';
import type { z } from 'zod';
import { ModelError } from '../../core/errors.js';
import { formatZodIssues } from '../../core/parse.js';
import { checkBudget, type UsageBudget, type UsageLedger } from '../../core/usage/usage-ledger.js';
import type { Clock } from '../../ports/clock-port.js';
import type { Logger } from '../../ports/logger-port.js';
import type {
  CallUsage,
  ChatMessage,
  ModelPhase,
  ModelPort,
  PromptLayout,
  StructuredRequest,
  StructuredResult,
  TokenUsage,
  ToolCall,
  ToolSpec,
  ToolTurnRequest,
  ToolTurnResult,
} from '../../ports/model-port.js';
import { type ProviderContext, withRetries } from './retry-policy.js';

export type SdkLanguageModel = Exclude<LanguageModel, string>;

export interface AiSdkModelOptions {
  /** `anthropic`, `openai` or `openai-compatible`: the prefix `describe()` shows. */
  providerId: string;
  provider: ProviderContext;
  /** Planning, task generation, validation and handoff use `planner`; implementation uses `executor`. */
  planner: SdkLanguageModel;
  executor: SdkLanguageModel;
  ledger: UsageLedger;
  budget: UsageBudget;
  clock: Clock;
  logger: Logger;
  retry: {
    maxRetries: number;
    maxWaitMs: number;
    baseDelayMs?: number;
    multiplier?: number;
    random?: () => number;
  };
}

// Anthropic caches a prompt prefix only up to an explicit breakpoint; OpenAI caches prefixes by itself.
const cacheable = { anthropic: { cacheControl: { type: 'ephemeral' } } } as const;

type Attempt<T> =
  | { ok: true; object: T; usage: CallUsage }
  | { ok: false; text: string; problems: string; usage: CallUsage | undefined };

/**
 * `ModelPort` on the Vercel AI SDK. The SDK's own retries are off (`maxRetries: 0`) so that
 * `withRetries` applies exactly once; every HTTP attempt that returns usage is recorded in the
 * ledger exactly once, and the budget is checked before each one.
 */
export class AiSdkModel implements ModelPort {
  readonly #options: AiSdkModelOptions;

  constructor(options: AiSdkModelOptions) {
    this.#options = options;
  }

  describe(phase: ModelPhase): string {
    return `${this.#options.providerId}:${this.#model(phase).modelId}`;
  }

  async generateObject<S extends z.ZodType>(
    request: StructuredRequest<S>,
  ): Promise<StructuredResult<z.infer<S>>> {
    const messages: ModelMessage[] = [
      { role: 'user', content: [...contextParts(request), textPart(request.prompt)] },
    ];
    const first = await this.#structuredAttempt(request, messages);
    if (first.ok) return { object: first.object, usage: first.usage, repaired: false };

    this.#options.logger.warn(
      `Model answer for "${request.name}" failed validation; asking once for a repair.`,
    );
    const repair: ModelMessage[] = [
      ...messages,
      { role: 'assistant', content: first.text.length > 0 ? first.text : '(empty answer)' },
      { role: 'user', content: repairPrompt(request.name, first.problems) },
    ];
    const second = await this.#structuredAttempt(request, repair);
    if (second.ok)
      return { object: second.object, usage: sumUsage(first.usage, second.usage), repaired: true };
    throw new ModelError(
      'malformed-output',
      `The model's answer did not match the "${request.name}" schema even after one repair turn: ${truncate(second.problems, 300)}.`,
      { resumable: false },
    );
  }

  async toolTurn(request: ToolTurnRequest): Promise<ToolTurnResult> {
    const model = this.#model(request.phase);
    checkBudget(this.#options.ledger, this.#options.budget);
    const messages: ModelMessage[] = [
      ...(request.context ? [{ role: 'user' as const, content: contextParts(request) }] : []),
      ...request.messages.map(toModelMessage),
    ];
    const tools = toToolSet(request.tools);
    const turn = await withRetries(
      () => streamTurn(model, request, messages, tools),
      this.#retry(request.signal),
    );
    return { ...turn, usage: this.#record(request.phase, model, turn.usage) };
  }

  async #structuredAttempt<S extends z.ZodType>(
    request: StructuredRequest<S>,
    messages: ModelMessage[],
  ): Promise<Attempt<z.infer<S>>> {
    const model = this.#model(request.phase);
    checkBudget(this.#options.ledger, this.#options.budget);
    // Invalid output is returned, not thrown, so the retry policy never mistakes it for a transport fault.
    const outcome = await withRetries(async () => {
      try {
        const result = await generateText({
          model,
          system: systemMessage(request.system),
          messages,
          output: Output.object({ schema: request.schema, name: request.name }),
          maxRetries: 0,
          abortSignal: request.signal,
          maxOutputTokens: request.maxOutputTokens,
          providerOptions: { openai: { strictJsonSchema: false } },
        });
        return {
          kind: 'answer' as const,
          usage: result.usage,
          text: result.text,
          output: readOutput(result),
        };
      } catch (error) {
        if (NoObjectGeneratedError.isInstance(error)) {
          return { kind: 'invalid' as const, usage: error.usage, text: error.text ?? '', output: undefined };
        }
        throw error;
      }
    }, this.#retry(request.signal));
    const usage = outcome.usage ? this.#record(request.phase, model, outcome.usage) : undefined;
    if (outcome.kind === 'answer' && outcome.output.ok && usage) {
      return { ok: true, object: outcome.output.value as z.infer<S>, usage };
    }
    return { ok: false, text: outcome.text, problems: describeProblems(request.schema, outcome.text), usage };
  }

  #model(phase: ModelPhase): SdkLanguageModel {
    return phase === 'implementation' ? this.#options.executor : this.#options.planner;
  }

  #record(phase: ModelPhase, model: SdkLanguageModel, usage: LanguageModelUsage): CallUsage {
    return this.#options.ledger.record({ phase, model: model.modelId, ...toTokenUsage(usage) });
  }

  #retry(signal: AbortSignal | undefined) {
    const { clock, logger, provider, retry } = this.#options;
    return { ...retry, clock, logger, provider, ...(signal ? { signal } : {}) };
  }
}

async function streamTurn(
  model: SdkLanguageModel,
  request: ToolTurnRequest,
  messages: ModelMessage[],
  tools: ToolSet,
): Promise<Omit<ToolTurnResult, 'usage'> & { usage: LanguageModelUsage }> {
  const result = streamText({
    model,
    system: systemMessage(request.system),
    messages,
    tools,
    maxRetries: 0,
    abortSignal: request.signal,
    maxOutputTokens: request.maxOutputTokens,
    // Errors are read from the stream below; the default handler would print them to stderr.
    onError: () => {},
  });
  let text = '';
  const toolCalls: ToolCall[] = [];
  for await (const part of result.fullStream) {
    switch (part.type) {
      case 'text-delta':
        text += part.text;
        break;
      case 'tool-call':
        toolCalls.push({ id: part.toolCallId, name: part.toolName, input: part.input });
        break;
      case 'error':
        // Anything received so far — including a half-streamed tool call — is dropped with this turn.
        throw part.error;
      case 'abort':
        throw request.signal?.reason ?? new Error('The model call was aborted.');
      case 'finish':
        return { text, toolCalls, finishReason: part.finishReason, usage: part.totalUsage };
    }
  }
  // A stream that closes without its final event was cut off; treat it like a dropped connection.
  throw Object.assign(new Error('The model stream ended before it finished (terminated).'), {
    code: 'ECONNRESET',
  });
}

function readOutput(result: { readonly output: unknown }): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: result.output };
  } catch (error) {
    // A turn that ended without any JSON (e.g. cut off by the token limit) is malformed output too.
    if (NoOutputGeneratedError.isInstance(error)) return { ok: false };
    throw error;
  }
}

function describeProblems(schema: z.ZodType, text: string): string {
  if (text.trim().length === 0) return 'the answer was empty';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `the answer is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  const result = schema.safeParse(value);
  return result.success
    ? 'the answer could not be read as the requested object'
    : formatZodIssues(result.error.issues);
}

function repairPrompt(name: string, problems: string): string {
  return [
    `Your previous answer for "${name}" was rejected: ${problems}.`,
    'Answer again with only a JSON object that matches the schema exactly.',
  ].join('\n');
}

function systemMessage(system: string): SystemModelMessage {
  return { role: 'system', content: system, providerOptions: cacheable };
}

function contextParts(layout: PromptLayout): TextPart[] {
  return layout.context ? [{ type: 'text', text: layout.context, providerOptions: cacheable }] : [];
}

function textPart(text: string): TextPart {
  return { type: 'text', text };
}

function toModelMessage(message: ChatMessage): ModelMessage {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: message.content };
    case 'assistant':
      return {
        role: 'assistant',
        content: [
          ...(message.content.length > 0 ? [textPart(message.content)] : []),
          ...message.toolCalls.map((call) => ({
            type: 'tool-call' as const,
            toolCallId: call.id,
            toolName: call.name,
            input: call.input,
          })),
        ],
      };
    case 'tool':
      return {
        role: 'tool',
        content: message.results.map((result) => ({
          type: 'tool-result' as const,
          toolCallId: result.callId,
          toolName: result.name,
          output: result.isError
            ? { type: 'error-text' as const, value: result.output }
            : { type: 'text' as const, value: result.output },
        })),
      };
  }
}

/** Tools without `execute`: the SDK hands tool calls back instead of running them. */
function toToolSet(specs: readonly ToolSpec[]): ToolSet {
  const tools: ToolSet = {};
  for (const spec of specs)
    tools[spec.name] = tool({ description: spec.description, inputSchema: spec.inputSchema });
  return tools;
}

/** Provider usage as reported: cache reads and writes are parts of `inputTokens`, never added to it. */
export function toTokenUsage(usage: LanguageModelUsage): TokenUsage {
  return {
    inputTokens: usage.inputTokens ?? 0,
    outputTokens: usage.outputTokens ?? 0,
    cachedInputTokens: usage.inputTokenDetails?.cacheReadTokens ?? usage.cachedInputTokens ?? 0,
    cacheWriteTokens: usage.inputTokenDetails?.cacheWriteTokens ?? 0,
  };
}

function sumUsage(first: CallUsage | undefined, second: CallUsage): CallUsage {
  if (!first) return second;
  return {
    phase: second.phase,
    model: second.model,
    inputTokens: first.inputTokens + second.inputTokens,
    outputTokens: first.outputTokens + second.outputTokens,
    cachedInputTokens: first.cachedInputTokens + second.cachedInputTokens,
    cacheWriteTokens: first.cacheWriteTokens + second.cacheWriteTokens,
    costUsd: first.costUsd + second.costUsd,
  };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
