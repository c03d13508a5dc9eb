import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { MaestroError, ModelError } from '../../core/errors.js';
import { formatZodIssues, parseOrThrow } from '../../core/parse.js';
import type { UsageLedger } from '../../core/usage/usage-ledger.js';
import type {
  CallUsage,
  ModelPhase,
  ModelPort,
  StructuredRequest,
  StructuredResult,
  ToolTurnRequest,
  ToolTurnResult,
} from '../../ports/model-port.js';

const phaseSchema = z.enum(['planning', 'task-generation', 'implementation', 'validation', 'handoff']);

const tokenUsageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  /** Subset of inputTokens read from the provider's prompt cache. */
  cachedInputTokens: z.number().int().nonnegative(),
  /** Subset of inputTokens written to the provider's prompt cache. */
  cacheWriteTokens: z.number().int().nonnegative(),
});

export const recordedEntrySchema = z.object({
  /** The request's `name` (e.g. `plan`); a replay checks it so a desynchronised script fails loudly. */
  name: z.string().min(1),
  phase: phaseSchema,
  /** The object a `generateObject` call returned. */
  object: z.unknown().optional(),
  /** What a `toolTurn` call returned. */
  toolTurn: z
    .object({
      text: z.string(),
      toolCalls: z.array(z.object({ id: z.string(), name: z.string(), input: z.unknown() })),
      finishReason: z.enum(['stop', 'tool-calls', 'length', 'content-filter', 'error', 'other']),
    })
    .optional(),
  /** The provider-reported usage of the call, replayed into the ledger unchanged. */
  usage: tokenUsageSchema,
  /** The model that answered, e.g. `claude-sonnet-4-5`. */
  model: z.string().min(1),
});

export const recordedSessionSchema = z.object({
  version: z.literal(1),
  /** Shown by `describe()` as `replay:<label>`, so nobody mistakes a replay for a live model. */
  label: z.string().min(1),
  entries: z.array(recordedEntrySchema),
});

export type RecordedEntry = z.infer<typeof recordedEntrySchema>;
export type RecordedSession = z.infer<typeof recordedSessionSchema>;

/**
 * Replays a recorded session, call by call, in order. FOR TESTS AND THE LABELLED OFFLINE DEMO ONLY:
 * it answers whatever was recorded, so it says `replay:<label>` wherever a model name is shown.
 * Each call must match the next entry's `name`; anything else throws instead of drifting.
 */
export class ScriptedModel implements ModelPort {
  readonly #session: RecordedSession;
  readonly #ledger: UsageLedger;
  readonly #source: string;
  #next = 0;
  readonly #used = new Set<number>();

  constructor(session: RecordedSession, deps: { ledger: UsageLedger; source?: string }) {
    this.#session = session;
    this.#ledger = deps.ledger;
    this.#source = deps.source ?? `recorded session "${session.label}"`;
  }

  /** Parse a session value (already JSON-decoded) naming where it came from. */
  static fromValue(value: unknown, source: string, deps: { ledger: UsageLedger }): ScriptedModel {
    return new ScriptedModel(parseOrThrow(recordedSessionSchema, value, source), { ...deps, source });
  }

  static async fromFile(path: string, deps: { ledger: UsageLedger }): Promise<ScriptedModel> {
    const text = await readFile(path, 'utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new MaestroError(
        `${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
        {
          code: 'model.replay-invalid',
          cause: error,
        },
      );
    }
    return ScriptedModel.fromValue(value, path, deps);
  }

  describe(_phase: ModelPhase): string {
    return `replay:${this.#session.label}`;
  }

  /** Entries not yet replayed; a finished test can assert this is 0. */
  get remaining(): number {
    return this.#session.entries.length - this.#next;
  }

  async generateObject<S extends z.ZodType>(
    request: StructuredRequest<S>,
  ): Promise<StructuredResult<z.infer<S>>> {
    const { entry, index } = this.#take(request.name, 'generateObject');
    if (entry.object === undefined) throw this.#desync(index, `entry "${entry.name}" has no object`);
    const parsed = request.schema.safeParse(entry.object);
    if (!parsed.success) {
      throw new ModelError(
        'malformed-output',
        `${this.#source} entry ${index + 1} ("${entry.name}") does not match the "${request.name}" schema: ${formatZodIssues(parsed.error.issues)}; re-record the session.`,
        { resumable: false },
      );
    }
    return { object: parsed.data, usage: this.#record(request.phase, entry), repaired: false };
  }

  async toolTurn(request: ToolTurnRequest): Promise<ToolTurnResult> {
    const { entry, index } = this.#take(request.name, 'toolTurn');
    if (!entry.toolTurn) throw this.#desync(index, `entry "${entry.name}" has no toolTurn`);
    return { ...entry.toolTurn, usage: this.#record(request.phase, entry) };
  }

  #take(name: string, method: string): { entry: RecordedEntry; index: number } {
    // Calls with the same name replay in recorded order; calls with different names may
    // interleave (parallel tasks finish in any order), so each call takes the first unused
    // entry recorded under its own name. A name with no entry left is a desynchronised replay.
    const index = this.#session.entries.findIndex((e, i) => !this.#used.has(i) && e.name === name);
    const entry = this.#session.entries[index];
    if (index === -1 || !entry) {
      const next = this.#session.entries.find((_, i) => !this.#used.has(i));
      throw this.#desync(
        this.#used.size,
        next
          ? `${method}("${name}") was called but the recording has no unused "${name}" entry (next unused: "${next.name}")`
          : `${method}("${name}") was called but all ${this.#used.size} recorded entries are used up`,
      );
    }
    this.#used.add(index);
    this.#next++;
    return { entry, index };
  }

  #record(phase: ModelPhase, entry: RecordedEntry): CallUsage {
    return this.#ledger.record({ phase, model: entry.model, ...entry.usage });
  }

  #desync(index: number, detail: string): MaestroError {
    return new MaestroError(
      `Replay out of step at entry ${index + 1} of ${this.#source}: ${detail}; the code and the recording disagree — re-record the session.`,
      { code: 'model.replay-desync' },
    );
  }
}
