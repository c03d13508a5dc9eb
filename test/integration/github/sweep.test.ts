import { afterEach, describe, expect, it } from 'vitest';
import { handleIssueEvent } from '../../../src/engine/github/handle-issue-event.js';
import { readPlan } from '../../../src/engine/github/plan-record.js';
import { reconcileRepository, sweepRepository } from '../../../src/engine/github/reconcile.js';
import { appBot } from '../../support/fake-github.js';
import { ALICE, commentEvent, type Journey, startJourney } from '../../support/github-journey.js';

/*
 * The reconciliation sweep beyond labels and issue comments: label removals, commands on Maestro's
 * PRs, reviews and CI results missed while the App was down are each replayed once, found through
 * the search API from the last sweep's time, and a second sweep finds nothing.
 */

let journey: Journey | undefined;
afterEach(() => {
  journey?.dispose();
  journey = undefined;
});

/** Label → plan → answer → approve; returns the issue number. */
async function approvedIssue(j: Journey): Promise<number> {
  const issue = j.fake.addIssue({ ...j.issueText, user: ALICE });
  const at = j.fake.label(issue.number, 'maestro', ALICE);
  await handleIssueEvent(
    { kind: 'labeled', issue: issue.number, label: 'maestro', sender: ALICE, at },
    j.deps,
  );
  await handleIssueEvent(commentEvent(j, issue.number, 'Q1: Code points, please'), j.deps);
  const approved = await handleIssueEvent(commentEvent(j, issue.number, '/maestro approve'), j.deps);
  expect(approved.kind).toBe('execute');
  return issue.number;
}

/** Maestro's PR for the issue, as the execute job would have opened it. */
function maestroPr(j: Journey, issue: number, headSha?: string): number {
  const pr = j.fake.addIssue({ title: 'Maestro: the change', body: `Closes #${issue}`, user: appBot });
  pr.pull = { head: `maestro/issue-${issue}-change`, base: 'main', draft: false, requested: [], headSha };
  return pr.number;
}

describe('the reconciliation sweep', () => {
  it('replays a missed removal of the trigger label once: the plan is cancelled', async () => {
    const j = startJourney();
    journey = j;
    const issue = j.fake.addIssue({ ...j.issueText, user: ALICE });
    const at = j.fake.label(issue.number, 'maestro', ALICE);
    await handleIssueEvent(
      { kind: 'labeled', issue: issue.number, label: 'maestro', sender: ALICE, at },
      j.deps,
    );
    j.fake.unlabel(issue.number, 'maestro', ALICE);

    expect(await reconcileRepository(j.deps)).toEqual([
      { issue: issue.number, handled: expect.objectContaining({ kind: 'cancelled' }) },
    ]);
    expect((await readPlan(j.host, issue.number))?.record.status).toBe('cancelled');
    expect(await reconcileRepository(j.deps)).toEqual([]);
  });

  it('replays a missed /maestro fix on Maestro’s PR and a missed review with inline comments, each once', async () => {
    const j = startJourney();
    journey = j;
    const issue = await approvedIssue(j);
    const pr = maestroPr(j, issue);
    const fix = j.fake.comment(pr, '/maestro fix the off-by-one in lines()', ALICE);
    j.fake.comment(pr, 'Looks good to me otherwise.', ALICE);
    const review = j.fake.review(pr, 'CHANGES_REQUESTED', 'See the comments.', ALICE);
    j.fake.reviewComments.set(review.id, [
      { id: 9001, path: 'src/lines.js', line: 2, body: 'Rename this helper.', user: ALICE },
    ]);

    const first = await reconcileRepository(j.deps);
    expect(first.map((r) => r.handled)).toEqual([
      expect.objectContaining({ kind: 'execute', request: expect.objectContaining({ reason: 'fix', pr }) }),
      expect.objectContaining({
        kind: 'execute',
        request: expect.objectContaining({ reason: 'review', reviewId: review.id, pr }),
      }),
    ]);
    // Maestro's own marks are what the next sweep reads: 🚀 on the command, a notice for the review.
    expect(j.fake.commentReactions).toContainEqual({ commentId: fix.id, content: 'rocket', user: appBot });
    expect(await reconcileRepository(j.deps)).toEqual([]);
  });

  it('a /maestro fix a webhook already handled is not replayed', async () => {
    const j = startJourney();
    journey = j;
    const issue = await approvedIssue(j);
    const pr = maestroPr(j, issue);
    const handled = await handleIssueEvent(
      { ...commentEvent(j, pr, '/maestro fix the typo'), isPullRequest: true } as never,
      j.deps,
    );
    expect(handled.kind).toBe('execute');
    expect(await reconcileRepository(j.deps)).toEqual([]);
  });

  it('replays failed checks on an open Maestro PR’s head once (CI results do not change the PR)', async () => {
    const j = startJourney();
    journey = j;
    const issue = await approvedIssue(j);
    const sha = 'c'.repeat(40);
    const pr = maestroPr(j, issue, sha);
    j.fake.checkRuns.set(sha, [
      { id: 1, name: 'test', status: 'completed', conclusion: 'failure', app: { slug: 'github-actions' } },
    ]);

    const swept = await sweepRepository(j.deps);
    const checks = swept.missed.flatMap((m) => m.events).filter((e) => e.kind === 'checks');
    expect(checks).toEqual([
      expect.objectContaining({ kind: 'checks', pr, headSha: sha, head: `maestro/issue-${issue}-change` }),
    ]);
    // Handled once (here: not Maestro's checkpoint, said once on the PR), then never again.
    const first = await reconcileRepository(j.deps);
    expect(first.map((r) => r.handled.kind)).toEqual(['replied']);
    expect(await reconcileRepository(j.deps)).toEqual([]);
  });

  it('asks the search API only for what changed since the last sweep, and stops when its quota runs low', async () => {
    const j = startJourney();
    journey = j;
    for (let i = 0; i < 3; i++) j.fake.addIssue({ title: `Issue ${i}`, body: 'x', user: ALICE });
    const since = '2026-12-07T10:00:00.123Z';
    await sweepRepository(j.deps, { since });
    const searches = j.fake.log.filter((r) => r.path.startsWith('/search/issues'));
    expect(searches).toHaveLength(1);
    const q = new URL(`https://x${searches[0]!.path}`).searchParams.get('q');
    expect(q).toBe(`repo:${j.fake.owner}/${j.fake.repo} updated:>=2026-12-07T10:00:00Z`);

    // 150 changes: two pages; with the quota below the reserve after the first, the sweep stops
    // there and says where the next one starts (the last change it saw).
    for (let i = 0; i < 150; i++) j.fake.addIssue({ title: `More ${i}`, body: 'x', user: ALICE });
    j.fake.searchRemaining = 3;
    const partial = await sweepRepository(j.deps, { since: '2000-01-01T00:00:00Z' });
    expect(partial.complete).toBe(false);
    const seen = [...j.fake.issues.values()].map((i) => i.updated_at).sort();
    expect(partial.next).toBe(seen[99]);
    j.fake.searchRemaining = 30;
    const rest = await sweepRepository(j.deps, { since: partial.next });
    expect(rest.complete).toBe(true);
  });
});
