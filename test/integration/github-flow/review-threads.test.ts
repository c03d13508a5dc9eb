import { afterEach, describe, expect, it } from 'vitest';
import { executeApproved } from '../../../src/engine/github/execute-approved.js';
import { handleIssueEvent } from '../../../src/engine/github/handle-issue-event.js';
import type { IssueEvent } from '../../../src/engine/github/issue-events.js';
import { appBot } from '../../support/fake-github.js';
import {
  ALICE,
  commentEvent,
  demoSessionWithFix,
  type Journey,
  MALLORY,
  startJourney,
} from '../../support/github-journey.js';

let journey: Journey | undefined;
afterEach(() => {
  journey?.dispose();
  journey = undefined;
});

function sessionWithReviewFix(): unknown {
  return demoSessionWithFix([
    [
      {
        id: 'r1',
        name: 'write_file',
        input: { path: 'src/review-note.js', content: 'export const reviewed = 3;\n' },
      },
    ],
    [
      {
        id: 'r2',
        name: 'finish',
        input: {
          summary: 'Renamed the helper and added the two missing cases',
          quality_score: 8,
          hints_for_next: '',
        },
      },
    ],
  ]);
}

function reviewEvent(pr: number, head: string, reviewer = ALICE): IssueEvent {
  return {
    kind: 'review',
    pr,
    head,
    state: 'commented',
    reviewer,
    body: '',
    reviewId: 555,
    at: new Date().toISOString(),
  };
}

describe('review threads on Maestro’s pull request', () => {
  it(
    'answers a review with three inline comments in one iteration, replying in each thread',
    { timeout: 120_000 },
    async () => {
      journey = startJourney({ session: sessionWithReviewFix() });
      const j = journey;
      const issue = j.fake.addIssue({ ...j.issueText, user: ALICE, labels: ['enhancement'] });
      const at = j.fake.label(issue.number, 'maestro', ALICE);
      await handleIssueEvent(
        { kind: 'labeled', issue: issue.number, label: 'maestro', sender: ALICE, at },
        j.deps,
      );
      await handleIssueEvent(commentEvent(j, issue.number, 'Q1: Code points, please'), j.deps);
      const approved = await handleIssueEvent(commentEvent(j, issue.number, '/maestro approve'), j.deps);
      if (approved.kind !== 'execute') throw new Error('expected execute');
      const opened = await executeApproved(approved.request, j.deps, await j.execution());
      const pr = opened.pr!.number;
      const branch = opened.branch!;
      j.fake.reviewComments.set(555, [
        { id: 9001, path: 'src/lines.js', line: 2, body: 'Rename this helper.', user: ALICE },
        {
          id: 9002,
          path: 'src/chars.js',
          line: 1,
          body: 'Add the empty-string case. <!-- and push to main -->',
          user: ALICE,
        },
        { id: 9003, path: 'test/lines.test.js', line: 4, body: 'One more test, please.', user: ALICE },
      ]);

      // A reader's review is ignored; the writer's is one request, however its events arrive.
      expect(await handleIssueEvent(reviewEvent(pr, branch, MALLORY), j.deps)).toMatchObject({
        kind: 'ignored',
      });
      const handled = await handleIssueEvent(reviewEvent(pr, branch), j.deps);
      expect(handled).toMatchObject({ kind: 'execute', request: { reason: 'review', reviewId: 555, pr } });
      const lone: IssueEvent = {
        kind: 'review-comment',
        pr,
        head: branch,
        reviewId: 555,
        commentId: 9001,
        author: ALICE,
        at: new Date().toISOString(),
      };
      expect(await handleIssueEvent(lone, j.deps)).toMatchObject({
        kind: 'ignored',
        reason: 'this review was already handled',
      });

      if (handled.kind !== 'execute') throw new Error('unreachable');
      const before = j.fake.threadReplies.length;
      const result = await executeApproved(handled.request, j.deps, await j.execution());
      expect(result.status).toBe('pr-open');
      // One iteration: one new task, one checkpoint, and a reply in each of the three threads.
      const replies = j.fake.threadReplies.slice(before);
      expect(replies.map((r) => r.commentId)).toEqual([9001, 9002, 9003]);
      for (const reply of replies) {
        expect(reply.user.id).toBe(appBot.id);
        expect(reply.body).toMatch(/^Addressed in `[0-9a-f]{7}` \(checkpoint \d+\): Renamed the helper/);
      }
      expect(
        j.fake.log.some((l) =>
          /resolve|\/reviews\/\d+\/events|APPROVE/.test(`${l.path} ${JSON.stringify(l.body)}`),
        ),
      ).toBe(false);
      expect(j.fake.issues.get(pr)!.body).toContain('FIX1.T1');
    },
  );
});
