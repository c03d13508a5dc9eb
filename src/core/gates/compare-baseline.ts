import type { GateName, GateOutcome, GateReport, GateRun, TestCounts } from './gate-schema.js';

/**
 * Judges the gates after a change against the baseline taken before it, so a failure that was
 * already there is reported, not blamed on the change (product.md §4, architecture decision 6).
 *
 * Only `broken-by-change` and `new-failures` block: a gate that failed before the change and fails
 * the same way after it is the repository's existing state, which the change neither caused nor
 * was asked to fix. Whether a blocking result fails the run is the caller's call
 * (`validation.fail_on_gate_violation`).
 *
 * Limits, on purpose conservative:
 * - a gate with no baseline run counts as `broken-by-change` when it fails: nothing shows it failed before;
 * - "the same way" means no failing test name that the baseline lacked, no more failures by count,
 *   and the same outcome (a test run that failed before and times out now is a new failure);
 * - a gate whose output names no tests and gives no counts (most linters) cannot show new failures
 *   behind pre-existing ones, so it reads `still-failing (pre-existing)`: the report shows its output.
 */
export type GateStatus =
  | 'passing'
  | 'fixed'
  | 'broken-by-change'
  | 'still-failing (pre-existing)'
  | 'new-failures';

/** One side of the comparison. */
export interface GateSide {
  outcome: GateOutcome;
  counts?: TestCounts;
}

export interface GateComparison {
  name: GateName;
  /** Absent when the baseline did not run this gate. */
  before?: GateSide;
  after: GateSide;
  status: GateStatus;
  /** Failing test names of this gate that did not fail in the baseline. */
  newFailures: string[];
}

export interface BaselineComparison {
  /** In the order of the current report. */
  gates: GateComparison[];
  /** Every gate's `newFailures`, de-duplicated. */
  newFailures: string[];
  /** Some gate is `broken-by-change` or has `new-failures`; pre-existing failures alone never block. */
  blocking: boolean;
}

const BLOCKING: ReadonlySet<GateStatus> = new Set(['broken-by-change', 'new-failures']);

export function compareBaseline(baseline: GateReport | undefined, current: GateReport): BaselineComparison {
  const gates = current.runs.map((after) =>
    compareGate(
      baseline?.runs.find((r) => r.name === after.name),
      after,
    ),
  );
  return {
    gates,
    newFailures: [...new Set(gates.flatMap((g) => g.newFailures))],
    blocking: gates.some((g) => BLOCKING.has(g.status)),
  };
}

function compareGate(before: GateRun | undefined, after: GateRun): GateComparison {
  const failuresBefore = new Set(before?.outcome === 'passed' ? [] : (before?.failures ?? []));
  const newFailures = after.outcome === 'passed' ? [] : after.failures.filter((n) => !failuresBefore.has(n));
  return {
    name: after.name,
    ...(before ? { before: side(before) } : {}),
    after: side(after),
    status: statusOf(before, after, newFailures),
    newFailures,
  };
}

function statusOf(before: GateRun | undefined, after: GateRun, newFailures: readonly string[]): GateStatus {
  const failedBefore = before !== undefined && before.outcome !== 'passed';
  if (after.outcome === 'passed') return failedBefore ? 'fixed' : 'passing';
  if (!failedBefore) return 'broken-by-change';
  const moreFailures = (after.counts?.failed ?? 0) > (before.counts?.failed ?? Number.POSITIVE_INFINITY);
  if (newFailures.length > 0 || moreFailures || before.outcome !== after.outcome) return 'new-failures';
  return 'still-failing (pre-existing)';
}

function side(run: GateRun): GateSide {
  return { outcome: run.outcome, ...(run.counts ? { counts: run.counts } : {}) };
}

/** One gate in a line, as in the tracking comment and the report: `test ✓ 127/127`, `lint ✗`. */
export function gateSummaryLine(run: GateRun): string {
  switch (run.outcome) {
    case 'timed-out':
      return `${run.name} ✗ timed out after ${Math.round(run.durationMs / 1000)}s`;
    case 'error':
      return `${run.name} ✗ could not run`;
    default: {
      const mark = run.outcome === 'passed' ? '✓' : '✗';
      return run.counts ? `${run.name} ${mark} ${countsText(run.counts)}` : `${run.name} ${mark}`;
    }
  }
}

function countsText({ passed, failed, skipped }: TestCounts): string {
  const notes = [failed > 0 ? `${failed} failed` : '', skipped > 0 ? `${skipped} skipped` : ''].filter(
    Boolean,
  );
  return `${passed}/${passed + failed}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}
