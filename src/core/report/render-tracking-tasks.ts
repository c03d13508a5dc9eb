import { codeLine, fold, textLine } from './report-text.js';
import type { TrackingTask, TrackingTaskStatus } from './tracking-view.js';

/** Above this many tasks, the done tasks of big groups fold into `<details>`. */
const FOLD_ABOVE_TASKS = 30;
/** A group with more tasks than this is big. */
const BIG_GROUP = 5;
const LISTED_IDS = 50;

/**
 * A name (task id, gate, branch) as inline code; as escaped prose when it holds `<`, since a code
 * span would keep a literal `<!--` or `</details>` in the comment's markdown.
 */
export function nameText(text: string, maxChars: number): string {
  return text.includes('<') ? textLine(text, maxChars) : codeLine(text, maxChars);
}

export const taskIcon: Readonly<Record<TrackingTaskStatus, string>> = {
  pending: '⬜',
  running: '🔄',
  done: '✅',
  failed: '❌',
  skipped: '⏭️',
  blocked: '⛔',
};

/**
 * Tasks by `[P:Group-k]` with status icons. With more than 30 tasks, the done tasks of big groups
 * fold into `<details>` so what is still open stays in view.
 */
export function renderTasks(tasks: readonly TrackingTask[], titleChars: number): string {
  const many = tasks.length > FOLD_ABOVE_TASKS;
  const doneCount = tasks.filter((task) => task.status === 'done').length;
  const blocks = groupsOf(tasks).map(([group, members]) => {
    const done = members.filter((task) => task.status === 'done');
    const title = `**Group ${group}** (${done.length}/${members.length} done)`;
    if (!many || members.length <= BIG_GROUP || done.length === 0) {
      return [title, ...members.map((task) => taskLine(task, titleChars))].join('\n');
    }
    const open = members.filter((task) => task.status !== 'done');
    const folded = fold(`✅ ${done.length} done`, done.map((task) => taskLine(task, titleChars)).join('\n'));
    return [[title, ...open.map((task) => taskLine(task, titleChars))].join('\n'), folded].join('\n\n');
  });
  return [`### Tasks (${doneCount}/${tasks.length} done)`, ...blocks].join('\n\n');
}

/** The last resort for huge plans: counts per group, and the ids of the tasks neither done nor pending. */
export function renderTaskCounts(tasks: readonly TrackingTask[]): string {
  const doneCount = tasks.filter((task) => task.status === 'done').length;
  const lines = groupsOf(tasks).map(([group, members]) => {
    const counts = Object.entries(countBy(members))
      .map(([status, n]) => `${taskIcon[status as TrackingTaskStatus]} ${n} ${status}`)
      .join(' · ');
    return `- **Group ${group}** (${members.length}): ${counts}`;
  });
  const notable = tasks.filter((task) => task.status !== 'done' && task.status !== 'pending');
  const shown = notable
    .slice(0, LISTED_IDS)
    .map((task) => `${taskIcon[task.status]} ${nameText(task.id, 40)}`);
  const more = notable.length > shown.length ? ` …and ${notable.length - shown.length} more` : '';
  return [
    `### Tasks (${doneCount}/${tasks.length} done)`,
    lines.join('\n'),
    shown.length ? `${shown.join(' · ')}${more}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

function taskLine(task: TrackingTask, titleChars: number): string {
  const title = titleChars > 0 && task.title.trim() ? ` ${textLine(task.title, titleChars)}` : '';
  return `- ${taskIcon[task.status]} ${nameText(task.id, 40)}${title}`;
}

function groupsOf(tasks: readonly TrackingTask[]): [number, TrackingTask[]][] {
  const groups = new Map<number, TrackingTask[]>();
  for (const task of tasks) groups.set(task.group, [...(groups.get(task.group) ?? []), task]);
  return [...groups.entries()].sort(([a], [b]) => a - b);
}

function countBy(tasks: readonly TrackingTask[]): Partial<Record<TrackingTaskStatus, number>> {
  const counts: Partial<Record<TrackingTaskStatus, number>> = {};
  for (const task of tasks) counts[task.status] = (counts[task.status] ?? 0) + 1;
  return counts;
}
