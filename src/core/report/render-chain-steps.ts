import type { PlanDrift } from '../plan/compare-task-preview.js';
import { renderPlanDrift } from '../plan/render-plan-drift.js';
import type { Reproduction, StepRecord, StepStatus } from '../state/step-record.js';
import { codeLine, fold, section, textCell, textLine } from './report-text.js';

const icons: Readonly<Record<StepStatus, string>> = {
  pending: '⏳',
  running: '🔄',
  done: '✅',
  failed: '❌',
  skipped: '⏭️',
};

/** The chain's steps with what each found, and what the chain promised: red then green, tests, coverage, release. */
export function renderChainSteps(steps: readonly StepRecord[] | undefined, drift?: PlanDrift): string {
  if (!steps || steps.length === 0)
    return drift ? section('Tasks against the approved plan', renderPlanDrift(drift)) : '';
  const rows = steps.map(
    (s, i) =>
      `| ${i + 1} | ${codeLine(s.id, 40)} | ${icons[s.status]} ${s.status} | ${s.qualityScore !== undefined ? `${s.qualityScore}/10` : '—'} | ${textCell(s.summary, 300) || '—'}${s.codes.length ? ` (${s.codes.join(', ')})` : ''} |`,
  );
  return section(
    'Chain steps',
    ['| # | step | status | score | findings |', '|---|---|---|---|---|', ...rows].join('\n'),
    ...steps.flatMap((s) => stepDetails(s)),
    drift ? `**Tasks against the approved plan:** ${renderPlanDrift(drift)}` : '',
  );
}

function stepDetails(step: StepRecord): string[] {
  const out: string[] = [];
  if (step.reproduction) out.push(renderReproduction(step.reproduction));
  if (step.testsAdded)
    out.push(
      step.testsAdded.length
        ? `**Tests added or changed** (${step.testsAdded.length}): ${step.testsAdded
            .slice(0, 30)
            .map((p) => codeLine(p, 120))
            .join(', ')}`
        : '**Tests added:** none',
    );
  if (step.coverage)
    out.push(
      `**Coverage** (${codeLine(step.coverage.command, 120)}): ${percent(step.coverage.before)} before → ${percent(step.coverage.after)} after`,
    );
  if (step.release?.readiness) out.push(step.release.readiness);
  return out;
}

function renderReproduction(r: Reproduction): string {
  const tests = r.tests.length
    ? ` (${r.tests
        .slice(0, 10)
        .map((p) => codeLine(p, 120))
        .join(', ')})`
    : '';
  if (r.status === 'no-test') return `**Reproducing test:** none — ${textLine(r.why, 500)}`;
  if (r.status === 'not-reproduced')
    return `**Reproducing test${tests}:** did not reproduce the bug — ${textLine(r.why, 300)}`;
  const after =
    r.greenAfterFix === undefined
      ? 'not run after a fix'
      : r.greenAfterFix
        ? '🟢 passes after the fix'
        : '🔴 still fails after the fix';
  const named = r.failures.length
    ? `: ${r.failures
        .slice(0, 5)
        .map((f) => codeLine(f, 120))
        .join(', ')}`
    : '';
  return [
    `**Reproducing test${tests}:** 🔴 fails on the base commit${named}; ${after}`,
    fold('Failing output on the base commit', outputBlock(r.output)),
  ].join('\n\n');
}

/**
 * Test output in a fence longer than any backtick run in it. `<` is swapped for a look-alike so
 * no output line can open or close the report's folds.
 */
function outputBlock(output: string): string {
  const text = output.replace(/</g, '‹').trimEnd() || '(no output)';
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function percent(value: number | undefined): string {
  return value === undefined ? 'unknown' : `${value}%`;
}
