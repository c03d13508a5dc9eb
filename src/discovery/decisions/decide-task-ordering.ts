import type { Decision } from '../../core/plan/decision.js';
import type { TaskPreview } from '../../core/plan/plan-schema.js';
import { scheduleTasks } from '../../core/tasks/schedule-tasks.js';
import { taskLevels } from '../../core/tasks/task-levels.js';
import { validateTaskGraph } from '../../core/tasks/validate-task-graph.js';

export interface OrderingSettings {
  parallel_execution: boolean;
  max_parallel: number;
}

/**
 * The task-ordering decision (architecture decision 4): critical-path-first list scheduling over
 * the DAG, with the groups shown for reading, not used as barriers. Uses unit durations because
 * the preview has no estimates yet; the figures are what a reviewer can sanity-check.
 */
export function decideTaskOrdering(preview: TaskPreview, settings: OrderingSettings): Decision {
  const workers = settings.parallel_execution ? settings.max_parallel : 1;
  const validation = validateTaskGraph(preview);
  if (validation.kind === 'invalid') {
    return {
      kind: 'task-ordering',
      topic: 'Task ordering',
      choice: 'Sequential, in the listed order',
      rationale:
        'The previewed task graph is not a valid DAG yet; phase 2 regenerates it before anything runs.',
      confidence: 0.4,
      alternatives: ['Critical-path-first parallel scheduling'],
      source: 'default',
    };
  }
  const graph = validation.graph;
  const levels = taskLevels(graph);
  const schedule = scheduleTasks(graph, { maxParallel: workers, duration: () => 1 });
  const total = graph.order.length;
  const criticalPath = levels.length;
  const choice =
    workers > 1
      ? `Critical-path-first, up to ${workers} in parallel`
      : 'Sequential (parallel_execution is off)';
  return {
    kind: 'task-ordering',
    topic: 'Task ordering',
    choice,
    rationale:
      `${total} task(s) in ${levels.length} group(s); the longest dependency chain has ${criticalPath} task(s). ` +
      `Foundational tasks first, then whichever ready task has the longest remaining path; ` +
      `estimated ${schedule.makespan} task-length(s) of wall time versus ${total} one after another.`,
    confidence: 0.85,
    alternatives:
      workers > 1
        ? ['Group by group with a barrier (slower)', 'Strictly sequential']
        : ['Critical-path-first parallel'],
    source: 'repository',
  };
}
