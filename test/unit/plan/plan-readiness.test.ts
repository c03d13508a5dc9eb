import { describe, expect, it } from 'vitest';
import { planReadiness } from '../../../src/core/plan/plan-readiness.js';
import { createRevision } from '../../../src/core/plan/plan-revision.js';
import { draft, snapshot } from '../../support/plan-fixtures.js';

const revision = (chain: string, taskPreview = draft().taskPreview) =>
  createRevision({
    number: 1,
    chain,
    snapshot,
    draft: draft({ questions: [], taskPreview }),
    decisions: [],
    createdAt: new Date('2026-12-02T10:00:00Z'),
  });

describe('planReadiness', () => {
  it('refuses a plan whose chain runs tasks when the preview is empty', () => {
    expect(planReadiness(revision('feature', { epics: [] }))).toMatchObject({
      kind: 'not-ready',
      reasons: ['the task preview is empty'],
    });
  });

  it('needs no task preview for a review, which runs no tasks', () => {
    expect(planReadiness(revision('review', { epics: [] }))).toEqual({ kind: 'ready', warnings: [] });
  });

  it('is ready with a preview that serves every requirement', () => {
    expect(planReadiness(revision('fix'))).toEqual({ kind: 'ready', warnings: [] });
  });
});
