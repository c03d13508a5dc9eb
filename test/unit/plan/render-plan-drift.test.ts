import { describe, expect, it } from 'vitest';
import type { DriftChange, PlanDrift } from '../../../src/core/plan/compare-task-preview.js';
import { renderPlanDrift } from '../../../src/core/plan/render-plan-drift.js';
import { redactOutbound } from '../../../src/core/policy/redact-outbound.js';

const task = (id: string, title = `Task ${id}`) => ({ id, title });

describe('renderPlanDrift', () => {
  it('says the tasks are as approved when nothing changed', () => {
    expect(renderPlanDrift({ kind: 'same' })).toBe(
      '**Tasks as approved:** every task of the approved preview is in the plan, and nothing was added.',
    );
  });

  it('lists every kind of change, one line each', () => {
    const drift: PlanDrift = {
      kind: 'refined',
      changes: [
        { kind: 'dropped', task: task('T3', 'Export as CSV') },
        { kind: 'merged', from: [task('T2'), task('T4')], into: task('T2', 'Login and logout') },
        { kind: 'split', from: task('T1', 'Add the parser'), into: [task('T1.1'), task('T1.2')] },
        { kind: 'added', task: task('T7', 'Add migration') },
        { kind: 'epic-dropped', epic: task('E2', 'Documentation') },
        { kind: 'epic-added', epic: task('E3', 'Frontend') },
      ],
    };
    expect(renderPlanDrift(drift)).toBe(
      [
        '**Tasks changed from the approved preview** (6 changes):',
        '',
        '- − `T3` Export as CSV (dropped)',
        '- `T2`+`T4` → `T2` Login and logout (merged)',
        '- `T1` Add the parser → `T1.1`, `T1.2` (split)',
        '- \\+ `T7` Add migration (added)',
        '- − epic `E2` Documentation (epic dropped)',
        '- \\+ epic `E3` Frontend (epic added)',
      ].join('\n'),
    );
  });

  it('leads with a bold stop line and the reason when the run needs re-approval', () => {
    const drift: PlanDrift = {
      kind: 'needs-reapproval',
      changes: [{ kind: 'dropped', task: task('T4', 'Document the format') }],
      droppedRequirements: ['R4'],
      why: 'R4 is no longer served by any task: the approved preview served it with T4 (dropped).',
    };
    const lines = renderPlanDrift(drift).split('\n');
    expect(lines[0]).toBe(
      '**⛔ The run stopped before implementation for re-approval: R4 is no longer served by any task: the approved preview served it with T4 (dropped).**',
    );
    expect(lines[2]).toBe('Nothing runs until the plan is approved again; the changes are below.');
    expect(lines).toContain('- − `T4` Document the format (dropped)');
  });

  it('still explains the stop when no task was added, dropped or merged', () => {
    const text = renderPlanDrift({
      kind: 'needs-reapproval',
      changes: [],
      droppedRequirements: ['R2'],
      why: 'R2 lost.',
    });
    expect(text).toBe(
      '**⛔ The run stopped before implementation for re-approval: R2 lost.**\n\nNothing runs until the plan is approved again.',
    );
  });

  it('keeps a hostile title on its own line, escapes HTML and leaves mentions to the redactor', () => {
    const title = 'Ping @octocat | col\n\n## Approved <details>';
    const text = renderPlanDrift({ kind: 'refined', changes: [{ kind: 'added', task: task('T7', title) }] });
    const line = '- \\+ `T7` Ping @octocat | col ## Approved &lt;details> (added)';
    expect(text.split('\n')).toContain(line);
    expect(text).not.toMatch(/^#/m);
    expect(text).not.toContain('<details>');
    expect(redactOutbound(text).text).toContain('Ping ``@octocat`` | col');
  });

  it('clips long titles', () => {
    const text = renderPlanDrift({
      kind: 'refined',
      changes: [{ kind: 'dropped', task: task('T3', 'x'.repeat(500)) }],
    });
    expect(text).toContain(`- − \`T3\` ${'x'.repeat(79)}… (dropped)`);
  });

  it('counts the changes beyond the first thirty and the ids beyond eight on a line', () => {
    const many: DriftChange[] = Array.from({ length: 35 }, (_, i) => ({
      kind: 'added',
      task: task(`T${i + 10}`),
    }));
    const parts = Array.from({ length: 10 }, (_, i) => task(`T1.${i + 1}`));
    const text = renderPlanDrift({
      kind: 'refined',
      changes: [{ kind: 'split', from: task('T1'), into: parts }, ...many],
    });
    expect(text).toContain('(36 changes)');
    expect(text).toContain('`T1.7`, `T1.8` …and 2 more (split)');
    expect(text.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(30);
    expect(text).toMatch(/_…and 6 more changes_$/);
  });
});
