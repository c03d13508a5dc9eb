import type { PlanRevision } from '../../core/plan/plan-revision.js';
import type { TaskResult } from '../../core/state/run-state.js';
import { instructionsFor } from '../../core/tasks/category-instructions.js';
import type { Task } from '../../core/tasks/task-schema.js';

/** Instructions for the agent: Maestro's rules, the category's specialist brief, the repository's own. */
export function taskInstructions(task: Task, repositoryInstructions: string): string {
  return [
    'You are a coding agent working for Maestro on ONE task of an approved plan, in a git worktree of the repository.',
    'Change only what the task needs. Follow the repository conventions and instructions. Do not commit, push or touch CI workflows: Maestro commits your work as a checkpoint and runs the gates itself.',
    'When you are done, call finish with a summary of what you did (max 500 characters), a quality score 0–10 and hints for the tasks that come after yours.',
    '',
    instructionsFor(task.category),
    repositoryInstructions.trim() ? `\nRepository instructions:\n${repositoryInstructions.trim()}` : '',
  ].join('\n');
}

/**
 * The task's context: the goal, the requirements it serves with their acceptance criteria, the
 * task itself, and the results of the tasks it depends on (the seed's "Context from Previous
 * Steps", so findings and hints flow along the DAG).
 */
export function taskContext(
  task: Task,
  revision: PlanRevision,
  results: Readonly<Record<string, TaskResult>>,
  extra?: { previousFailure?: string; note?: string },
): string {
  const { prd } = revision.draft;
  const served = prd.requirements.filter((r) => task.requirements.includes(r.id));
  const out = [
    `Goal: ${prd.goal}`,
    '',
    ...(served.length ? ['Requirements this task serves:'] : []),
    ...served.map((r) => `- ${r.id} ${r.title}\n${r.acceptance.map((a) => `  - ${a}`).join('\n')}`),
    '',
    `Task ${task.id}: ${task.title}`,
    task.description,
    task.files.length ? `Files expected: ${task.files.join(', ')}` : '',
    'Acceptance:',
    ...task.acceptance.map((a) => `- ${a}`),
  ];
  const previous = task.dependsOn.map((id) => results[id]).filter((r): r is TaskResult => r !== undefined);
  if (previous.length > 0) {
    out.push('', '## Context from Previous Steps');
    for (const r of previous) out.push(`### ${r.id}\nFindings: ${r.summary}\nHints: ${r.hints}`);
  }
  if (extra?.previousFailure) {
    out.push(
      '',
      `A previous attempt at this task failed: ${extra.previousFailure}`,
      'Take a different approach.',
    );
  }
  if (extra?.note) out.push('', extra.note);
  return out.filter((line) => line !== '').join('\n');
}
