import { realpath } from 'node:fs/promises';
import { errorMessage, ModelError } from '../../core/errors.js';
import { commandsAllowedFor, toolsAllowedFor } from '../../core/tasks/category-instructions.js';
import type { Clock } from '../../ports/clock-port.js';
import type { BlockedAction, Executor, ExecutorOutcome, ExecutorRequest } from '../../ports/executor-port.js';
import type {
  ChatMessage,
  ModelPort,
  ToolCall,
  ToolResult,
  ToolSpec,
  ToolTurnResult,
} from '../../ports/model-port.js';
import type { Shell } from '../../ports/shell-port.js';
import { builtinSystemPrompt, taskPrompt, timeUpNudge } from './builtin-prompts.js';
import { runToolCall, toolSpecs } from './builtin-tools.js';
import { parseStepReport } from './step-report.js';
import { createToolContext, type ToolContext, type ToolOutcome } from './tool-context.js';
import { createWorkspaceGuard } from './workspace-guard.js';

export interface BuiltinExecutorOptions {
  /** Caps every request's `maxTurns` (config `executor.max_turns`). */
  maxTurns?: number;
  /** The longest one `run_command` may take; clipped to the task's remaining time. Default 10 min. */
  commandTimeoutMs?: number;
  /** How long the single "time is up" turn may take. Default 2 min. */
  nudgeTimeoutMs?: number;
}

/** Refusals are answered, not fatal — but this many in one task means the model is being steered. */
export const securityStopThreshold = 3;

/**
 * Maestro's own agent: a tool loop on the model port (product.md §8). The model proposes, and
 * non-model layers decide — the workspace guard, the command policy and the scrubbed shell — so an
 * obedient model that follows an injection still cannot leave the workdir, run a shell or push.
 */
export class BuiltinExecutor implements Executor {
  readonly kind = 'builtin' as const;
  readonly #model: ModelPort;
  readonly #shell: Shell;
  readonly #clock: Clock;
  readonly #options: BuiltinExecutorOptions;

  constructor(deps: { model: ModelPort; shell: Shell; clock: Clock }, options: BuiltinExecutorOptions = {}) {
    this.#model = deps.model;
    this.#shell = deps.shell;
    this.#clock = deps.clock;
    this.#options = options;
  }

  async run(request: ExecutorRequest): Promise<ExecutorOutcome> {
    const blocked: BlockedAction[] = [];
    const deadline = this.#now() + request.timeoutMs;
    const remaining = () => deadline - this.#now();
    const permitted = toolsAllowedFor(request.task.category);
    const root = await realpath(request.workdir).catch(() => undefined);
    if (root === undefined) {
      return {
        kind: 'failed',
        reason: `the workdir ${request.workdir} does not exist`,
        transient: false,
        blocked,
      };
    }
    const ctx = createToolContext({
      root,
      guard: createWorkspaceGuard({ workdir: request.workdir, protectedPaths: request.protectedPaths }),
      shell: this.#shell,
      allowedCommands: commandsAllowedFor(request.task.category, request.allowedCommands),
      commandTimeoutMs: () =>
        Math.max(1000, Math.min(this.#options.commandTimeoutMs ?? 600_000, remaining())),
      ...(request.signal ? { signal: request.signal } : {}),
      blocked,
    });
    const messages: ChatMessage[] = [{ role: 'user', content: taskPrompt(request.task) }];
    const maxTurns = Math.min(request.maxTurns, this.#options.maxTurns ?? request.maxTurns);

    for (let turn = 0; turn < maxTurns; turn++) {
      if (request.signal?.aborted) return { kind: 'failed', reason: 'cancelled', transient: true, blocked };
      if (remaining() <= 0) return this.#nudge(request, messages, blocked);
      const answer = await this.#turn(request, messages, toolSpecs(permitted), remaining());
      if (answer.kind === 'deadline') return this.#nudge(request, messages, blocked);
      if (answer.kind === 'error') return failure(answer.error, request, blocked);
      const { text, toolCalls, finishReason } = answer.result;
      messages.push({ role: 'assistant', content: text, toolCalls });
      if (toolCalls.length === 0) {
        if (finishReason === 'content-filter' || finishReason === 'error') {
          return {
            kind: 'failed',
            reason: `the model stopped (${finishReason})`,
            transient: finishReason === 'error',
            blocked,
          };
        }
        const report = parseStepReport(text);
        return {
          kind: 'completed',
          summary: report.summary,
          ...quality(report.qualityScore),
          hints: report.hints,
          blocked,
        };
      }
      const { results, finish } = await runCalls(ctx, toolCalls, permitted, blocked);
      messages.push({ role: 'tool', results });
      const refusals = blocked.filter((b) => b.kind !== 'command-timeout').length;
      if (refusals >= securityStopThreshold) {
        return {
          kind: 'failed',
          reason: `security stop: ${refusals} actions blocked`,
          transient: false,
          blocked,
        };
      }
      if (finish)
        return {
          kind: 'completed',
          summary: finish.summary,
          qualityScore: finish.qualityScore,
          hints: finish.hints,
          blocked,
        };
    }
    return {
      kind: 'failed',
      reason: `turn limit reached: ${maxTurns} turns without finish`,
      transient: false,
      blocked,
    };
  }

  /** One model turn, cut off at the task's deadline. */
  async #turn(
    request: ExecutorRequest,
    messages: ChatMessage[],
    tools: ToolSpec[],
    timeoutMs: number,
  ): Promise<
    { kind: 'answer'; result: ToolTurnResult } | { kind: 'deadline' } | { kind: 'error'; error: unknown }
  > {
    const deadline = AbortSignal.timeout(Math.max(1, timeoutMs));
    const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
    try {
      const result = await this.#model.toolTurn({
        phase: 'implementation',
        name: `implement:${request.task.id}`,
        system: `${builtinSystemPrompt}\n\n${request.instructions}`,
        context: request.context,
        messages: [...messages],
        tools,
        signal,
      });
      return { kind: 'answer', result };
    } catch (error) {
      if (deadline.aborted && !request.signal?.aborted) return { kind: 'deadline' };
      return { kind: 'error', error };
    }
  }

  /** The seed's single urge: one turn that may only call `finish`, then the task counts as timed out. */
  async #nudge(
    request: ExecutorRequest,
    messages: ChatMessage[],
    blocked: BlockedAction[],
  ): Promise<ExecutorOutcome> {
    messages.push({ role: 'user', content: timeUpNudge });
    const answer = await this.#turn(
      request,
      messages,
      toolSpecs(['finish']),
      this.#options.nudgeTimeoutMs ?? 120_000,
    );
    if (answer.kind !== 'answer')
      return { kind: 'timed-out', summary: 'no report before the time limit', blocked };
    const call = answer.result.toolCalls.find((c) => c.name === 'finish');
    const input = call?.input as { summary?: unknown } | undefined;
    const summary =
      typeof input?.summary === 'string'
        ? input.summary.slice(0, 500)
        : parseStepReport(answer.result.text).summary;
    return { kind: 'timed-out', summary, blocked };
  }

  #now(): number {
    return this.#clock.now().getTime();
  }
}

async function runCalls(
  ctx: ToolContext,
  calls: readonly ToolCall[],
  permitted: readonly string[],
  blocked: readonly BlockedAction[],
): Promise<{ results: ToolResult[]; finish?: ToolOutcome['finish'] }> {
  const results: ToolResult[] = [];
  let finish: ToolOutcome['finish'];
  for (const call of calls) {
    // After finish, or once the security stop is reached, the rest of the turn is not carried out.
    const stopped = blocked.filter((b) => b.kind !== 'command-timeout').length >= securityStopThreshold;
    if (finish || stopped) {
      results.push({
        callId: call.id,
        name: call.name,
        output: 'not run: the task has ended',
        isError: true,
      });
      continue;
    }
    const ran = await runToolCall(ctx, call, permitted);
    results.push(ran.result);
    finish = ran.finish;
  }
  return { results, ...(finish ? { finish } : {}) };
}

function failure(error: unknown, request: ExecutorRequest, blocked: BlockedAction[]): ExecutorOutcome {
  if (request.signal?.aborted) return { kind: 'failed', reason: 'cancelled', transient: true, blocked };
  const transient = error instanceof ModelError && error.resumable;
  return { kind: 'failed', reason: errorMessage(error), transient, blocked };
}

function quality(score: number | undefined): { qualityScore?: number } {
  return score === undefined ? {} : { qualityScore: score };
}
