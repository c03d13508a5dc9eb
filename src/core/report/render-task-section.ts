import { type TaskStatus, taskGraphMermaid } from '../tasks/task-graph-mermaid.js';
import { flattenTasks } from '../tasks/task-schema.js';
import type { ReportTaskPlan, TaskResult, TaskRunStatus } from './final-report-input.js';
import type { ReportLimits } from './report-limits.js';
import { clip, codeCell, firstOf, fold, moreNote, section, textCell } from './report-text.js';

// The diagram knows four classes; skipped work is grey like work not started, and blocked work is
// red because someone has to act on it, as on a failure.
const diagramStatus: Readonly<Record<TaskRunStatus, TaskStatus>> = {
  done: 'done',
  failed: 'failed',
  blocked: 'failed',
  skipped: 'pending',
};

const statusText: Readonly<Record<TaskRunStatus, string>> = {
  done: '✅ done',
  failed: '❌ failed',
  blocked: '⛔ blocked',
  skipped: '⏭️ skipped',
};

const FOLD_ROWS_ABOVE = 15;
// Longer than the diagram's own label cap, so its `…` still shows where a title was cut.
const MAX_LABEL = 120;

/** The Mermaid graph coloured by outcome, and one row per task with its structured result. */
export function renderTaskSection(
  plan: ReportTaskPlan,
  results: readonly TaskResult[],
  limits: ReportLimits,
): string {
  const resultOf = new Map(results.map((result) => [result.id, result]));
  const status = Object.fromEntries(results.map((r) => [r.id, diagramStatus[r.status]]));
  const graph = limits.mermaid
    ? `${taskGraphMermaid(clippedTitles(plan), { status })}\n\nGreen: done · red: failed or blocked · grey: skipped.`
    : '_The task graph is left out to keep this report under GitHub’s size limit; the table lists every task._';
  const planned = flattenTasks(plan);
  const plannedIds = new Set(planned.map((task) => task.id));
  // Fix tasks of later iterations are not in the plan; they still belong in the table.
  const rows = [
    ...planned.map((task) => ({ id: task.id, title: task.title, result: resultOf.get(task.id) })),
    ...results.filter((r) => !plannedIds.has(r.id)).map((r) => ({ id: r.id, title: r.title, result: r })),
  ];
  if (rows.length === 0) return section('Task graph', '_No tasks were planned._');
  const { shown, more } = firstOf(rows, limits.maxRows);
  const withSummary = limits.summaryChars > 0;
  const head = withSummary
    ? [
        '| Task | Title | Category | Status | Attempts | Quality | Checkpoint | Summary |',
        '|---|---|---|---|---|---|---|---|',
      ]
    : [
        '| Task | Title | Category | Status | Attempts | Quality | Checkpoint |',
        '|---|---|---|---|---|---|---|',
      ];
  const lines = shown.map(({ id, title, result }) => {
    const base = `| ${codeCell(id, 60)} | ${textCell(title, 120)} | ${resultColumns(result)} |`;
    return withSummary ? `${base} ${textCell(result?.summary ?? '', limits.summaryChars)} |` : base;
  });
  const table = [[...head, ...lines].join('\n'), moreNote(more, 'tasks (shortened to fit)')]
    .filter(Boolean)
    .join('\n\n');
  const tasks = rows.length > FOLD_ROWS_ABOVE ? fold(`Tasks (${rows.length})`, table) : table;
  return section('Task graph', graph, tasks);
}

function resultColumns(result: TaskResult | undefined): string {
  if (result === undefined) return '— | ⏸️ not run | — | — | —';
  const quality = result.qualityScore === undefined ? '—' : result.qualityScore.toFixed(2);
  const sha = result.checkpointSha ? codeCell(result.checkpointSha.slice(0, 7)) : '—';
  // A task that ended without a checkpoint changed nothing: it says so rather than "done".
  const status =
    result.status === 'done' && !result.checkpointSha ? '☑️ no changes' : statusText[result.status];
  return `${codeCell(result.category, 40)} | ${status} | ${result.attempts} | ${quality} | ${sha}`;
}

/** Titles cut before they reach the diagram, which would otherwise walk all of a 100 kB title per node. */
function clippedTitles(plan: ReportTaskPlan): ReportTaskPlan {
  return {
    epics: plan.epics.map((epic) => ({
      ...epic,
      title: clip(epic.title, MAX_LABEL),
      tasks: epic.tasks.map((task) => ({ ...task, title: clip(task.title, MAX_LABEL) })),
    })),
  };
}
