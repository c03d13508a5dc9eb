import { describe, expect, it } from 'vitest';
import { compareBaseline, gateSummaryLine } from '../../../src/core/gates/compare-baseline.js';
import type { GateName, GateRun, TestCounts } from '../../../src/core/gates/gate-schema.js';

function run(
  name: GateName,
  outcome: 'passed' | 'failed' | 'timed-out',
  options: { counts?: TestCounts; failures?: string[]; durationMs?: number } = {},
): GateRun {
  return {
    name,
    argv: ['npm', 'run', name],
    outcome,
    durationMs: options.durationMs ?? 1000,
    ...(options.counts ? { counts: options.counts } : {}),
    outputTail: '',
    failures: options.failures ?? [],
  };
}

const counts = (passed: number, failed: number, skipped = 0): TestCounts => ({ passed, failed, skipped });

describe('compareBaseline', () => {
  it.each([
    ['passing', run('test', 'passed'), run('test', 'passed'), false],
    ['fixed', run('test', 'failed', { failures: ['a'] }), run('test', 'passed'), false],
    ['broken-by-change', run('lint', 'passed'), run('lint', 'failed'), true],
    [
      'still-failing (pre-existing)',
      run('test', 'failed', { counts: counts(9, 1), failures: ['old'] }),
      run('test', 'failed', { counts: counts(10, 1), failures: ['old'] }),
      false,
    ],
    ['still-failing (pre-existing)', run('lint', 'failed'), run('lint', 'failed'), false],
    [
      'new-failures',
      run('test', 'failed', { failures: ['old'] }),
      run('test', 'failed', { failures: ['old', 'new'] }),
      true,
    ],
    [
      'new-failures',
      run('test', 'failed', { counts: counts(9, 1) }),
      run('test', 'failed', { counts: counts(8, 2) }),
      true,
    ],
    ['new-failures', run('test', 'failed', { failures: ['old'] }), run('test', 'timed-out'), true],
  ] as const)('says %s (case %#)', (status, before, after, blocking) => {
    const result = compareBaseline({ runs: [before] }, { runs: [after] });
    expect(result.gates[0]?.status).toBe(status);
    expect(result.blocking).toBe(blocking);
  });

  it('counts a failing gate the baseline did not run as broken by the change', () => {
    const result = compareBaseline({ runs: [] }, { runs: [run('typecheck', 'failed')] });
    expect(result.gates).toEqual([
      { name: 'typecheck', after: { outcome: 'failed' }, status: 'broken-by-change', newFailures: [] },
    ]);
    expect(result.blocking).toBe(true);
  });

  it('treats a missing baseline like an empty one', () => {
    expect(compareBaseline(undefined, { runs: [run('test', 'passed')] }).gates[0]?.status).toBe('passing');
  });

  it('does not block on pre-existing failures while reporting them with both sides', () => {
    const before = run('test', 'failed', { counts: counts(40, 3), failures: ['a', 'b', 'c'] });
    const after = run('test', 'failed', { counts: counts(41, 2), failures: ['b', 'c'] });
    const result = compareBaseline(
      { runs: [before, run('lint', 'passed')] },
      { runs: [after, run('lint', 'passed')] },
    );
    expect(result).toEqual({
      gates: [
        {
          name: 'test',
          before: { outcome: 'failed', counts: counts(40, 3) },
          after: { outcome: 'failed', counts: counts(41, 2) },
          status: 'still-failing (pre-existing)',
          newFailures: [],
        },
        {
          name: 'lint',
          before: { outcome: 'passed' },
          after: { outcome: 'passed' },
          status: 'passing',
          newFailures: [],
        },
      ],
      newFailures: [],
      blocking: false,
    });
  });

  it('lists the failing tests that were not failing in the baseline, across gates', () => {
    const result = compareBaseline(
      { runs: [run('test', 'failed', { failures: ['cart > total'] }), run('build', 'passed')] },
      {
        runs: [
          run('test', 'failed', { failures: ['cart > total', 'cart > discount'] }),
          run('build', 'failed', { failures: ['example.com/calc'] }),
        ],
      },
    );
    expect(result.newFailures).toEqual(['cart > discount', 'example.com/calc']);
    expect(result.gates.map((g) => g.status)).toEqual(['new-failures', 'broken-by-change']);
  });

  it('keeps the order of the current report and ignores gates only the baseline ran', () => {
    const result = compareBaseline(
      { runs: [run('test', 'passed'), run('security', 'failed')] },
      { runs: [run('lint', 'passed'), run('test', 'passed')] },
    );
    expect(result.gates.map((g) => g.name)).toEqual(['lint', 'test']);
  });
});

describe('gateSummaryLine', () => {
  it.each([
    ['test ✓ 127/127', run('test', 'passed', { counts: counts(127, 0) })],
    ['test ✓ 120/120 (7 skipped)', run('test', 'passed', { counts: counts(120, 0, 7) })],
    ['test ✗ 40/43 (3 failed, 1 skipped)', run('test', 'failed', { counts: counts(40, 3, 1) })],
    ['lint ✓', run('lint', 'passed')],
    ['lint ✗', run('lint', 'failed')],
    ['test ✗ timed out after 600s', run('test', 'timed-out', { durationMs: 600_400 })],
    [
      'typecheck ✗ could not run',
      {
        ...run('typecheck', 'passed'),
        outcome: 'error',
        exitCode: undefined,
        message: 'command not found',
      } satisfies GateRun,
    ],
  ])('writes "%s"', (line, gate) => {
    expect(gateSummaryLine(gate)).toBe(line);
  });
});
