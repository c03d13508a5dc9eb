import { afterEach, describe, expect, it } from 'vitest';
import { handleIssueEvent } from '../../../src/engine/github/handle-issue-event.js';
import { reconcileRepository } from '../../../src/engine/github/reconcile.js';
import { ALICE, type Journey, startJourney } from '../../support/github-journey.js';

/* Deliveries missed while the App was down: the sweep handles each exactly once. */

let journey: Journey | undefined;
afterEach(() => {
  journey?.dispose();
  journey = undefined;
});

describe('the reconciliation sweep', () => {
  it('plans a labelled issue nobody saw, and a missed approval starts exactly one run', async () => {
    const j = startJourney();
    journey = j;
    const issue = j.fake.addIssue({ ...j.issueText, user: ALICE });
    j.fake.label(issue.number, 'maestro', ALICE);

    const first = await reconcileRepository(j.deps);
    expect(first).toEqual([{ issue: issue.number, handled: expect.objectContaining({ kind: 'planned' }) }]);
    expect(await reconcileRepository(j.deps)).toEqual([]);

    // The approval arrives while the App is down; two sweeps later there was one execution request.
    j.fake.comment(issue.number, '/maestro approve', ALICE);
    const second = await reconcileRepository(j.deps);
    expect(second.map((r) => r.handled.kind)).toEqual(['execute']);
    expect(await reconcileRepository(j.deps)).toEqual([]);
    expect(j.modelCalls()).toBe(1);
  });

  it('a late webhook for an event the sweep already handled changes nothing', async () => {
    const j = startJourney();
    journey = j;
    const issue = j.fake.addIssue({ ...j.issueText, user: ALICE });
    const at = j.fake.label(issue.number, 'maestro', ALICE);
    await reconcileRepository(j.deps);
    const late = await handleIssueEvent(
      { kind: 'labeled', issue: issue.number, label: 'maestro', sender: ALICE, at },
      j.deps,
    );
    expect(late).toMatchObject({ kind: 'ignored', reason: 'already planned' });
    const plans = j.fake.commentsOn(issue.number).filter((c) => c.body.includes('Maestro plan'));
    expect(plans).toHaveLength(1);
  });
});
