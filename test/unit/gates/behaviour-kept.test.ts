import { describe, expect, it } from 'vitest';
import { behaviourProblems } from '../../../src/core/gates/behaviour-kept.js';
import type { GateReport, GateRun } from '../../../src/core/gates/gate-schema.js';

function run(
  name: GateRun['name'],
  outcome: 'passed' | 'failed',
  passed?: number,
  failures: string[] = [],
): GateRun {
  return {
    name,
    argv: ['npm', name],
    durationMs: 1,
    outputTail: '',
    failures,
    outcome,
    ...(passed !== undefined ? { counts: { passed, failed: failures.length, skipped: 0 } } : {}),
  } as GateRun;
}
const report = (...runs: GateRun[]): GateReport => ({ runs });

describe('behaviourProblems (the refactor chain)', () => {
  it('is empty when every gate that passed still passes with as many passing tests', () => {
    expect(
      behaviourProblems(
        report(run('test', 'passed', 12), run('lint', 'passed')),
        report(run('test', 'passed', 12), run('lint', 'passed')),
      ),
    ).toEqual([]);
  });

  it('names a gate that passed before and fails after, with its failing tests', () => {
    const problems = behaviourProblems(
      report(run('test', 'passed', 3)),
      report(run('test', 'failed', 2, ['sum adds'])),
    );
    expect(problems[0]).toBe('the test gate passed before the change and is failed after it: sum adds');
  });

  it('catches a deleted test even when the suite still passes', () => {
    expect(behaviourProblems(report(run('test', 'passed', 12)), report(run('test', 'passed', 10)))).toEqual([
      '2 test(s) of the test gate that passed before are missing or failing (12 passed before, 10 after)',
    ]);
  });

  it('names a gate that did not run after the change, and ignores gates that were red before', () => {
    expect(
      behaviourProblems(report(run('lint', 'passed'), run('test', 'failed', 1, ['x'])), report()),
    ).toEqual(['the lint gate passed before the change and did not run after it']);
  });

  it('refuses to judge without both runs', () => {
    expect(behaviourProblems(undefined, report())).toEqual([
      'the gates did not run both before and after the change',
    ]);
  });
});
