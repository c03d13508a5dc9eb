import type { ReportLimits } from './report-limits.js';
import { codeCell, firstOf, moreNote, section, textCell } from './report-text.js';
import type { RequirementStatus, RequirementTrace } from './requirement-check.js';

export const requirementStatusIcon: Readonly<Record<RequirementStatus, string>> = {
  met: '✅ met',
  partial: '🟡 partial',
  unmet: '❌ unmet',
};

const ITEMS_PER_CELL = 5;
const TEST_FILE =
  /(?:^|\/)(?:tests?|__tests__|spec|e2e)\/|\.(?:test|spec)\.[A-Za-z0-9]+$|_test\.[A-Za-z0-9]+$/;

/** R1..Rn → tasks and changed files → the tests among them → status, with the evidence behind it. */
export function renderTraceability(requirements: readonly RequirementTrace[], limits: ReportLimits): string {
  if (requirements.length === 0)
    return section(
      'Requirements traceability',
      '_No requirement was checked: the plan had none, `validation.validate_prd` is off, or the run stopped before validation._',
    );
  const { shown, more } = firstOf(requirements, limits.maxRows);
  const rows = shown.map((r) => {
    const changes = r.files.filter((file) => !TEST_FILE.test(file));
    // Only the evidence the reader sees counts (and a 100 kB model text is never scanned per file).
    const tests = testsOf(r.files, r.evidence.slice(0, limits.evidenceChars), changes);
    const evidence = textCell(r.evidence, limits.evidenceChars);
    const gaps = r.gaps.trim() ? ` **Gaps:** ${textCell(r.gaps, limits.evidenceChars)}` : '';
    const requirement = `**${textCell(r.id, 20)}** ${textCell(r.title, 120)}`;
    return `| ${requirement} | ${codeList(r.tasks)} | ${codeList(changes)} | ${codeList(tests)} | ${requirementStatusIcon[r.status]} | ${evidence}${gaps} |`;
  });
  const table = [
    '| Requirement | Tasks | Changes | Tests | Status | Evidence |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  return section('Requirements traceability', table, moreNote(more, 'requirements (shortened to fit)'));
}

/** Task ids or paths for one cell: a few, then a count, so a row stays a row. */
function codeList(items: readonly string[]): string {
  if (items.length === 0) return '—';
  const { shown, more } = firstOf(items, ITEMS_PER_CELL);
  const list = shown.map((item) => codeCell(item)).join(', ');
  return more ? `${list} +${more} more` : list;
}

/**
 * The test files that test this requirement, among those its tasks changed. One test task often
 * serves every requirement, so "changed by a serving task" would list every test file under every
 * requirement; a test counts when the evidence names it or it is named after a changed source
 * file (`src/lines.js` ↔ `test/lines.test.js`).
 */
function testsOf(files: readonly string[], evidence: string, changes: readonly string[]): string[] {
  const stems = new Set(changes.map(stemOf));
  return files.filter((file) => TEST_FILE.test(file) && (stems.has(stemOf(file)) || evidence.includes(file)));
}

/** `test/lines.test.js`, `src/lines.ts`, `lines_test.go` → `lines`. */
function stemOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/(?:[._-](?:test|spec))?\.[A-Za-z0-9]+$/, '').toLowerCase();
}
