import { PlanError } from '../../core/errors.js';
import type { PlanRevision } from '../../core/plan/plan-revision.js';
import type { TaskGraph } from '../../core/tasks/task-graph.js';
import { groupLabel, taskLevels } from '../../core/tasks/task-levels.js';
import { type TaskPlan, taskPlanSchema } from '../../core/tasks/task-schema.js';
import { describeProblems, validateTaskGraph } from '../../core/tasks/validate-task-graph.js';
import type { ModelPort } from '../../ports/model-port.js';
import type { Progress } from '../../ports/progress-port.js';
import { TASK_GENERATION_INSTRUCTIONS, taskGenerationPrompt } from '../prompts/task-prompt.js';

export interface GeneratedTasks {
  plan: TaskPlan;
  graph: TaskGraph;
  levels: string[][];
  repaired: boolean;
}

/**
 * Phase 2: the approved PRD → a validated task DAG. An invalid graph (cycle, unknown id, a
 * requirement no task serves) is sent back to the model once with the problems; a second
 * invalid answer stops the run with those problems.
 */
export async function generateTasks(
  revision: PlanRevision,
  deps: { model: ModelPort; progress: Progress; context: string },
): Promise<GeneratedTasks> {
  const requirementIds = revision.draft.prd.requirements.map((r) => r.id);
  const ask = async (name: string, problems?: string) =>
    (
      await deps.model.generateObject({
        phase: 'task-generation',
        name,
        schema: taskPlanSchema,
        system: TASK_GENERATION_INSTRUCTIONS,
        context: deps.context,
        prompt: taskGenerationPrompt(revision, problems),
      })
    ).object;

  let plan = await ask('generate-tasks');
  let validation = validateTaskGraph(plan, { requirementIds });
  let repaired = false;
  if (validation.kind === 'invalid') {
    const problems = describeProblems(validation.problems);
    deps.progress.warn(`Task graph invalid, asking for a repair: ${problems.replace(/\n/g, ' ')}`);
    plan = await ask('generate-tasks-repair', problems);
    validation = validateTaskGraph(plan, { requirementIds });
    repaired = true;
    if (validation.kind === 'invalid') {
      throw new PlanError(
        `The task plan is still invalid after one repair: ${describeProblems(validation.problems)} Run \`maestro resume\` to try again, or revise the PRD.`,
        { code: 'plan.invalid-task-graph' },
      );
    }
  }
  const levels = taskLevels(validation.graph);
  const taskCount = validation.graph.order.length;
  deps.progress.step(`Created ${plan.epics.length} epics with ${taskCount} sub-tasks`);
  deps.progress.step(`Ordered into ${levels.length} parallel groups`);
  for (const [k, ids] of levels.entries()) deps.progress.step(`${groupLabel(k)} ${ids.join(', ')}`);
  deps.progress.done('Tasks ready for execution');
  return { plan, graph: validation.graph, levels, repaired };
}
