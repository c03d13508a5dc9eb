import { describe, expect, it } from 'vitest';
import { approveRevision } from '../../../src/core/plan/approval.js';
import { planReadiness } from '../../../src/core/plan/plan-readiness.js';
import { draft, revision } from '../../support/plan-fixtures.js';

const at = new Date('2026-11-20T11:00:00Z');

describe('approval', () => {
  it('binds the approval to the revision and issue snapshot hashes', () => {
    const r = revision();
    const outcome = approveRevision({ revision: r, approver: 'octocat', approverId: 1, at });
    expect(outcome).toEqual({
      kind: 'approved',
      approval: {
        revisionNumber: 1,
        revisionHash: r.hash,
        issueSnapshotHash: r.issueSnapshotHash,
        approver: 'octocat',
        approverId: 1,
        commentId: undefined,
        at: at.toISOString(),
      },
    });
  });

  it('accepts a named hash prefix of the current revision', () => {
    const r = revision();
    expect(approveRevision({ revision: r, approver: 'a', requestedHash: r.hash.slice(0, 7), at }).kind).toBe(
      'approved',
    );
  });

  it.each([
    '0000000',
    'abc',
    'ffffffffffff',
  ])('refuses a hash that is not the current revision (%s)', (hash) => {
    const outcome = approveRevision({ revision: revision(), approver: 'a', requestedHash: hash, at });
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'hash-mismatch' });
  });

  it('refuses a plan with no requirements (an empty or "do it" issue)', () => {
    const empty = draft();
    empty.prd.requirements = [];
    const outcome = approveRevision({ revision: revision({ draft: empty }), approver: 'a', at });
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'not-ready' });
  });

  it('refuses while a blocking question is unanswered, and accepts once answered', () => {
    const d = draft({
      questions: [{ id: 'Q1', question: 'Which database?', default: '', why: '', blocking: true }],
    });
    expect(approveRevision({ revision: revision({ draft: d }), approver: 'a', at }).kind).toBe('refused');
    const answered = revision({ draft: d, answers: { Q1: { answer: 'Postgres', by: 'octocat' } } });
    expect(approveRevision({ revision: answered, approver: 'a', at }).kind).toBe('approved');
  });

  it('is not ready when the task preview has a cycle, naming the cycle', () => {
    const d = draft();
    const tasks = d.taskPreview.epics[0]!.tasks;
    tasks[0]!.dependsOn = ['T3'];
    const readiness = planReadiness(revision({ draft: d }));
    expect(readiness.kind).toBe('not-ready');
    expect(readiness.kind === 'not-ready' && readiness.reasons.join(' ')).toMatch(/T1.*T3|cycle/i);
  });

  it('warns when a requirement is served by no task', () => {
    const d = draft();
    d.taskPreview.epics[0]!.tasks.forEach((t) => {
      t.requirements = ['R1'];
    });
    expect(planReadiness(revision({ draft: d })).warnings).toEqual([
      'R2 is not served by any previewed task',
    ]);
  });
});
