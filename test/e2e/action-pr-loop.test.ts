import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/runner.js';
import { silentLogger } from '../../src/ports/logger-port.js';
import { fakeRunner } from '../integration/action/action-env.js';
import { APP_TOKEN, type Journey, startJourney } from '../support/github-journey.js';
import { git } from '../support/temp-repo.js';
import {
  checkRun,
  checkSuitePayload,
  ownComments,
  pushAsPerson,
  sessionWithFixes,
  syncPull,
  toPullRequest,
  tracking,
  workflowRunPayload,
} from './pr-loop-support.js';

/*
 * The CI loop in Actions-only mode, as examples/workflows/maestro-ci-fix.yml runs it: the Action's
 * `runAction` with `mode: ci-fix`, reading GitHub's recorded `workflow_run`/`check_suite` payloads
 * from GITHUB_EVENT_PATH, deciding and fixing in the same job against a fake GitHub at the HTTP
 * edge, pushing checkpoints to a real bare origin. Nothing is dispatched: there is no App.
 */

let journey: Journey | undefined;
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  journey?.dispose();
  journey = undefined;
});

async function ciFixJob(j: Journey, eventName: 'workflow_run' | 'check_suite', payload: unknown) {
  const runner = fakeRunner({
    eventName,
    payload,
    inputs: { 'github-token': APP_TOKEN, mode: 'ci-fix' },
    workspace: j.root,
  });
  cleanups.push(() => runner.dispose());
  runner.env.GITHUB_REPOSITORY = `${j.fake.owner}/${j.fake.repo}`;
  const outcome = await runAction(runner.env, { logger: silentLogger, openModel: j.deps.openModel });
  return { outcome, outputs: runner.outputs(), summary: runner.summary() };
}

describe('the CI loop in Actions-only mode (mode ci-fix on workflow_run)', () => {
  it(
    'fixes a failing CI run in the same job, again on the next failure, then stops at the cap and at a person’s push',
    { timeout: 240_000 },
    async () => {
      journey = startJourney({
        session: sessionWithFixes([
          { path: 'src/ci-note.js', content: 'export const ciFixed = 1;\n', summary: 'Fixed the test check' },
          { path: 'src/ci-note.js', content: 'export const ciFixed = 2;\n', summary: 'Fixed it again' },
        ]),
      });
      const j = journey;
      const { issue, branch, pr } = await toPullRequest(j);

      // 1. CI's workflow run fails on Maestro's checkpoint: one fix, in this job.
      const first = syncPull(j, branch, pr);
      j.fake.checkRuns.set(first.head, [checkRun(71, 'test', 'failure'), checkRun(72, 'lint', 'failure')]);
      j.fake.checkRuns.set(first.base, [checkRun(61, 'lint', 'failure')]);
      j.fake.jobLogs.set(71, '2026-12-02T10:00:01.0000000Z not ok 1 - countLines counts the last line\n');
      const fixed = await ciFixJob(
        j,
        'workflow_run',
        workflowRunPayload(j, { branch, sha: first.head, conclusion: 'failure', pr }),
      );
      expect(fixed.outcome).toMatchObject({
        kind: 'executed',
        request: { reason: 'ci-fix', headSha: first.head, pr },
        result: { status: 'pr-open' },
      });
      expect(fixed.outputs).toMatchObject({ status: 'pr-open', 'pr-number': String(pr), branch });
      const second = syncPull(j, branch, pr);
      expect(git(j.origin.path, 'rev-parse', `${second.head}~1`)).toBe(first.head);
      expect(git(j.origin.path, 'show', '--name-only', '--format=', second.head)).toContain('src/ci-note.js');
      expect(ownComments(j, pr).find((b) => b.includes('CI fix iteration 1 of 2'))).toContain('`lint`');
      let board = tracking(j, issue).body;
      expect(board).toContain('**CI fix iterations:** 1 / 2');
      expect(board).toContain('[`test`](https://github.com/octo-org/widgets/runs/71) | ❌ failed |');
      expect(j.fake.issues.get(pr)!.body).toContain('FIX1.T1');

      // 2. It fails again on the new checkpoint (this time a check_suite event file): fix 2 of 2.
      j.fake.checkRuns.set(second.head, [checkRun(81, 'test', 'failure'), checkRun(82, 'lint', 'failure')]);
      const again = await ciFixJob(
        j,
        'check_suite',
        checkSuitePayload(j, { branch, sha: second.head, conclusion: 'failure', pr }),
      );
      expect(again.outputs.status).toBe('pr-open');
      const third = syncPull(j, branch, pr);
      expect(git(j.origin.path, 'rev-parse', `${third.head}~1`)).toBe(second.head);
      board = tracking(j, issue).body;
      expect(board).toContain('**CI fix iterations:** 2 / 2');
      expect(j.fake.issues.get(pr)!.body).toContain('FIX2.T1');

      // 3. The third failure (a timed-out run): the cap stops the loop, says so, opens no model.
      j.fake.checkRuns.set(third.head, [checkRun(91, 'test', 'timed_out')]);
      const models = j.modelCalls();
      const capped = await ciFixJob(
        j,
        'workflow_run',
        workflowRunPayload(j, { branch, sha: third.head, conclusion: 'timed_out', pr }),
      );
      expect(capped.outcome).toMatchObject({
        kind: 'handled',
        handled: { kind: 'replied', reason: 'ci.max_fix_iterations reached' },
      });
      expect(capped.outputs.status).toBe('replied');
      expect(j.modelCalls()).toBe(models);
      expect(ownComments(j, pr).some((b) => b.includes('after 2 CI fix iteration(s), the limit'))).toBe(true);
      expect(git(j.origin.path, 'rev-parse', `refs/heads/${branch}`)).toBe(third.head);
      expect(tracking(j, issue).body).toContain(
        '[`test`](https://github.com/octo-org/widgets/runs/91) | ❌ failed |',
      );

      // 4. A person pushes to the branch and CI fails there: Maestro leaves it alone.
      pushAsPerson(j, branch);
      const theirs = syncPull(j, branch, pr);
      j.fake.checkRuns.set(theirs.head, [checkRun(101, 'test', 'failure')]);
      const person = await ciFixJob(
        j,
        'workflow_run',
        workflowRunPayload(j, { branch, sha: theirs.head, conclusion: 'failure', pr }),
      );
      expect(person.outcome).toMatchObject({
        kind: 'handled',
        handled: { kind: 'replied', reason: "the head commit is not Maestro's checkpoint" },
      });
      expect(j.modelCalls()).toBe(models);
      expect(git(j.origin.path, 'rev-parse', `refs/heads/${branch}`)).toBe(theirs.head);
      expect(j.fake.dispatches).toEqual([]);
    },
  );
});
