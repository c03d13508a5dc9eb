import type { ReportCheckpoint } from './final-report-input.js';
import type { ReportLimits } from './report-limits.js';
import { codeCell, firstOf, fold, moreNote, section, textCell } from './report-text.js';

const FOLD_ROWS_ABOVE = 20;

/** One row per checkpoint commit: any of them can be restored with `maestro rollback`. */
export function renderCheckpoints(checkpoints: readonly ReportCheckpoint[], limits: ReportLimits): string {
  if (checkpoints.length === 0) return section('Checkpoints', '_No checkpoint commits were made._');
  const { shown, more } = firstOf(checkpoints, limits.maxRows);
  const rows = shown.map(
    (c) =>
      `| ${c.checkpoint} | ${codeCell(c.task, 60)} | ${codeCell(c.sha.slice(0, 7))} | ${textCell(c.subject, 200)} |`,
  );
  const table = [
    ['| # | Task | Commit | Subject |', '|---|---|---|---|', ...rows].join('\n'),
    moreNote(more, 'checkpoints (shortened to fit)'),
  ]
    .filter(Boolean)
    .join('\n\n');
  return section(
    'Checkpoints',
    checkpoints.length > FOLD_ROWS_ABOVE ? fold(`Checkpoint commits (${checkpoints.length})`, table) : table,
  );
}
