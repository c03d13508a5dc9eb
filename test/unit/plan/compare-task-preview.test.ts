import { describe, expect, it } from 'vitest';
import { comparePlanToPreview, type PlanDrift } from '../../../src/core/plan/compare-task-preview.js';
import type { Requirement, TaskPreview } from '../../../src/core/plan/plan-schema.js';
import type { TaskPlan } from '../../../src/core/tasks/task-schema.js';

const requirements: Requirement[] = [
  { id: 'R1', title: 'Rows export as CSV', description: '', acceptance: ['a'], priority: 'must' },
  { id: 'R2', title: 'Users can log in', description: '', acceptance: ['b'], priority: 'must' },
  { id: 'R3', title: 'An export button', description: '', acceptance: ['c'], priority: 'should' },
  { id: 'R4', title: 'The format is documented', description: '', acceptance: ['d'], priority: 'could' },
];

const preview: TaskPreview = {
  epics: [
    {
      id: 'E1',
      title: 'Data export',
      tasks: [
        { id: 'T1', title: 'Add CSV serializer', dependsOn: [], category: 'backend', requirements: ['R1'] },
        { id: 'T2', title: 'Add login endpoint', dependsOn: [], category: 'backend', requirements: ['R2'] },
        {
          id: 'T3',
          title: 'Add export button',
          dependsOn: ['T1'],
          category: 'frontend',
          requirements: ['R3'],
        },
      ],
    },
    {
      id: 'E2',
      title: 'Documentation',
      tasks: [
        {
          id: 'T4',
          title: 'Document the export format',
          dependsOn: [],
          category: 'docs',
          requirements: ['R4'],
        },
      ],
    },
  ],
};

type Row = [id: string, title: string, requirements: string[]];

/** A generated plan: epics of `[id, title, requirements]` rows, the rest filled in. */
function plan(...epics: [id: string, title: string, tasks: Row[]][]): TaskPlan {
  return {
    epics: epics.map(([id, title, tasks]) => ({
      id,
      title,
      tasks: tasks.map(([taskId, taskTitle, reqs]) => ({
        id: taskId,
        title: taskTitle,
        description: `Do ${taskTitle}.`,
        category: 'general' as const,
        dependsOn: [],
        files: [],
        acceptance: ['done'],
        requirements: reqs,
      })),
    })),
  };
}

const t1: Row = ['T1', 'Add CSV serializer', ['R1']];
const t2: Row = ['T2', 'Add login endpoint', ['R2']];
const t3: Row = ['T3', 'Add export button', ['R3']];
const t4: Row = ['T4', 'Document the export format', ['R4']];
const docs = (...tasks: Row[]) => ['E2', 'Documentation', tasks] as [string, string, Row[]];
const exportEpic = (...tasks: Row[]) => ['E1', 'Data export', tasks] as [string, string, Row[]];

const compare = (generated: TaskPlan): PlanDrift => comparePlanToPreview(preview, generated, requirements);

describe('comparePlanToPreview', () => {
  it('finds the plan the same as the preview when every previewed task is there and nothing else', () => {
    expect(compare(plan(exportEpic(t1, t2, t3), docs(t4)))).toEqual({ kind: 'same' });
  });

  it('matches epic-qualified ids (E1.T1 for T1 in E1) and keeps the plan the same', () => {
    const qualified = plan(
      exportEpic(['E1.T1', 'Add CSV serializer', ['R1']], ['E1.T2', 'Add login endpoint', ['R2']], t3),
      docs(['E2.T4', 'Document the export format', ['R4']]),
    );
    expect(compare(qualified)).toEqual({ kind: 'same' });
  });

  it.each([
    [['T1.1', 'T1.2']],
    [['T1a', 'T1b']],
    [['T1-1', 'T1-2']],
    [['E1.T1.1', 'E1.T1.2']],
  ])('reports a previewed task refined into %j as split, a refinement', ([first, second]) => {
    const split = plan(
      exportEpic([first!, 'Parse rows', ['R1']], [second!, 'Quote fields', ['R1']], t2, t3),
      docs(t4),
    );
    expect(compare(split)).toEqual({
      kind: 'refined',
      changes: [
        {
          kind: 'split',
          from: { id: 'T1', title: 'Add CSV serializer' },
          into: [
            { id: first, title: 'Parse rows' },
            { id: second, title: 'Quote fields' },
          ],
        },
      ],
    });
  });

  it('does not take T10 for a refinement of T1', () => {
    const drift = compare(plan(exportEpic(['T10', 'Stream rows to disk', ['R1']], t2, t3), docs(t4)));
    expect(drift).toEqual({
      kind: 'refined',
      changes: [
        { kind: 'dropped', task: { id: 'T1', title: 'Add CSV serializer' } },
        { kind: 'added', task: { id: 'T10', title: 'Stream rows to disk' } },
      ],
    });
  });

  it('reports a task that matches no previewed task as added', () => {
    const drift = compare(plan(exportEpic(t1, t2, t3, ['T5', 'Add migration', ['R1']]), docs(t4)));
    expect(drift).toEqual({
      kind: 'refined',
      changes: [{ kind: 'added', task: { id: 'T5', title: 'Add migration' } }],
    });
  });

  it('reports a dropped task as refined while another task still serves its requirement', () => {
    const drift = compare(plan(exportEpic(['T1', 'Add CSV serializer', ['R1', 'R3']], t2), docs(t4)));
    expect(drift).toEqual({
      kind: 'refined',
      changes: [{ kind: 'dropped', task: { id: 'T3', title: 'Add export button' } }],
    });
  });

  it('stops for re-approval when a dropped task leaves a requirement unserved, whatever its priority', () => {
    const drift = compare(plan(exportEpic(t1, t2, t3)));
    expect(drift).toEqual({
      kind: 'needs-reapproval',
      changes: [
        { kind: 'dropped', task: { id: 'T4', title: 'Document the export format' } },
        { kind: 'epic-dropped', epic: { id: 'E2', title: 'Documentation' } },
      ],
      droppedRequirements: ['R4'],
      why: 'R4 is no longer served by any task: the approved preview served it with T4 (dropped).',
    });
  });

  it('stops for re-approval when a kept task no longer serves its requirement', () => {
    const drift = compare(plan(exportEpic(t1, ['T2', 'Add login endpoint', []], t3), docs(t4)));
    expect(drift).toEqual({
      kind: 'needs-reapproval',
      changes: [],
      droppedRequirements: ['R2'],
      why: 'R2 is no longer served by any task: the approved preview served it with T2 (kept, but no longer serving it).',
    });
  });

  it('names every unserved requirement and what became of the tasks that served it', () => {
    const drift = compare(
      plan(exportEpic(['T1', 'Add CSV serializer and export button', ['R1']], t2), [
        'E3',
        'Docs',
        [['T9', 'Write a changelog', []]],
      ]),
    );
    expect(drift.kind).toBe('needs-reapproval');
    if (drift.kind !== 'needs-reapproval') return;
    expect(drift.droppedRequirements).toEqual(['R3', 'R4']);
    expect(drift.why).toBe(
      'R3 is no longer served by any task: the approved preview served it with T3 (merged into T1, which does not serve it). ' +
        'R4 is no longer served by any task: the approved preview served it with T4 (dropped).',
    );
  });

  it('reports two previewed tasks with similar titles taken up by one task as merged', () => {
    const drift = compare(
      plan(exportEpic(['T9', 'Add CSV serializer and export button', ['R1', 'R3']], t2), docs(t4)),
    );
    expect(drift).toEqual({
      kind: 'refined',
      changes: [
        {
          kind: 'merged',
          from: [
            { id: 'T1', title: 'Add CSV serializer' },
            { id: 'T3', title: 'Add export button' },
          ],
          into: { id: 'T9', title: 'Add CSV serializer and export button' },
        },
      ],
    });
  });

  it('reports a merge when the task covers the requirements of both and its title mentions both', () => {
    const merged: [string, string, string[]] = [
      'T1',
      'Add CSV serializer, export button and download progress',
      ['R1', 'R3'],
    ];
    const drift = compare(plan(exportEpic(merged, t2), docs(t4)));
    expect(drift).toEqual({
      kind: 'refined',
      changes: [
        {
          kind: 'merged',
          from: [
            { id: 'T1', title: 'Add CSV serializer' },
            { id: 'T3', title: 'Add export button' },
          ],
          into: { id: 'T1', title: 'Add CSV serializer, export button and download progress' },
        },
      ],
    });
  });

  it('takes a mention without the requirements for a dropped task', () => {
    const drift = compare(
      plan(
        exportEpic(['T1', 'Add CSV serializer, export button and download progress', ['R1']], t2),
        docs(t4),
      ),
    );
    expect(drift).toMatchObject({
      kind: 'needs-reapproval',
      changes: [{ kind: 'dropped', task: { id: 'T3' } }],
      droppedRequirements: ['R3'],
    });
  });

  it.each([
    ['a reworded title under another id', ['T7', 'Add the CSV serializers', ['R1']]],
    ['a new title under the same id', ['T1', 'Write rows out in comma-separated form', ['R1']]],
  ] as [string, Row][])('matches %s to the previewed task', (_, renamed) => {
    expect(compare(plan(exportEpic(renamed, t2, t3), docs(t4)))).toEqual({ kind: 'same' });
  });

  it('leaves a title below the similarity threshold unmatched', () => {
    const drift = compare(plan(exportEpic(['T7', 'Add CSV parser for imports', ['R1']], t2, t3), docs(t4)));
    expect(drift).toMatchObject({
      kind: 'refined',
      changes: [
        { kind: 'dropped', task: { id: 'T1' } },
        { kind: 'added', task: { id: 'T7' } },
      ],
    });
  });

  it('reports epics added and dropped, matching a renumbered epic by its title', () => {
    const renumbered = plan(['E1', 'Export of data', [t1, t2, t3]], ['E5', 'Documentation', [t4]]);
    expect(compare(renumbered)).toEqual({ kind: 'same' });

    const regrouped = plan(['E1', 'Data export', [t1, t2]], ['E3', 'Frontend', [t3]], ['E4', 'Docs', [t4]]);
    expect(compare(regrouped)).toEqual({
      kind: 'refined',
      changes: [
        { kind: 'epic-dropped', epic: { id: 'E2', title: 'Documentation' } },
        { kind: 'epic-added', epic: { id: 'E3', title: 'Frontend' } },
        { kind: 'epic-added', epic: { id: 'E4', title: 'Docs' } },
      ],
    });
  });

  it('lists changes in a fixed order: dropped, merged, split, added, then epics', () => {
    const drift = compare(
      plan(
        exportEpic(
          ['T1.1', 'Parse rows', ['R1', 'R3']],
          ['T1.2', 'Quote fields', ['R1']],
          ['T5', 'Add migration', []],
        ),
        ['E3', 'Auth', [['T2', 'Add login and logout endpoints', ['R2']]]],
        docs(t4),
      ),
    );
    expect(drift.kind === 'refined' && drift.changes.map((c) => c.kind)).toEqual([
      'dropped',
      'split',
      'added',
      'epic-added',
    ]);
  });
});
