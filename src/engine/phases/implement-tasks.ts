import { errorMessage } from '../../core/errors.js';
import type { RunStop, TaskResult } from '../../core/state/run-state.js';
import type { TaskGraph } from '../../core/tasks/task-graph.js';
import { priorityOf, readyTasks } from '../../core/tasks/task-priority.js';
import type { Task } from '../../core/tasks/task-schema.js';
import type { Progress } from '../../ports/progress-port.js';
import { runTask, type TaskRunnerDeps } from './task-runner.js';

export interface ImplementDeps extends TaskRunnerDeps {
  progress: Progress;
  maxParallel: number;
  /** Results so far (from a resumed run, tasks already done are skipped). Updated in place. */
  results: Record<string, TaskResult>;
  /** Called after every task so state survives a crash. */
  save(): Promise<void>;
  /** A reason to stop dispatching (budget, wall clock, cancellation), checked before each dispatch. */
  shouldStop(): RunStop | undefined;
}

/**
 * Phase 3: critical-path-first list scheduling, live (architecture decision 4). Whenever a worker
 * is free it takes the ready task with the longest remaining path; tasks start as soon as their
 * dependencies are done — no barrier between groups. A task that conflicted twice waits until
 * nothing else runs and is then run alone. Tasks whose dependencies failed are skipped.
 */
export async function implementTasks(
  graph: TaskGraph<Task>,
  deps: ImplementDeps,
): Promise<RunStop | undefined> {
  const priorities = priorityOf(graph, (t) => t.estimate ?? 10);
  const done = new Set(
    Object.values(deps.results)
      .filter((r) => r.status === 'done')
      .map((r) => r.id),
  );
  const failed = new Set<string>();
  const alone = new Set<string>();
  const running = new Map<string, Promise<void>>();
  let stop: RunStop | undefined;

  const start = (task: Task) => {
    const runAlone = alone.has(task.id);
    deps.progress.step(
      `Task ${task.id}: ${task.category} implementing "${task.title}"${runAlone ? ' (alone)' : ''}`,
    );
    deps.progress.task?.({ id: task.id, title: task.title, state: 'running' });
    const promise = runTask(task, deps, { alone: runAlone }).then(async (run) => {
      if (run.kind === 'run-alone') {
        alone.add(task.id);
        return;
      }
      deps.results[task.id] = run.result;
      if (run.kind === 'stop') stop ??= { reason: run.reason, detail: run.detail };
      if (run.result.status === 'done') done.add(task.id);
      else if (run.result.status !== 'pending') failed.add(task.id);
      await deps.save();
    });
    running.set(
      task.id,
      promise.finally(() => {
        running.delete(task.id);
        deps.progress.task?.({ id: task.id, title: task.title, state: 'ended' });
      }),
    );
  };

  for (;;) {
    stop ??= deps.shouldStop();
    if (!stop) {
      const ready = readyTasks(graph, { done, running: new Set(running.keys()), failed }, priorities);
      for (const id of ready) {
        if (running.size >= deps.maxParallel) break;
        if (alone.has(id) && running.size > 0) continue;
        start(graph.byId.get(id)!);
        if (alone.has(id)) break;
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }

  // Tasks never reached because something they depend on failed.
  for (const task of graph.tasks) {
    if (!deps.results[task.id] && !stop) {
      deps.results[task.id] = {
        id: task.id,
        status: 'skipped',
        attempts: 0,
        summary: '',
        hints: '',
        blocked: [],
        error: 'a task it depends on failed',
      };
    }
  }
  await deps.save();
  // No task of this phase needs a worktree any more: the pooled ones are removed now, beside
  // validation (gates, the requirement check) instead of after it. The run's end still waits for
  // the removal; a fix task that comes meanwhile gets a fresh worktree.
  deps.workspace
    .releaseWorktrees()
    .catch((error: unknown) =>
      deps.progress.warn(`Could not remove the task worktrees: ${errorMessage(error)}`),
    );
  return stop;
}
