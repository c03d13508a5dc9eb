import type { ReportGate, ReportGateRun } from './final-report-input.js';
import type { ReportLimits } from './report-limits.js';
import { codeCell, codeLine, firstOf, moreNote, section } from './report-text.js';
import type { GateComparisonStatus } from './requirement-check.js';

const outcomeText: Readonly<Record<ReportGateRun['outcome'], string>> = {
  passed: '✅ passed',
  failed: '❌ failed',
  'timed-out': '⏱️ timed out',
  error: '⚠️ could not run',
};

const statusText: Readonly<Record<GateComparisonStatus, string>> = {
  passing: '✅ passing',
  fixed: '✅ fixed by this change',
  'broken-by-change': '❌ broken by this change',
  'still-failing (pre-existing)': '⚠️ still failing (pre-existing)',
  'new-failures': '❌ new failures from this change',
};

const FAILURES_PER_GATE = 10;

/**
 * Each gate before (the baseline on the base commit) and after the change, with counts, so a
 * failure that was already there is reported as pre-existing and not blamed on the change
 * (architecture decision 6).
 */
export function renderGates(gates: readonly ReportGate[], iterations: number, limits: ReportLimits): string {
  if (gates.length === 0) return section('Testing and quality gates', '_No quality gate was run._');
  const intro = `Run by Maestro on the base commit (baseline) and after the change; validation iterations: ${iterations}.`;
  const { shown, more } = firstOf(gates, limits.maxRows);
  const rows = shown.map((gate) => {
    const command = gate.argv?.length ? codeCell(gate.argv.join(' '), 120) : '—';
    return `| ${codeCell(gate.name, 60)} | ${command} | ${runCell(gate.before)} | ${runCell(gate.after)} | ${statusText[gate.status]} |`;
  });
  const table = [
    '| Gate | Command | Before (baseline) | After | Status |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  const broken = gates.filter((g) => g.status === 'broken-by-change' || g.status === 'new-failures');
  const preExisting = gates.filter((g) => g.status === 'still-failing (pre-existing)');
  return section(
    'Testing and quality gates',
    intro,
    table,
    moreNote(more, 'gates (shortened to fit)'),
    failureList('**Failing because of this change:**', broken, (gate) => newFailures(gate)),
    failureList(
      '**Pre-existing failures** (already failing on the base commit, not caused by this change):',
      preExisting,
      (gate) => gate.after?.failures ?? gate.before?.failures ?? [],
    ),
  );
}

function runCell(run: ReportGateRun | undefined): string {
  if (run === undefined) return '— not run';
  const counts = run.counts
    ? ` · ${run.counts.passed} passed, ${run.counts.failed} failed, ${run.counts.skipped} skipped`
    : '';
  return `${outcomeText[run.outcome]}${counts} · ${(run.durationMs / 1000).toFixed(1)} s`;
}

/** Failures after the change that the baseline did not have; all of them when there was no baseline. */
function newFailures(gate: ReportGate): readonly string[] {
  const before = new Set(gate.before?.failures ?? []);
  const after = gate.after?.failures ?? [];
  const fresh = after.filter((failure) => !before.has(failure));
  return fresh.length ? fresh : after;
}

function failureList(
  title: string,
  gates: readonly ReportGate[],
  failuresOf: (gate: ReportGate) => readonly string[],
): string {
  if (gates.length === 0) return '';
  const items = gates.map((gate) => {
    const { shown, more } = firstOf(failuresOf(gate), FAILURES_PER_GATE);
    const names = shown.map((failure) => codeLine(failure, 160)).join(', ');
    const extra = more ? ` +${more} more` : '';
    return `- ${codeLine(gate.name, 60)}${names ? `: ${names}${extra}` : ''}`;
  });
  return [title, ...items].join('\n');
}
