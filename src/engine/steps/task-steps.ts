import { buildTaskGraph } from '../../core/tasks/validate-task-graph.js';
import type { ExecutorAccess } from '../../ports/executor-port.js';
import { generateTasks } from '../phases/generate-tasks.js';
import { implementTasks } from '../phases/implement-tasks.js';
import { pushIfConfigured } from '../push-checkpoints.js';
import { measureCoverage } from './coverage.js';
import { planDriftOutcome } from './plan-drift.js';
import { accessFor, testPaths } from './step-access.js';
import type { StepContext, StepHandler, StepOutcome } from './step-context.js';

/** `generate-tasks`: the approved PRD and preview → the task DAG (once; a resumed run keeps it). */
export const generateTasksStep: StepHandler = async (ctx) => {
  const drift = await ensureTasks(ctx);
  if (drift) return drift;
  const count = (ctx.state.tasks?.epics ?? []).reduce((n, e) => n + e.tasks.length, 0);
  return {
    kind: 'done',
    record: { summary: `${count} task(s) in ${ctx.state.tasks?.epics.length} epic(s)` },
  };
};

/** `implement`: the tasks, in parallel where the graph allows, one checkpoint each. */
export const implementStep: StepHandler = async (ctx) =>
  implement(ctx, await accessFor(ctx.step.writes, ctx.deps.config, ctx.deps.repo));

/**
 * `write-tests`: the test chain's tasks with the path guard on test files only; coverage is
 * measured first (where the repository has a coverage command), so `verify` can compare.
 */
export const writeTestsStep: StepHandler = async (ctx) => {
  const access = await accessFor(ctx.step.writes, ctx.deps.config, ctx.deps.repo);
  const coverage = await measureCoverage(ctx);
  const outcome = await implement(ctx, access);
  const changed = await ctx.deps.workspace.diffFiles(ctx.state.baseSha, await ctx.deps.workspace.head());
  const paths = await testPaths(ctx.deps.config, ctx.deps.repo);
  const record = {
    ...outcome.record,
    testsAdded: changed.filter((c) => c.status !== 'deleted').map((c) => c.path),
    ...(coverage ? { coverage: { command: coverage.command, before: coverage.total } } : {}),
  };
  if (outcome.kind !== 'done') return { ...outcome, record };
  if (record.testsAdded.length === 0)
    return { kind: 'failed', detail: `no test file was written (test paths: ${paths.join(', ')})`, record };
  return { kind: 'done', record };
};

async function implement(ctx: StepContext, access: ExecutorAccess): Promise<StepOutcome> {
  const drift = await ensureTasks(ctx);
  if (drift) return drift;
  const { state, deps } = ctx;
  const graph = buildTaskGraph(state.tasks!);
  deps.progress.phase(3, 'Implementation');
  state.phase = 'implementation';
  const stop = await implementTasks(graph, {
    ...ctx.runner(access),
    maxParallel: deps.config.orchestrator.parallel_execution ? deps.config.orchestrator.max_parallel : 1,
    results: state.results,
    save: ctx.save,
    shouldStop: ctx.shouldStop,
  });
  await ctx.save();
  await pushIfConfigured(deps, state, 'group');
  const results = Object.values(state.results);
  const done = results.filter((r) => r.status === 'done').length;
  const summary = `${done}/${graph.order.length} task(s) done, ${state.checkpoints} checkpoint(s)`;
  if (stop) return { kind: 'stopped', stop, record: { summary } };
  state.phase = 'validation';
  return { kind: 'done', record: { summary } };
}

/** Task generation once per run; a drift that drops a requirement's task stops for re-approval. */
async function ensureTasks(ctx: StepContext): Promise<StepOutcome | undefined> {
  const { state, deps, input } = ctx;
  if (state.tasks) return undefined;
  deps.progress.phase(2, 'Task Generation');
  state.phase = 'task-generation';
  const previous = ctx.previousSteps();
  state.tasks = (
    await generateTasks(input.revision, {
      model: deps.model,
      progress: deps.progress,
      context: previous ? `${input.context}\n\n${previous}` : input.context,
    })
  ).plan;
  const drift = planDriftOutcome(ctx);
  await ctx.save();
  return drift;
}
