import { code, oneLine } from '../report/markdown.js';
import { taskGraphMermaid } from '../tasks/task-graph-mermaid.js';
import { groupLabel, taskLevels } from '../tasks/task-levels.js';
import { describeProblems, validateTaskGraph } from '../tasks/validate-task-graph.js';
import type { TaskPreview } from './plan-schema.js';

/** Group label of every previewed task (`[P:Group-1]` …), or the graph's problems when it is invalid. */
export function previewGroups(
  preview: TaskPreview,
):
  | { kind: 'valid'; groups: Map<string, string>; levels: string[][] }
  | { kind: 'invalid'; problems: string } {
  const validation = validateTaskGraph(preview);
  if (validation.kind === 'invalid')
    return { kind: 'invalid', problems: describeProblems(validation.problems) };
  const levels = taskLevels(validation.graph);
  const groups = new Map<string, string>();
  levels.forEach((ids, k) => {
    for (const id of ids) groups.set(id, groupLabel(k));
  });
  return { kind: 'valid', groups, levels };
}

/** The task preview section: epics and sub-tasks with their groups, then the Mermaid graph. */
export function renderTaskPreview(preview: TaskPreview): string {
  const out = ['### Task preview', ''];
  const grouping = previewGroups(preview);
  const groups = grouping.kind === 'valid' ? grouping.groups : new Map<string, string>();
  for (const epic of preview.epics) {
    out.push(`- **${epic.id} — ${oneLine(epic.title)}**`);
    for (const t of epic.tasks) {
      const deps = t.dependsOn.length ? ` · after ${t.dependsOn.map(code).join(', ')}` : '';
      const reqs = t.requirements.length ? ` · ${t.requirements.join(', ')}` : '';
      out.push(
        `  - ${code(t.id)} ${oneLine(t.title)} ${groups.get(t.id) ?? ''} _(${t.category})_${deps}${reqs}`,
      );
    }
  }
  if (grouping.kind === 'invalid') {
    out.push('', `> ⚠️ The previewed graph is not a valid DAG: ${oneLine(grouping.problems)}`);
  } else if (grouping.levels.length > 0) {
    out.push(
      '',
      `${grouping.levels.length} parallel group(s); groups are shown for reading, tasks start as soon as their dependencies are done.`,
    );
    out.push('', taskGraphMermaid(preview));
  }
  return out.join('\n');
}
