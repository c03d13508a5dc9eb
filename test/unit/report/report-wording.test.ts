import { describe, expect, it } from 'vitest';
import { renderFinalReport } from '../../../src/core/report/final-report.js';
import { reportInput } from './report-fixtures.js';

/** Issue 13, item 8: the final report says what happened, in words that match its own rows. */

function sectionOf(report: string, heading: string): string {
  const start = report.indexOf(`## ${heading}`);
  const end = report.indexOf('\n## ', start + 1);
  return report.slice(start, end === -1 ? undefined : end);
}

const met = {
  id: 'R1',
  title: 'Theme persists',
  status: 'met' as const,
  evidence: 'src/theme.ts',
  tasks: ['T1'],
  files: ['src/theme.ts'],
};

describe('Known gaps', () => {
  it('lists a gap that a met requirement names, instead of "None found" beside it', () => {
    const report = renderFinalReport(
      reportInput({ requirements: [{ ...met, gaps: 'no test for a cleared store' }], gates: [] }),
    );
    const gaps = sectionOf(report, 'Known gaps and next steps');
    expect(report).toContain('**Gaps:** no test for a cleared store');
    expect(gaps).not.toContain('None found');
    expect(gaps).toContain('- R1 is met, with a gap: no test for a cleared store');
  });

  it('says "None found" only when there is nothing', () => {
    const report = renderFinalReport(reportInput({ requirements: [{ ...met, gaps: '' }], gates: [] }));
    expect(sectionOf(report, 'Known gaps and next steps')).toContain('None found');
  });
});

describe('Next steps', () => {
  it('never tells a completed run to resume, even with gaps left', () => {
    const report = renderFinalReport(
      reportInput({ outcome: { kind: 'completed' }, resumeHint: 'run `maestro resume mae-1`' }),
    );
    const next = sectionOf(report, 'Known gaps and next steps');
    expect(next).toContain('R2 is partial');
    expect(next).not.toContain('maestro resume');
    expect(next).toContain('Close the gaps above with commits on this branch, or in a follow-up issue.');
  });

  it('tells a stopped run how to continue', () => {
    const report = renderFinalReport(
      reportInput({
        outcome: { kind: 'stopped', reason: 'budget' },
        resumeHint: 'run `maestro resume mae-1`',
      }),
    );
    expect(sectionOf(report, 'Known gaps and next steps')).toContain(
      'Continue the run: run `maestro resume mae-1`',
    );
  });
});

describe('Requirements traceability', () => {
  it('lists under each requirement only its own tests, not every test file a shared test task wrote', () => {
    const tests = ['test/chars.test.js', 'test/lines.test.js', 'test/summary.test.js'];
    const row = (id: string, source: string, evidence: string) => ({
      ...met,
      id,
      evidence,
      gaps: '',
      tasks: ['T1', 'T4'],
      files: [source, ...tests],
    });
    const report = renderFinalReport(
      reportInput({
        requirements: [
          row('R1', 'src/lines.js', 'countLines works'),
          row('R2', 'src/chars.js', 'emoji covered'),
          row('R3', 'src/summary.js', 'summary covered by test/lines.test.js too'),
        ],
      }),
    );
    const table = sectionOf(report, 'Requirements traceability');
    const line = (id: string) => table.split('\n').find((l) => l.startsWith(`| **${id}**`)) ?? '';
    expect(line('R1')).toContain('`test/lines.test.js`');
    expect(line('R1')).not.toContain('test/chars.test.js');
    expect(line('R2')).toContain('`test/chars.test.js`');
    expect(line('R2')).not.toContain('test/summary.test.js');
    // Named by the evidence, or named after the changed source file.
    expect(line('R3')).toContain('`test/lines.test.js`, `test/summary.test.js`');
    expect(line('R3')).not.toContain('test/chars.test.js');
  });
});

describe('tasks that changed nothing', () => {
  it('are not counted as completed in a chain that changes code, and the table says "no changes"', () => {
    const base = reportInput();
    const [first, second] = base.tasks;
    const report = renderFinalReport({
      ...base,
      tasks: [first!, { ...second!, checkpointSha: undefined }],
    });
    expect(report).toContain('- **Tasks completed:** 1/2 (1 finished without changes)');
    expect(report).toMatch(/\| `T2` \| Add toggle \| `frontend` \| ☑️ no changes \|/);
  });

  it('count as completed in a chain that only reads (review)', () => {
    const base = reportInput({ chain: 'review' });
    const report = renderFinalReport({
      ...base,
      tasks: base.tasks.map((t) => ({ ...t, checkpointSha: undefined })),
    });
    expect(report).toContain('- **Tasks completed:** 2/2');
  });
});
