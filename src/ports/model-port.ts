import type { z } from 'zod';

/**
 * The one door to language models. Planning asks for schema-validated objects; the executor (next
 * issue) runs tool-calling turns. Adapters (Anthropic, OpenAI, OpenAI-compatible, the scripted
 * replay) sit behind it; retries, the repair turn, usage accounting and the budget check happen
 * inside the adapter layer so every caller gets them.
 */

/** The phases of product.md §4, used to pick a model and to account usage. */
export type ModelPhase = 'planning' | 'task-generation' | 'implementation' | 'validation' | 'handoff';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (subset of inputTokens). */
  cachedInputTokens: number;
  /** Input tokens written to the provider's prompt cache (Anthropic cache_creation; subset of inputTokens). */
  cacheWriteTokens: number;
}

export interface CallUsage extends TokenUsage {
  phase: ModelPhase;
  model: string;
  costUsd: number;
}

/**
 * A prompt is laid out stable-first so provider prompt caching applies: `system` (instructions) and
 * `context` (repository context) rarely change between calls and are marked cacheable; `prompt` is
 * the part that varies.
 */
export interface PromptLayout {
  phase: ModelPhase;
  system: string;
  context?: string;
  signal?: AbortSignal;
  maxOutputTokens?: number;
}

export interface StructuredRequest<S extends z.ZodType> extends PromptLayout {
  /** Short name for logs, recorded sessions and errors, e.g. `plan`. */
  name: string;
  schema: S;
  prompt: string;
}

export interface StructuredResult<T> {
  object: T;
  usage: CallUsage;
  /** True when the first answer failed validation and the repair turn fixed it. */
  repaired: boolean;
}

export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: z.ZodType;
}

export interface ToolCall {
  id: string;
  name: string;
  input: unknown;
}

export interface ToolResult {
  callId: string;
  name: string;
  output: string;
  isError?: boolean;
}

export type ChatMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls: ToolCall[] }
  | { role: 'tool'; results: ToolResult[] };

export interface ToolTurnRequest extends PromptLayout {
  name: string;
  messages: ChatMessage[];
  tools: ToolSpec[];
}

export interface ToolTurnResult {
  text: string;
  toolCalls: ToolCall[];
  finishReason: 'stop' | 'tool-calls' | 'length' | 'content-filter' | 'error' | 'other';
  usage: CallUsage;
}

export interface ModelPort {
  /** A typed object validated by `schema`; one repair turn on invalid output, then `ModelError('malformed-output')`. */
  generateObject<S extends z.ZodType>(request: StructuredRequest<S>): Promise<StructuredResult<z.infer<S>>>;
  /** One assistant turn that may call tools; the caller runs the tools and sends results back. */
  toolTurn(request: ToolTurnRequest): Promise<ToolTurnResult>;
  /** What a human should see: `anthropic:claude-sonnet-4-5`, or `replay:<file>` for the scripted model. */
  describe(phase: ModelPhase): string;
}
