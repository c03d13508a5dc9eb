import type { ReportFileChange } from './final-report-input.js';
import type { ReportLimits } from './report-limits.js';
import { codeLine, firstOf, fold, moreNote, section } from './report-text.js';

const FOLD_ITEMS_ABOVE = 20;

const groups = [
  { title: 'Files created', statuses: ['added'] },
  { title: 'Files modified', statuses: ['modified', 'renamed'] },
  { title: 'Files deleted', statuses: ['deleted'] },
] as const;

/** Files created, modified and deleted with their +/- lines; long groups folded, huge ones counted. */
export function renderChanges(changes: readonly ReportFileChange[], limits: ReportLimits): string {
  if (changes.length === 0) return section('Changes', '_No files were changed._');
  const additions = changes.reduce((n, change) => n + change.additions, 0);
  const deletions = changes.reduce((n, change) => n + change.deletions, 0);
  const total = `${changes.length} file${changes.length === 1 ? '' : 's'} changed, +${additions} −${deletions} lines.`;
  const blocks = groups.flatMap(({ title, statuses }) => {
    const files = changes.filter((change) => (statuses as readonly string[]).includes(change.status));
    if (files.length === 0) return [];
    const { shown, more } = firstOf(files, limits.maxFilesPerGroup);
    const list = [shown.map(fileLine).join('\n'), moreNote(more, 'files (shortened to fit)')]
      .filter(Boolean)
      .join('\n\n');
    const heading = `${title}: ${files.length}`;
    return [
      files.length > FOLD_ITEMS_ABOVE
        ? `### ${heading}\n\n${fold(heading, list)}`
        : `### ${heading}\n\n${list}`,
    ];
  });
  return section('Changes', total, ...blocks);
}

function fileLine(change: ReportFileChange): string {
  const renamed = change.status === 'renamed' ? ' (renamed)' : '';
  return `- ${codeLine(change.path)}${renamed} (+${change.additions} −${change.deletions})`;
}
