import { describe, expect, it } from 'vitest';
import {
  type CheckConclusion,
  type CheckRunInfo,
  type CheckState,
  classifyChecks,
  isFailed,
} from '../../../src/core/ci/check-runs.js';
import { renderTrackingComment } from '../../../src/core/report/render-tracking.js';
import type { TrackingView } from '../../../src/core/report/tracking-view.js';

/*
 * Every conclusion GitHub gives a finished check run, and what Maestro makes of it: only the code
 * failing (`failure`, `timed_out`) may start a CI fix; a check someone cancelled, one waiting for a
 * person's approval, one GitHub marked stale or one that could not start is shown as what it is.
 */

const completed = (conclusion: string | null, id = 1): CheckRunInfo => ({
  id,
  name: 'test',
  status: 'completed',
  conclusion: conclusion as CheckConclusion | null,
  url: `https://github.com/o/r/runs/${id}`,
});

const cases: Array<[conclusion: CheckConclusion, state: CheckState, fixable: boolean, shown: string]> = [
  ['success', 'passed', false, '✅ passed'],
  ['failure', 'failed', true, '❌ failed'],
  ['timed_out', 'failed', true, '❌ failed'],
  ['neutral', 'neutral', false, '⚪ neutral'],
  ['skipped', 'skipped', false, '⏭️ skipped'],
  ['cancelled', 'cancelled', false, '🚫 cancelled'],
  ['action_required', 'needs-approval', false, '✋ needs approval'],
  ['stale', 'stale', false, '⌛ stale'],
  ['startup_failure', 'not-started', false, '⚠️ could not start'],
];

function trackingWith(states: readonly CheckState[]): string {
  const view: TrackingView = {
    issue: 7,
    status: 'pr-open',
    phasesDone: [1, 2, 3, 4, 5],
    iteration: 1,
    maxIterations: 3,
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    startedAt: '2026-12-07T10:00:00.000Z',
    updatedAt: '2026-12-07T10:05:00.000Z',
    lastLines: [],
    ci: { iterations: 0, max: 2, checks: states.map((state) => ({ name: 'test', state })) },
  };
  return renderTrackingComment(view);
}

describe('check-run conclusions', () => {
  it.each(cases)('%s → %s (starts a fix: %s), shown as "%s"', (conclusion, state, fixable, shown) => {
    const run = completed(conclusion);
    expect(isFailed(run)).toBe(fixable);
    expect(classifyChecks([run], []).map((c) => c.state)).toEqual([state]);
    expect(trackingWith([state])).toContain(`| \`test\` | ${shown} |`);
  });

  it.each(cases)('%s on the base too: pre-existing only when it is a real failure', (conclusion, state) => {
    const [check] = classifyChecks([completed(conclusion, 2)], [completed(conclusion, 1)]);
    expect(check?.state).toBe(state === 'failed' ? 'pre-existing' : state);
  });

  it('covers every conclusion the check-runs API documents', () => {
    // The union is the compile-time list; this keeps the table above from silently missing one.
    const all: Record<CheckConclusion, true> = {
      success: true,
      failure: true,
      neutral: true,
      cancelled: true,
      skipped: true,
      timed_out: true,
      action_required: true,
      stale: true,
      startup_failure: true,
    };
    expect(cases.map(([c]) => c).sort()).toEqual(Object.keys(all).sort());
  });

  it.each([
    null,
    'exploded',
    '__proto__',
    'toString',
  ])('a completed run with conclusion %s is unknown: neither a pass nor a fix', (conclusion) => {
    const run = completed(conclusion);
    expect(isFailed(run)).toBe(false);
    expect(classifyChecks([run], []).map((c) => c.state)).toEqual(['unknown']);
    expect(trackingWith(['unknown'])).toContain('| `test` | ❔ unknown result |');
  });

  it.each<[CheckRunInfo['status'], CheckState]>([
    ['queued', 'queued'],
    ['requested', 'queued'],
    ['pending', 'queued'],
    ['in_progress', 'running'],
    ['waiting', 'needs-approval'],
  ])('an unfinished run (%s) is %s, never failed', (status, state) => {
    const run: CheckRunInfo = { id: 1, name: 'test', status, conclusion: null };
    expect(isFailed(run)).toBe(false);
    expect(classifyChecks([run], []).map((c) => c.state)).toEqual([state]);
  });
});
