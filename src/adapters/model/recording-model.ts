import { writeFile } from 'node:fs/promises';
import type { z } from 'zod';
import type {
  CallUsage,
  ModelPhase,
  ModelPort,
  StructuredRequest,
  StructuredResult,
  ToolTurnRequest,
  ToolTurnResult,
} from '../../ports/model-port.js';
import type { RecordedEntry, RecordedSession } from './scripted-model.js';

/**
 * Wraps a live model and writes down every answer in the format `ScriptedModel` replays, so the
 * demo and test sessions can be re-recorded when prompts or schemas change. Only answers are
 * recorded — never prompts — so a recording holds no repository content or key.
 */
export class RecordingModel implements ModelPort {
  readonly #inner: ModelPort;
  readonly #label: string;
  readonly #entries: RecordedEntry[] = [];

  constructor(inner: ModelPort, label: string) {
    this.#inner = inner;
    this.#label = label;
  }

  describe(phase: ModelPhase): string {
    return this.#inner.describe(phase);
  }

  async generateObject<S extends z.ZodType>(
    request: StructuredRequest<S>,
  ): Promise<StructuredResult<z.infer<S>>> {
    const result = await this.#inner.generateObject(request);
    this.#entries.push({
      name: request.name,
      phase: request.phase,
      object: result.object,
      ...fromUsage(result.usage),
    });
    return result;
  }

  async toolTurn(request: ToolTurnRequest): Promise<ToolTurnResult> {
    const result = await this.#inner.toolTurn(request);
    const { text, toolCalls, finishReason } = result;
    this.#entries.push({
      name: request.name,
      phase: request.phase,
      toolTurn: { text, toolCalls, finishReason },
      ...fromUsage(result.usage),
    });
    return result;
  }

  session(): RecordedSession {
    return { version: 1, label: this.#label, entries: [...this.#entries] };
  }

  async save(path: string): Promise<void> {
    await writeFile(path, `${JSON.stringify(this.session(), null, 2)}\n`, 'utf8');
  }
}

function fromUsage(usage: CallUsage): Pick<RecordedEntry, 'usage' | 'model'> {
  const { inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens } = usage;
  return { usage: { inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens }, model: usage.model };
}
