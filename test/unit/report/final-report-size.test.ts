import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FINAL_REPORT_MAX_LENGTH, renderFinalReport } from '../../../src/core/report/final-report.js';
import type { FinalReportInput } from '../../../src/core/report/final-report-input.js';
import { reportInput, testGate } from './report-fixtures.js';

const GITHUB_LIMIT = 65_536;

/** A run as large as any real one gets, with `text` (model output) in every free-text field. */
function hugeInput(tasks: number, files: number, text: string, issueNumber: number): FinalReportInput {
  const ids = Array.from({ length: tasks }, (_, i) => `E1.T${i}`);
  return reportInput({
    issue: { number: issueNumber, title: text },
    outcome: { kind: 'stopped', reason: 'error', detail: text },
    plan: {
      epics: [
        {
          id: 'E1',
          title: text,
          tasks: ids.map((id, i) => ({ id, title: text, dependsOn: i > 0 ? [ids[i - 1]!] : [] })),
        },
      ],
    },
    tasks: ids.map((id, i) => ({
      id,
      title: text,
      category: 'backend',
      status: i % 3 === 0 ? 'failed' : 'done',
      summary: text,
      attempts: 2,
      checkpointSha: `${i}`.padStart(40, 'a'),
    })),
    requirements: Array.from({ length: 200 }, (_, i) => ({
      id: `R${i + 1}`,
      title: text,
      status: 'partial' as const,
      evidence: text,
      gaps: text,
      tasks: ids,
      files: [`src/${text}.ts`],
    })),
    decisions: Array.from({ length: 100 }, () => ({
      kind: 'architecture' as const,
      topic: text,
      choice: text,
      rationale: text,
      confidence: 0.7,
      alternatives: [text, text],
      source: 'model' as const,
    })),
    changes: Array.from({ length: files }, (_, i) => ({
      path: `src/dir-${i}/${text.slice(0, 300)}`,
      status: (['added', 'modified', 'deleted', 'renamed'] as const)[i % 4]!,
      additions: i,
      deletions: i % 7,
    })),
    gates: [
      testGate({ status: 'broken-by-change', after: { outcome: 'failed', durationMs: 1, failures: [text] } }),
    ],
    checkpoints: ids.map((id, i) => ({
      checkpoint: i + 1,
      task: id,
      sha: `${i}`.padStart(40, 'b'),
      subject: text,
    })),
    blockedActions: Array.from({ length: 500 }, () => ({ kind: 'command', what: text })),
    resumeHint: text,
  });
}

const openFolds = (report: string) => (report.match(/^<details>$/gm) ?? []).length;
const closedFolds = (report: string) => (report.match(/^<\/details>$/gm) ?? []).length;

describe('renderFinalReport size bound', () => {
  it('stays under GitHub’s limit and keeps the title, Closes line, Summary and next steps, whatever the run', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.integer({ min: 1, max: 10_000 }),
        (tasks, files, fragment, issueNumber) => {
          // One 100 kB string shared by every field: huge output, modest memory.
          const text = `${fragment}|\n\`<details>`.repeat(Math.ceil(100_000 / (fragment.length + 12)));
          const report = renderFinalReport(hugeInput(tasks, files, text, issueNumber));
          expect(report.length).toBeLessThanOrEqual(GITHUB_LIMIT);
          expect(report.length).toBeLessThanOrEqual(FINAL_REPORT_MAX_LENGTH);
          expect(
            report.startsWith(`# Maestro Implementation Report\n\nCloses #${issueNumber}\n\n## Summary\n`),
          ).toBe(true);
          expect(report).toContain('- **Cost:** ');
          expect(report).toContain('## Known gaps and next steps');
          expect(report).toContain('- Merge when the review is done and the gates pass');
          expect(openFolds(report)).toBe(closedFolds(report));
        },
      ),
      { numRuns: 12 },
    );
    // Twelve renders of runs with up to 1,000 tasks and 5,000 files: ~10 s of CPU alone, more on a
    // loaded 2-core runner. The bound under test is size, not speed.
  }, 90_000);

  it('drops the Mermaid graph, with a note, before it trims task summaries', () => {
    const ids = Array.from({ length: 240 }, (_, i) => `T${i}`);
    const summary = 's'.repeat(150);
    const input = reportInput({
      plan: {
        epics: [
          {
            id: 'E1',
            title: 'All',
            tasks: ids.map((id, i) => ({ id, title: id, dependsOn: i ? [`T${i - 1}`] : [] })),
          },
        ],
      },
      tasks: ids.map((id) => ({ id, title: id, category: 'backend', status: 'done', summary, attempts: 1 })),
    });
    const report = renderFinalReport(input);
    expect(report).toContain('_The task graph is left out to keep this report under GitHub’s size limit');
    expect(report).not.toContain('```mermaid');
    expect(report.split(`| ${summary} |`).length - 1).toBe(240);
  });

  it('cuts only the middle sections when even the leanest level is too long', () => {
    const report = renderFinalReport(reportInput({ changes: hugeInput(0, 50, 'y', 1).changes }), {
      maxLength: 3_000,
    });
    expect(report.length).toBeLessThanOrEqual(3_000);
    expect(report).toMatch(/…truncated \d+ characters…/);
    expect(report).toContain('Closes #42');
    expect(report).toContain('## Summary');
    expect(report).toContain('## Known gaps and next steps');
    expect(openFolds(report)).toBe(closedFolds(report));
  });
});
