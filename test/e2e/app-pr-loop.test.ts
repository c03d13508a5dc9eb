import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/runner.js';
import { silentLogger } from '../../src/ports/logger-port.js';
import { fakeRunner } from '../integration/action/action-env.js';
import { deliver } from '../integration/app/webhook-support.js';
import { appBot, type FakeActor } from '../support/fake-github.js';
import { ALICE, APP_TOKEN, type Journey, MALLORY, startJourney } from '../support/github-journey.js';
import { startJourneyApp } from '../support/journey-app.js';
import { git } from '../support/temp-repo.js';
import {
  checkRun,
  checkSuitePayload,
  ownComments,
  pushAsPerson,
  repository,
  reviewCommentPayload,
  reviewPayload,
  sessionWithFixes,
  syncPull,
  toPullRequest,
  tracking,
  workflowRunPayload,
} from './pr-loop-support.js';

/*
 * The loop after the PR opens, through the App's front door: CI's and reviewers' webhooks, signed
 * and delivered to Probot's real middleware → the App's queue → the real engine → the real
 * Octokit adapter against a fake GitHub at the HTTP edge → a `workflow_dispatch` with the CI fix's
 * (or the review's) inputs → the Action's `runAction` driven by a runner environment with exactly
 * those inputs, on a real git repository whose pushes land in a bare origin. The model is the
 * demo's recording plus one agent iteration per fix.
 */

const PLANTED = `ghs_${'C'.repeat(36)}`;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The dispatched workflow's execute job: `runAction` with the dispatch's inputs, as the runner gives them. */
async function runDispatched(j: Journey, dispatch: { inputs: Record<string, string> }) {
  const runner = fakeRunner({
    eventName: 'workflow_dispatch',
    payload: { inputs: dispatch.inputs, ref: 'refs/heads/main', repository: repository(j), sender: appBot },
    inputs: { 'github-token': APP_TOKEN, mode: 'execute' },
    workspace: j.root,
  });
  cleanups.push(() => runner.dispose());
  runner.env.GITHUB_REPOSITORY = `${j.fake.owner}/${j.fake.repo}`;
  await runAction(runner.env, { logger: silentLogger, openModel: j.deps.openModel });
  return runner.outputs();
}

const FIXES = [
  { path: 'src/ci-note.js', content: 'export const ciFixed = 1;\n', summary: 'Fixed the failing test check' },
  {
    path: 'src/review-note.js',
    content: 'export const reviewed = 3;\n',
    summary: 'Renamed the helper and added the two missing cases',
  },
  { path: 'src/ci-note.js', content: 'export const ciFixed = 2;\n', summary: 'Fixed the test check again' },
];

describe('after the PR opens, through the App: CI failures and review threads come back on the same branch', () => {
  it(
    'fixes CI twice and a review once, shows it, stops at the cap and at a person’s push',
    { timeout: 240_000 },
    async () => {
      const j = startJourney({ session: sessionWithFixes(FIXES) });
      cleanups.push(() => j.dispose());
      const { issue, branch, pr } = await toPullRequest(j);
      const { url, maestro } = await startJourneyApp(j, cleanups);
      const suite = async (event: 'check_suite' | 'workflow_run', sha: string, conclusion: string) => {
        const payload =
          event === 'check_suite'
            ? checkSuitePayload(j, { branch, sha, conclusion, pr })
            : { ...workflowRunPayload(j, { branch, sha, conclusion, pr }), installation: { id: 4242 } };
        expect((await deliver(url, { event, payload })).status).toBe(200);
        await maestro.queue.drain();
      };

      // 1. CI fails on Maestro's checkpoint: `test` is new, `lint` already fails on the base.
      const first = syncPull(j, branch, pr);
      j.fake.checkRuns.set(first.head, [
        checkRun(71, 'test', 'failure'),
        checkRun(72, 'lint', 'failure'),
        checkRun(73, 'build', 'success'),
      ]);
      j.fake.checkRuns.set(first.base, [checkRun(61, 'lint', 'failure'), checkRun(62, 'test', 'success')]);
      j.fake.annotations.set(71, [
        { path: 'src/lines.js', start_line: 3, annotation_level: 'failure', message: 'expected 2 to be 3' },
      ]);
      j.fake.jobLogs.set(
        71,
        [
          '2026-12-02T10:00:01.0000000Z not ok 1 - countLines counts the last line',
          `2026-12-02T10:00:01.0000000Z token=${PLANTED}`,
          '2026-12-02T10:00:02.0000000Z ##[error]Process completed with exit code 1.',
        ].join('\n'),
      );
      const modelsBefore = j.modelCalls();
      await suite('check_suite', first.head, 'failure');
      // The same commit's workflow_run arrives too: still one fix.
      await suite('workflow_run', first.head, 'failure');
      expect(j.modelCalls()).toBe(modelsBefore); // the App decides; it never opens a model
      expect(j.fake.dispatches).toHaveLength(1);
      const ciFix = j.fake.dispatches[0]!;
      expect(ciFix).toMatchObject({
        workflow: 'maestro.yml',
        ref: 'main',
        inputs: { issue: String(issue), reason: 'ci-fix', 'pr-number': String(pr), 'head-sha': first.head },
      });
      expect(ciFix.inputs['approval-comment-id']).toMatch(/^\d+$/);
      const notice = ownComments(j, pr).find((b) => b.includes('CI fix iteration 1 of 2'));
      expect(notice).toContain('`test`');
      expect(notice).toContain('Pre-existing on the base branch, left alone: `lint`');

      // 2. The dispatched job runs the fix on the same branch and pushes a new checkpoint.
      const outputs = await runDispatched(j, ciFix);
      expect(outputs.status).toBe('pr-open');
      const second = syncPull(j, branch, pr);
      expect(second.head).not.toBe(first.head);
      expect(git(j.origin.path, 'rev-parse', `${second.head}~1`)).toBe(first.head);
      expect(git(j.origin.path, 'show', '--name-only', '--format=', second.head)).toContain('src/ci-note.js');
      expect(git(j.origin.path, 'log', '-1', '--format=%B', second.head)).toContain('Maestro-Checkpoint');
      let board = tracking(j, issue).body;
      expect(board).toContain('**CI fix iterations:** 1 / 2');
      expect(board).toContain('[`test`](https://github.com/octo-org/widgets/runs/71) | ❌ failed |');
      expect(board).toMatch(/`lint`.*pre-existing/);
      expect(board).not.toContain(PLANTED);
      expect(j.fake.issues.get(pr)!.body).toContain('FIX1.T1');
      expect(j.fake.issues.get(pr)!.body).not.toContain(PLANTED);

      // 3. CI passes on the new checkpoint (lint still red on the base): no fix, and the tracking
      //    comment shows the head's checks.
      j.fake.checkRuns.set(second.head, [
        checkRun(81, 'test', 'success'),
        checkRun(82, 'lint', 'failure'),
        checkRun(83, 'build', 'success'),
      ]);
      await suite('check_suite', second.head, 'failure');
      expect(j.fake.dispatches).toHaveLength(1);
      expect(ownComments(j, pr).some((b) => b.includes('fail on the base branch too'))).toBe(true);
      board = tracking(j, issue).body;
      expect(board).toContain('| `test` | ✅ passed |');
      expect(board).toContain('| `lint` | ⚪ failing on the base too (pre-existing) |');
      expect(board).not.toContain('❌ failed');
      expect(board).toContain('**CI fix iterations:** 1 / 2');

      // 4. A writer's review with three inline comments (and a lone comment of it, and a
      //    reader's and a bot's review): one iteration, a reply in each of the three threads.
      const comments = [
        { id: 9001, path: 'src/lines.js', line: 2, body: 'Rename this helper.', user: ALICE },
        { id: 9002, path: 'src/chars.js', line: 1, body: 'Add the empty-string case.', user: ALICE },
        { id: 9003, path: 'test/lines.test.js', line: 4, body: 'One more test, please.', user: ALICE },
      ];
      j.fake.reviewComments.set(555, comments);
      j.fake.reviewComments.set(556, [{ ...comments[0]!, id: 9100, user: MALLORY }]);
      j.fake.reviewComments.set(557, [{ ...comments[0]!, id: 9200, user: appBot }]);
      const review = (id: number, reviewer: FakeActor) =>
        deliver(url, {
          event: 'pull_request_review',
          payload: reviewPayload(j, { pr, branch, sha: second.head, id, reviewer }),
        });
      await review(556, MALLORY);
      await review(557, appBot);
      await review(555, ALICE);
      await deliver(url, {
        event: 'pull_request_review_comment',
        payload: reviewCommentPayload(j, { pr, branch, reviewId: 555, id: 9001, body: 'x', author: ALICE }),
      });
      await maestro.queue.drain();
      expect(j.fake.dispatches).toHaveLength(2);
      const reviewFix = j.fake.dispatches[1]!;
      expect(reviewFix.inputs).toMatchObject({
        reason: 'review',
        'review-id': '555',
        'pr-number': String(pr),
      });
      expect(await runDispatched(j, reviewFix)).toMatchObject({ status: 'pr-open' });
      const third = syncPull(j, branch, pr);
      expect(git(j.origin.path, 'rev-parse', `${third.head}~1`)).toBe(second.head);
      expect(j.fake.threadReplies.map((r) => r.commentId)).toEqual([9001, 9002, 9003]);
      for (const reply of j.fake.threadReplies) {
        expect(reply).toMatchObject({ pr, user: appBot });
        expect(reply.body).toContain(`\`${third.head.slice(0, 7)}\``);
        expect(reply.body).toContain('Renamed the helper');
      }
      expect(
        j.fake.log.some((l) =>
          /resolve|\/reviews\/\d+\/events|APPROVE/.test(`${l.path} ${JSON.stringify(l.body)}`),
        ),
      ).toBe(false);

      // 5. CI fails on the review's checkpoint: the second (and last) CI fix iteration.
      j.fake.checkRuns.set(third.head, [checkRun(91, 'test', 'failure'), checkRun(92, 'build', 'success')]);
      await suite('workflow_run', third.head, 'failure');
      expect(j.fake.dispatches).toHaveLength(3);
      expect(j.fake.dispatches[2]!.inputs).toMatchObject({ reason: 'ci-fix', 'head-sha': third.head });
      expect(await runDispatched(j, j.fake.dispatches[2]!)).toMatchObject({ status: 'pr-open' });
      const fourth = syncPull(j, branch, pr);
      expect(git(j.origin.path, 'rev-parse', `${fourth.head}~1`)).toBe(third.head);
      expect(tracking(j, issue).body).toContain('**CI fix iterations:** 2 / 2');

      // 6. The third failure: the cap stops the loop and says so; nothing is dispatched.
      j.fake.checkRuns.set(fourth.head, [checkRun(101, 'test', 'failure')]);
      await suite('check_suite', fourth.head, 'failure');
      expect(j.fake.dispatches).toHaveLength(3);
      expect(ownComments(j, pr).some((b) => b.includes('after 2 CI fix iteration(s), the limit'))).toBe(true);
      board = tracking(j, issue).body;
      expect(board).toContain('**CI fix iterations:** 2 / 2');
      expect(board).toContain('[`test`](https://github.com/octo-org/widgets/runs/101) | ❌ failed |');

      // 7. A person pushes to the branch and CI fails there: not Maestro's checkpoint, left alone.
      pushAsPerson(j, branch);
      const fifth = syncPull(j, branch, pr);
      j.fake.checkRuns.set(fifth.head, [checkRun(111, 'test', 'failure')]);
      await suite('check_suite', fifth.head, 'failure');
      expect(j.fake.dispatches).toHaveLength(3);
      expect(ownComments(j, pr).some((b) => b.includes('not a checkpoint of Maestro'))).toBe(true);
      expect(git(j.origin.path, 'rev-parse', `refs/heads/${branch}`)).toBe(fifth.head);

      // 8. A CI fix dispatched before that push (it waited for the issue's concurrency group) runs
      //    after it: it stops before any model call and pushes nothing over the person's commit.
      //    Nothing failed: the step ends skipped, the PR still reads as open, and the PR is told once.
      const models = j.modelCalls();
      const boardBefore = tracking(j, issue).body;
      const late = await runDispatched(j, j.fake.dispatches[2]!);
      expect(late.status).toBe('skipped');
      expect(j.modelCalls()).toBe(models);
      expect(git(j.origin.path, 'rev-parse', `refs/heads/${branch}`)).toBe(fifth.head);
      expect(j.fake.issues.get(issue)!.labels).toContain('maestro:pr-open');
      expect(j.fake.issues.get(issue)!.labels).not.toContain('maestro:failed');
      expect(tracking(j, issue).body).toBe(boardBefore);
      const moved = ownComments(j, pr).filter((b) => b.includes('is now the head of the branch'));
      expect(moved).toHaveLength(1);
      expect(moved[0]).toContain(`A person's commit \`${fifth.head.slice(0, 7)}\``);
    },
  );
});
