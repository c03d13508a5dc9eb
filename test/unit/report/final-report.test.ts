import { describe, expect, it } from 'vitest';
import { renderFinalReport } from '../../../src/core/report/final-report.js';
import { reportInput, testGate, totals } from './report-fixtures.js';

const sectionTitles = (markdown: string) => [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
const sectionOf = (markdown: string, title: string) => {
  const start = markdown.indexOf(`## ${title}\n`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
};
const rowsOf = (markdown: string) => markdown.split('\n').filter((line) => line.startsWith('| '));

describe('renderFinalReport', () => {
  it('starts with the seed title and the closing line, then the sections in product order', () => {
    const report = renderFinalReport(
      reportInput({ recoveries: { rollback: 1 }, blockedActions: [{ kind: 'command', what: 'run curl' }] }),
    );
    expect(report.startsWith('# Maestro Implementation Report\n\nCloses #42\n\n## Summary\n')).toBe(true);
    expect(sectionTitles(report)).toEqual([
      'Summary',
      'Requirements traceability',
      'Decisions',
      'Task graph',
      'Changes',
      'Testing and quality gates',
      'Checkpoints',
      'Cost',
      'Recovery and security',
      'Known gaps and next steps',
    ]);
  });

  it('has no closing line without an issue number (local mode)', () => {
    const report = renderFinalReport(reportInput({ issue: { title: 'Add dark mode' } }));
    expect(report).not.toMatch(/Closes/);
  });

  it('leaves out Recovery and security when nothing happened', () => {
    expect(sectionTitles(renderFinalReport(reportInput()))).not.toContain('Recovery and security');
  });

  it('summarises issue, chain, duration, tasks, gates, checkpoints and cost', () => {
    const summary = sectionOf(renderFinalReport(reportInput()), 'Summary');
    expect(summary).toContain('- **Outcome:** ✅ Completed');
    expect(summary).toContain('- **Issue:** #42 Add dark mode');
    expect(summary).toContain('- **Chain:** `feature` · **Session:** `run-42-abc`');
    expect(summary).toContain('- **Duration:** 47 minutes');
    expect(summary).toContain('- **Tasks completed:** 2/2');
    expect(summary).toContain(
      '- **Quality gates:** 1/2 passing · 1 failing since before this change (pre-existing)',
    );
    expect(summary).toContain('- **Tests passed:** 44/44, 1 skipped');
    expect(summary).toContain('- **Checkpoints:** 2');
    expect(summary).toContain('- **Cost:** $0.62 (128.0k tokens, 4 model calls)');
  });

  it('traces each requirement to its changes and tests with a status icon', () => {
    const rows = rowsOf(sectionOf(renderFinalReport(reportInput()), 'Requirements traceability'));
    expect(rows.slice(1)).toEqual([
      '| **R1** Theme persists | `T1` | `src/theme.ts` | `test/theme.test.ts` | ✅ met | theme.test.ts passes |',
      '| **R2** Toggle in header | `T2` | `src/header.tsx` | — | 🟡 partial | toggle exists **Gaps:** no keyboard shortcut |',
    ]);
  });

  it('shows an unmet requirement with a cross and lists it as a known gap', () => {
    const input = reportInput();
    const report = renderFinalReport({
      ...input,
      requirements: [{ ...input.requirements[0]!, status: 'unmet', evidence: 'not assessed' }],
    });
    expect(sectionOf(report, 'Requirements traceability')).toContain('| ❌ unmet | not assessed |');
    expect(sectionOf(report, 'Known gaps and next steps')).toContain('- R1 is unmet: not assessed');
  });

  it('reports a failure that was there before the change as pre-existing, not as caused by it', () => {
    const report = renderFinalReport(reportInput());
    const gates = sectionOf(report, 'Testing and quality gates');
    expect(gates).toContain(
      '| `lint` | `npm run lint` | ❌ failed · 2.0 s | ❌ failed · 2.1 s | ⚠️ still failing (pre-existing) |',
    );
    expect(gates).toContain(
      '**Pre-existing failures** (already failing on the base commit, not caused by this change):\n- `lint`: `src/legacy.js: no-var`',
    );
    expect(gates).not.toContain('Failing because of this change');
    expect(sectionOf(report, 'Known gaps and next steps')).toContain(
      'Gate `lint` was already failing on the base commit',
    );
  });

  it('names only the new failures of a gate the change broke, with before and after counts', () => {
    const broken = testGate({
      status: 'new-failures',
      before: {
        outcome: 'failed',
        durationMs: 1_000,
        counts: { passed: 9, failed: 1, skipped: 0 },
        failures: ['old'],
      },
      after: {
        outcome: 'failed',
        durationMs: 1_000,
        counts: { passed: 8, failed: 2, skipped: 0 },
        failures: ['old', 'new'],
      },
    });
    const report = renderFinalReport(reportInput({ gates: [broken] }));
    expect(sectionOf(report, 'Testing and quality gates')).toContain(
      '| `test` | `npm test` | ❌ failed · 9 passed, 1 failed, 0 skipped · 1.0 s | ❌ failed · 8 passed, 2 failed, 0 skipped · 1.0 s | ❌ new failures from this change |',
    );
    expect(report).toContain('**Failing because of this change:**\n- `test`: `new`');
    expect(report).toContain('Gate `test` fails because of this change; fix it before merging.');
  });

  it('flags unpriced models in the summary and the cost section', () => {
    const unpriced = totals({ unpricedModels: ['my-local-llama'] });
    const report = renderFinalReport(
      reportInput({ usage: { byPhase: { implementation: unpriced }, total: unpriced } }),
    );
    expect(sectionOf(report, 'Summary')).toContain('⚠️ unpriced: `my-local-llama` (counted as $0)');
    const cost = sectionOf(report, 'Cost');
    expect(cost).toContain('⚠️ **Unpriced models**');
    expect(cost).toContain('| **Total** | 4 | 120.0k | 8.0k | 30.0k (25%) | 5.0k | $0.52 ⚠️ unpriced |');
  });

  it('shows why a stopped run stopped and how to continue it', () => {
    const report = renderFinalReport(
      reportInput({ outcome: { kind: 'stopped', reason: 'wall-clock', detail: '60 minutes used' } }),
    );
    const summary = sectionOf(report, 'Summary');
    expect(summary).toContain('- **Outcome:** ⏹️ Stopped: the wall-clock limit was reached (60 minutes used)');
    expect(summary).toContain(
      '- **How to continue:** `maestro resume run-42-abc` locally, or `/maestro resume` on the issue',
    );
    expect(sectionOf(report, 'Known gaps and next steps')).toContain(
      '- Continue the run: `maestro resume run-42-abc` locally',
    );
  });

  it('lists failed, blocked and unrun tasks as known gaps', () => {
    const input = reportInput();
    const report = renderFinalReport({
      ...input,
      outcome: { kind: 'completed-with-failures' },
      tasks: [{ ...input.tasks[0]!, status: 'failed', attempts: 3, summary: 'types\ndo not line up' }],
    });
    const gaps = sectionOf(report, 'Known gaps and next steps');
    expect(gaps).toContain('- Task `T1` failed after 3 attempt(s): types do not line up');
    expect(gaps).toContain('- 1 planned task(s) did not run.');
    expect(sectionOf(report, 'Summary')).toContain('- **Tasks completed:** 0/2 (1 failed, 1 not run)');
    expect(sectionOf(report, 'Task graph')).toContain('class t_T1 failed');
  });

  it('keeps model text with pipes, newlines, backticks and HTML inside its table cell', () => {
    const hostile = 'a | b\n| c | d |\n``` `x` </details> <img src=x>';
    const input = reportInput();
    const report = renderFinalReport({
      ...input,
      requirements: [
        { ...input.requirements[0]!, title: hostile, evidence: hostile, files: [`src/${hostile}.ts`] },
      ],
      tasks: [{ ...input.tasks[0]!, summary: hostile }],
      checkpoints: [{ checkpoint: 1, task: 'T1', sha: 'abcdef0123', subject: hostile }],
      decisions: [{ ...input.decisions[0]!, rationale: hostile }],
    });
    for (const title of ['Requirements traceability', 'Task graph', 'Checkpoints', 'Decisions']) {
      const rows = rowsOf(sectionOf(report, title));
      const columns = rows[0]!.split(/(?<!\\)\|/).length;
      for (const row of rows) expect(row.split(/(?<!\\)\|/).length, `${title}: ${row}`).toBe(columns);
    }
    // HTML in prose is escaped; in a path it sits in a code span, where it is text anyway.
    expect(report).toContain('| a \\| b \\| c \\| d \\| ``` `x` &lt;/details> &lt;img src=x> |');
    expect(report).toContain('````src/a \\| b \\| c \\| d \\| ``` `x` </details> <img src=x>.ts````');
  });

  it('folds long change lists and counts what it leaves out only when it must', () => {
    const changes = Array.from({ length: 30 }, (_, i) => ({
      path: `src/f${i}.ts`,
      status: 'added' as const,
      additions: 1,
      deletions: 0,
    }));
    const changesSection = sectionOf(renderFinalReport(reportInput({ changes })), 'Changes');
    expect(changesSection).toContain('<details>\n<summary>Files created: 30</summary>');
    expect(changesSection).toContain('- `src/f29.ts` (+1 −0)');
    expect(changesSection).not.toContain('more files');
  });
});
