import { describe, expect, it } from 'vitest';
import { renderChainSteps } from '../../../src/core/report/render-chain-steps.js';
import type { StepRecord } from '../../../src/core/state/step-record.js';

const step = (over: Partial<StepRecord>): StepRecord => ({
  id: 'x',
  status: 'done',
  summary: '',
  hints: '',
  codes: [],
  blocked: [],
  ...over,
});

describe('renderChainSteps', () => {
  it('shows the fix chain red then green, with the failing output folded and fenced', () => {
    const out = renderChainSteps([
      step({
        id: 'analyse',
        summary: 'off by one in sum <script>',
        qualityScore: 8,
        reproduction: {
          status: 'reproduced',
          tests: ['test/sum.test.js'],
          failures: ['sum adds the last element'],
          output: 'not ok 1 - sum\n  ``` </details> <details>\n',
          why: '',
          greenAfterFix: true,
        },
      }),
      step({ id: 'implement', summary: '1/1 task(s) done' }),
      step({ id: 'verify', status: 'failed', summary: 'x', codes: ['E003'] }),
    ]);
    expect(out).toContain('## Chain steps');
    expect(out).toContain('| 1 | `analyse` | ✅ done | 8/10 | off by one in sum &lt;script> |');
    expect(out).toContain('❌ failed');
    expect(out).toContain('(E003)');
    expect(out).toContain(
      '🔴 fails on the base commit: `sum adds the last element`; 🟢 passes after the fix',
    );
    // The output cannot close the report's fold or its own fence.
    expect(out).toContain('````text');
    expect(out).not.toMatch(/^<\/details> <details>/m);
    expect(out).toContain('‹/details>');
  });

  it('says why there is no reproducing test, and shows tests added and coverage', () => {
    const out = renderChainSteps([
      step({
        id: 'analyse',
        reproduction: {
          status: 'no-test',
          tests: [],
          failures: [],
          output: '',
          why: 'a race in the network layer',
        },
      }),
      step({
        id: 'write-tests',
        testsAdded: ['test/b.test.js'],
        coverage: { command: 'npm run coverage', before: 61.5, after: 78 },
      }),
    ]);
    expect(out).toContain('**Reproducing test:** none — a race in the network layer');
    expect(out).toContain('**Tests added or changed** (1): `test/b.test.js`');
    expect(out).toContain('61.5% before → 78% after');
  });

  it('is empty without steps or drift', () => {
    expect(renderChainSteps([])).toBe('');
  });
});
