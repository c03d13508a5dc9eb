import type { MaestroConfig } from '../../core/config/config-schema.js';
import { checkpointMessage } from '../../core/state/commit-message.js';
import type { RecoveryCounts, TaskResult } from '../../core/state/run-state.js';
import type { Task } from '../../core/tasks/task-schema.js';
import type { Clock } from '../../ports/clock-port.js';
import type { BlockedAction, Executor, ExecutorAccess, ExecutorOutcome } from '../../ports/executor-port.js';
import type { CommitPolicy, GitWorkspace, IntegrationResult } from '../../ports/git-workspace-port.js';
import type { Progress } from '../../ports/progress-port.js';

export interface TaskRunnerDeps {
  workspace: GitWorkspace;
  executor: Executor;
  progress: Progress;
  clock: Clock;
  config: MaestroConfig;
  session: string;
  chain: string;
  allowedCommands: string[][];
  /** What the agents may change, set by the chain step running them (absent: read-write). */
  access?: ExecutorAccess;
  signal: AbortSignal;
  instructions(task: Task): string;
  context(task: Task, extra?: { previousFailure?: string; note?: string }): string;
  /** Serialises integration and hands out checkpoint numbers in completion order. */
  checkpoint(
    task: Task,
    apply: (n: number) => Promise<IntegrationResult>,
  ): Promise<IntegrationResult & { n?: number }>;
  recovered(kind: keyof RecoveryCounts): void;
}

export type TaskRun =
  | { kind: 'finished'; result: TaskResult }
  /** The task conflicted twice; the scheduler runs it again alone. */
  | { kind: 'run-alone' }
  /** The run must stop: a security stop, or a question only a human can answer. */
  | { kind: 'stop'; reason: 'security' | 'needs-human'; detail: string; result: TaskResult };

/**
 * One task, with the seed's recovery: a transient failure is retried with backoff; any other
 * failure gets an alternative approach with the failure as context, up to
 * `error_recovery.max_retry_attempts`; a conflict on integration re-runs the task once on the new
 * run-branch head. Every attempt works in a fresh worktree, so a failed attempt leaves nothing.
 */
export async function runTask(
  task: Task,
  deps: TaskRunnerDeps,
  options: { alone: boolean },
): Promise<TaskRun> {
  const { config, progress } = deps;
  const maxAttempts = 1 + config.error_recovery.max_retry_attempts;
  let attempts = 0;
  let previousFailure: string | undefined;
  let conflictReruns = 0;
  const blocked: BlockedAction[] = [];
  const base: TaskResult = { id: task.id, status: 'failed', attempts: 0, summary: '', hints: '', blocked };
  // Checked on what the commit would record, whichever executor made the change (rule 7).
  const policy = commitPolicy(config, deps.access);
  const refusedStop = (refused: Extract<IntegrationResult, { kind: 'refused' }>): TaskRun => {
    blocked.push(...refused.blocked);
    progress.warn(`${task.id}: ${refused.reason}`);
    return {
      kind: 'stop',
      reason: 'security',
      detail: refused.reason,
      result: { ...base, attempts, status: 'blocked', error: refused.reason },
    };
  };

  while (attempts < maxAttempts) {
    if (deps.signal.aborted)
      return { kind: 'finished', result: { ...base, attempts, status: 'pending', error: 'cancelled' } };
    attempts += 1;
    const head = await deps.workspace.head();
    const worktree = await deps.workspace.addWorktree(task.id, head);
    let outcome: ExecutorOutcome;
    try {
      outcome = await deps.executor.run({
        workdir: worktree.path,
        task,
        instructions: deps.instructions(task),
        context: deps.context(task, { previousFailure }),
        allowedCommands: deps.allowedCommands,
        protectedPaths: [...policy.protectedPaths],
        ...(deps.access ? { access: deps.access } : {}),
        timeoutMs: config.orchestrator.max_task_duration * 1000,
        maxTurns: config.executor.max_turns,
        signal: deps.signal,
      });
      blocked.push(...outcome.blocked);
      if (deps.signal.aborted) {
        // Cancelled mid-task: keep what the agent did as a work-in-progress checkpoint, so nothing is
        // lost; the task stays pending and `resume` runs it again on top of it.
        const wip = await deps.checkpoint(task, (n) =>
          deps.workspace.integrate(
            worktree,
            `wip: ${task.id} interrupted`,
            { session: deps.session, task: 'wip', checkpoint: n },
            policy,
          ),
        );
        if (wip.kind === 'refused') return refusedStop(wip);
        if (wip.kind === 'integrated')
          progress.warn(
            `Work in progress of ${task.id} kept as checkpoint ${wip.n} (${wip.sha.slice(0, 7)})`,
          );
        return { kind: 'finished', result: { ...base, attempts, status: 'pending', error: 'cancelled' } };
      }
      if (outcome.kind === 'completed') {
        const integrated = await deps.checkpoint(task, (n) =>
          deps.workspace.integrate(
            worktree,
            checkpointMessage(task, deps.chain, outcome.kind === 'completed' ? outcome.summary : ''),
            {
              session: deps.session,
              task: task.id,
              checkpoint: n,
            },
            policy,
          ),
        );
        // A secret, a protected path, an escaping symlink or changed git config: nothing was
        // committed; the run stops before any push, with what was refused in the report.
        if (integrated.kind === 'refused') return refusedStop(integrated);
        if (integrated.kind === 'conflict') {
          if (options.alone) {
            // Nothing else ran meanwhile, so the conflict is the task's own doing: a failure, not a retry loop.
            progress.warn(
              `${task.id}: its changes do not apply even when run alone (${integrated.files.join(', ')})`,
            );
            return {
              kind: 'finished',
              result: {
                ...base,
                attempts,
                error: `changes conflict with the run branch: ${integrated.files.join(', ')}`,
              },
            };
          }
          if (conflictReruns >= 1) return { kind: 'run-alone' };
          conflictReruns += 1;
          attempts -= 1; // a conflict is not the task's failure
          deps.recovered('conflict-rerun');
          progress.step(
            `${task.id}: conflicts with work integrated meanwhile (${integrated.files.join(', ')}); re-running on the new head`,
          );
          continue;
        }
        const result: TaskResult = {
          ...base,
          status: 'done',
          attempts,
          summary: outcome.summary,
          qualityScore: outcome.qualityScore,
          hints: outcome.hints,
          checkpoint:
            integrated.kind === 'integrated' && integrated.n !== undefined
              ? { n: integrated.n, sha: integrated.sha }
              : undefined,
        };
        if (integrated.kind === 'integrated')
          progress.done(
            `Checkpoint ${integrated.n}: ${task.id} ${task.title} (${integrated.sha.slice(0, 7)})`,
          );
        else progress.step(`${task.id} finished without changes`);
        return { kind: 'finished', result };
      }
      if (outcome.kind === 'needs-human') {
        if (config.error_recovery.request_human_on_ambiguous) {
          deps.recovered('asked-human');
          return {
            kind: 'stop',
            reason: 'needs-human',
            detail: outcome.question,
            result: { ...base, attempts, error: outcome.question },
          };
        }
        previousFailure = `the agent asked "${outcome.question}"; no human is available: decide from the PRD and its defaults`;
      } else if (outcome.kind === 'failed' && /^security stop/i.test(outcome.reason)) {
        return {
          kind: 'stop',
          reason: 'security',
          detail: outcome.reason,
          result: { ...base, attempts, status: 'blocked', error: outcome.reason },
        };
      } else if (outcome.kind === 'failed' && outcome.transient) {
        deps.recovered('retry');
        const wait = 1000 * config.error_recovery.backoff_multiplier ** (attempts - 1);
        progress.step(
          `${task.id}: transient failure (${outcome.reason}); retrying in ${Math.round(wait / 1000)} s`,
        );
        await deps.clock.sleep(wait, deps.signal).catch(() => undefined);
        previousFailure = undefined;
        continue;
      } else {
        previousFailure =
          outcome.kind === 'failed'
            ? outcome.reason
            : `timed out after ${config.orchestrator.max_task_duration} s: ${outcome.summary}`;
      }
      if (attempts < maxAttempts) {
        deps.recovered('alternative-approach');
        progress.step(
          `${task.id}: ${previousFailure}; trying an alternative approach (${attempts + 1}/${maxAttempts})`,
        );
      }
    } finally {
      await deps.workspace.removeWorktree(worktree);
    }
  }
  progress.warn(`${task.id} failed after ${attempts} attempt(s): ${previousFailure ?? 'unknown error'}`);
  return { kind: 'finished', result: { ...base, attempts, error: previousFailure } };
}

/** The protected paths, and for an `only` step its allowed paths: checked on what the commit records. */
export function commitPolicy(config: MaestroConfig, access: ExecutorAccess | undefined): CommitPolicy {
  return {
    protectedPaths: protectedPaths(config),
    ...(access?.mode === 'only' ? { onlyPaths: { paths: access.paths, why: access.why } } : {}),
    // A read-only step must not commit anything at all.
    ...(access?.mode === 'read-only' ? { onlyPaths: { paths: [], why: 'nothing (a read-only step)' } } : {}),
  };
}

export function protectedPaths(config: MaestroConfig): string[] {
  const paths = [...config.paths.protected];
  if (!config.paths.allow_workflow_edits) paths.push('.github/workflows/**');
  return [...new Set(paths)];
}
