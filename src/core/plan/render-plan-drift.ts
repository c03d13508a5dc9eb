import { codeLine, firstOf, moreNote, textLine } from '../report/report-text.js';
import type { DriftChange, DriftItem, PlanDrift } from './compare-task-preview.js';

/** Characters of a task or epic title; titles are model text and may be any length. */
const TITLE_CHARS = 80;
/** Changes listed; the rest are counted, so the tracking comment stays short on a rewritten plan. */
const MAX_CHANGES = 30;
/** Task ids listed on one merged or split line. */
const MAX_IDS = 8;
const WHY_CHARS = 1_000;

/**
 * The generated plan against the approved preview, for the final report and the tracking comment.
 * No heading of its own, so each places it under its own heading level. Titles are model text:
 * kept on one line, clipped and with `<` escaped (`textLine`); mentions and the rest are the
 * outbound redactor's, as for every other section.
 */
export function renderPlanDrift(drift: PlanDrift): string {
  if (drift.kind === 'same') {
    return '**Tasks as approved:** every task of the approved preview is in the plan, and nothing was added.';
  }
  const blocks: string[] = [];
  if (drift.kind === 'needs-reapproval') {
    blocks.push(
      `**⛔ The run stopped before implementation for re-approval: ${textLine(drift.why, WHY_CHARS)}**`,
      drift.changes.length > 0
        ? 'Nothing runs until the plan is approved again; the changes are below.'
        : 'Nothing runs until the plan is approved again.',
    );
  }
  if (drift.changes.length > 0) {
    const { shown, more } = firstOf(drift.changes, MAX_CHANGES);
    blocks.push(
      `**Tasks changed from the approved preview** (${count(drift.changes.length, 'change')}):`,
      shown.map(changeLine).join('\n'),
      moreNote(more, 'changes'),
    );
  }
  return blocks.filter((block) => block !== '').join('\n\n');
}

function changeLine(change: DriftChange): string {
  switch (change.kind) {
    case 'added':
      // `- + …` would open a nested list: the plus is escaped.
      return `- \\+ ${named(change.task)} (added)`;
    case 'dropped':
      return `- − ${named(change.task)} (dropped)`;
    case 'merged':
      return `- ${ids(change.from, '+')} → ${named(change.into)} (merged)`;
    case 'split':
      return `- ${named(change.from)} → ${ids(change.into, ', ')} (split)`;
    case 'epic-added':
      return `- \\+ epic ${named(change.epic)} (epic added)`;
    case 'epic-dropped':
      return `- − epic ${named(change.epic)} (epic dropped)`;
  }
}

/** `` `T3` Export as CSV ``: the id as code, the title as escaped, clipped prose. */
function named(item: DriftItem): string {
  const title = textLine(item.title, TITLE_CHARS);
  return title ? `${codeLine(item.id, 40)} ${title}` : codeLine(item.id, 40);
}

function ids(items: readonly DriftItem[], separator: string): string {
  const { shown, more } = firstOf(items, MAX_IDS);
  const listed = shown.map((item) => codeLine(item.id, 40)).join(separator);
  return more > 0 ? `${listed} …and ${more} more` : listed;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
