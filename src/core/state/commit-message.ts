import type { Task } from '../tasks/task-schema.js';

const TYPE_BY_CATEGORY: Record<Task['category'], string> = {
  frontend: 'feat',
  backend: 'feat',
  database: 'feat',
  security: 'fix',
  testing: 'test',
  docs: 'docs',
  devops: 'ci',
  performance: 'perf',
  refactoring: 'refactor',
  general: 'feat',
};

/** A conventional-commit subject for a task's checkpoint (`fix` chains commit as `fix`). */
export function checkpointMessage(
  task: Pick<Task, 'id' | 'title' | 'category'>,
  chain: string,
  summary: string,
): string {
  let type = TYPE_BY_CATEGORY[task.category];
  if (chain === 'fix' && type === 'feat') type = 'fix';
  if (chain === 'refactor' && type === 'feat') type = 'refactor';
  const title = task.title.replace(/\s+/g, ' ').trim();
  const subject = `${type}: ${title.charAt(0).toLowerCase()}${title.slice(1)}`.slice(0, 72);
  const body = summary.trim() ? `\n\n${summary.trim().slice(0, 1000)}` : '';
  return `${subject}${body}`;
}
