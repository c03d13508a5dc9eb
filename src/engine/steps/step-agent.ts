import { checkpointMessage } from '../../core/state/commit-message.js';
import type { Task } from '../../core/tasks/task-schema.js';
import type { BlockedAction, ExecutorOutcome } from '../../ports/executor-port.js';
import type { IntegrationResult } from '../../ports/git-workspace-port.js';
import { commitPolicy, type TaskRunnerDeps } from '../phases/task-runner.js';

/** What one step agent did; a timeout after its one nudge is the seed's E003. */
export type StepAgentResult = StepAgentEnd & { blocked: BlockedAction[] };

type StepAgentEnd =
  | {
      kind: 'completed';
      outcome: Extract<ExecutorOutcome, { kind: 'completed' }>;
      /** The checkpoint its changes became; absent when it changed nothing (or may not change anything). */
      checkpoint?: { n: number; sha: string };
    }
  | { kind: 'timed-out'; summary: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'needs-human'; question: string };

/**
 * One agent for one chain step (the seed's spawn → wait → nudge → close): in a fresh worktree of
 * the run branch, with the step's access, then — unless the step is read-only — its changes
 * integrated as one checkpoint through the same commit policy as every task.
 */
export async function runStepAgent(task: Task, deps: TaskRunnerDeps): Promise<StepAgentResult> {
  const blocked: BlockedAction[] = [];
  const end = await runInWorktree(task, deps, blocked);
  return { ...end, blocked };
}

async function runInWorktree(
  task: Task,
  deps: TaskRunnerDeps,
  blocked: BlockedAction[],
): Promise<StepAgentEnd> {
  const worktree = await deps.workspace.addWorktree(task.id, await deps.workspace.head());
  try {
    const outcome = await deps.executor.run({
      workdir: worktree.path,
      task,
      instructions: deps.instructions(task),
      context: deps.context(task),
      allowedCommands: deps.access?.mode === 'read-only' ? [] : deps.allowedCommands,
      protectedPaths: commitPolicy(deps.config, deps.access).protectedPaths.slice(),
      ...(deps.access ? { access: deps.access } : {}),
      timeoutMs: deps.config.orchestrator.max_task_duration * 1000,
      maxTurns: deps.config.executor.max_turns,
      signal: deps.signal,
    });
    blocked.push(...outcome.blocked);
    if (outcome.kind === 'timed-out') return { kind: 'timed-out', summary: outcome.summary };
    if (outcome.kind === 'needs-human') return { kind: 'needs-human', question: outcome.question };
    if (outcome.kind === 'failed') return { kind: 'failed', reason: outcome.reason };
    if (deps.access?.mode === 'read-only') return { kind: 'completed', outcome };
    const integrated: IntegrationResult & { n?: number } = await deps.checkpoint(task, (n) =>
      deps.workspace.integrate(
        worktree,
        checkpointMessage(task, deps.chain, outcome.summary),
        { session: deps.session, task: task.id, checkpoint: n },
        commitPolicy(deps.config, deps.access),
      ),
    );
    if (integrated.kind === 'refused') {
      blocked.push(...integrated.blocked);
      return { kind: 'refused', reason: integrated.reason };
    }
    if (integrated.kind === 'conflict')
      return { kind: 'failed', reason: `its changes conflict: ${integrated.files.join(', ')}` };
    return {
      kind: 'completed',
      outcome,
      ...(integrated.kind === 'integrated' && integrated.n !== undefined
        ? { checkpoint: { n: integrated.n, sha: integrated.sha } }
        : {}),
    };
  } finally {
    await deps.workspace.removeWorktree(worktree);
  }
}
