import { realpath } from 'node:fs/promises';
import { errorMessage, ModelError } from '../../core/errors.js';
import {
  type BuiltinToolName,
  commandsAllowedFor,
  toolsAllowedFor,
} from '../../core/tasks/category-instructions.js';
import type { Clock } from '../../ports/clock-port.js';
import type {
  BlockedAction,
  Executor,
  ExecutorAccess,
  ExecutorOutcome,
  ExecutorRequest,
} from '../../ports/executor-port.js';
import type {
  ChatMessage,
  ModelPort,
  ToolCall,
  ToolResult,
  ToolSpec,
  ToolTurnResult,
} from '../../ports/model-port.js';
import type { Shell } from '../../ports/shell-port.js';
import { builtinSystemPromptFor, taskPrompt, timeUpNudge } from './builtin-prompts.js';
import { runToolCall, toolSpecs } from './builtin-tools.js';
import { accessStopReason, checkChangedPaths } from './changed-paths.js';
import { readOnlyCommands } from './command-policy.js';
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
 *
 * The step's access narrows all three: a `read-only` review is offered no tool that changes files
 * and only read-only commands; an `only` step's guard refuses writes outside its globs. What the
 * commands it ran changed is checked when the task ends, and a change the access does not allow is
 * a security stop.
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
    const access: ExecutorAccess = request.access ?? { mode: 'read-write' };
    const deadline = this.#now() + request.timeoutMs;
    const remaining = () => deadline - this.#now();
    const root = await realpath(request.workdir).catch(() => undefined);
    if (root === undefined) {
      return {
        kind: 'failed',
        reason: `the workdir ${request.workdir} does not exist`,
        transient: false,
        blocked,
      };
    }
    const commands = commandsAllowedFor(request.task.category, request.allowedCommands);
    const allowedCommands = access.mode === 'read-only' ? readOnlyCommands(commands) : commands;
    const ctx = createToolContext({
      root,
      guard: createWorkspaceGuard({
        workdir: request.workdir,
        protectedPaths: request.protectedPaths,
        access,
      }),
      shell: this.#shell,
      access,
      allowedCommands,
      commandTimeoutMs: () =>
        Math.max(1000, Math.min(this.#options.commandTimeoutMs ?? 600_000, remaining())),
      ...(request.signal ? { signal: request.signal } : {}),
      blocked,
    });
    const permitted = offeredTools(toolsAllowedFor(request.task.category), access, allowedCommands);
    const outcome = await this.#loop(request, ctx, permitted, remaining, blocked);
    return this.#checkCommandChanges(request, ctx, outcome);
  }

  async #loop(
    request: ExecutorRequest,
    ctx: ToolContext,
    permitted: readonly BuiltinToolName[],
    remaining: () => number,
    blocked: BlockedAction[],
  ): Promise<ExecutorOutcome> {
    const messages: ChatMessage[] = [{ role: 'user', content: taskPrompt(request.task) }];
    const maxTurns = Math.min(request.maxTurns, this.#options.maxTurns ?? request.maxTurns);

    for (let turn = 0; turn < maxTurns; turn++) {
      if (request.signal?.aborted) return { kind: 'failed', reason: 'cancelled', transient: true, blocked };
      if (remaining() <= 0) return this.#nudge(request, messages, blocked);
      const answer = await this.#turn(request, messages, toolSpecs(permitted, ctx.access), remaining());
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
          ...(report.findings ? { findings: report.findings } : {}),
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
          ...(finish.findings ? { findings: finish.findings } : {}),
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

  /**
   * A limited step's commands ran outside the guard (a test run can write anywhere in the worktree),
   * so when any ran, the work tree is checked like a command agent's: a change the step's access
   * does not allow — or not being able to check — stops the run, whatever the model reported.
   */
  async #checkCommandChanges(
    request: ExecutorRequest,
    ctx: ToolContext,
    outcome: ExecutorOutcome,
  ): Promise<ExecutorOutcome> {
    if (ctx.access.mode === 'read-write' || ctx.commandsRun() === 0) return outcome;
    const check = await checkChangedPaths(this.#shell, ctx.root, request.protectedPaths, ctx.access);
    const blocked = [...outcome.blocked, ...check.blocked];
    const reason = accessStopReason(ctx.access, check);
    if (reason === undefined) return { ...outcome, blocked };
    return { kind: 'failed', reason, transient: false, blocked };
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
        system: `${builtinSystemPromptFor(request.access)}\n\n${request.instructions}`,
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
      toolSpecs(['finish'], request.access),
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

/**
 * The tools offered for the step: a read-only review gets none that changes files, and
 * `run_command` only when some read-only command is allowed.
 */
function offeredTools(
  tools: readonly BuiltinToolName[],
  access: ExecutorAccess,
  allowedCommands: readonly string[][],
): BuiltinToolName[] {
  if (access.mode !== 'read-only') return [...tools];
  const changing: readonly BuiltinToolName[] = ['write_file', 'edit_file', 'delete_file'];
  return tools.filter(
    (name) => !changing.includes(name) && (name !== 'run_command' || allowedCommands.length > 0),
  );
}

function failure(error: unknown, request: ExecutorRequest, blocked: BlockedAction[]): ExecutorOutcome {
  if (request.signal?.aborted) return { kind: 'failed', reason: 'cancelled', transient: true, blocked };
  const transient = error instanceof ModelError && error.resumable;
  return { kind: 'failed', reason: errorMessage(error), transient, blocked };
}

function quality(score: number | undefined): { qualityScore?: number } {
  return score === undefined ? {} : { qualityScore: score };
}
