import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../../../src/action/runner.js';
import { parseStateMarker } from '../../../src/core/state/state-marker.js';
import { silentLogger } from '../../../src/ports/logger-port.js';
import { appBot, type FakeActor } from '../../support/fake-github.js';
import {
  ALICE,
  APP_TOKEN,
  demoSession,
  type Journey,
  MALLORY,
  startJourney,
} from '../../support/github-journey.js';
import { journeyIssuePayload, journeyRepository, startJourneyApp } from '../../support/journey-app.js';
import { fakeRunner } from '../action/action-env.js';
import { deliver, example } from './webhook-support.js';

/*
 * `planning.runs_in: action`: the App only checks and dispatches; every planning round (the
 * label, an answer, `/maestro revise`, `/maestro chain`) runs in the workflow's plan job. Signed
 * webhooks go through Probot's middleware and the App's queue to a fake GitHub (HTTP edge); each
 * dispatch is then run through the Action's `runAction` with the runner's environment.
 */

const CONFIG = 'planning:\n  runs_in: action\n';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The demo recording with the planning answer three times: first plan, answer round, revision. */
function threePlans(): unknown {
  const session = demoSession() as { entries: Array<{ name: string }> };
  return { ...session, entries: [session.entries[0], ...session.entries] };
}

async function startApp(j: Journey) {
  let opened = 0;
  const app = await startJourneyApp(j, cleanups, {
    deps: {
      // The App must never open a model in this mode: counted, and refused if it tried.
      openModel: async () => {
        opened++;
        throw new Error('the App opened a model with planning.runs_in: action');
      },
    },
  });
  return { ...app, appModelCalls: () => opened };
}

function labeled(j: Journey, n: number) {
  return {
    ...example('issues', 'labeled'),
    issue: journeyIssuePayload(j, n),
    label: { name: 'maestro' },
    sender: ALICE,
    repository: journeyRepository(j),
    installation: { id: 4242 },
  };
}

function commented(j: Journey, n: number, body: string, user: FakeActor = ALICE) {
  const c = j.fake.comment(n, body, user);
  const payload = {
    ...example('issue_comment', 'created'),
    issue: journeyIssuePayload(j, n),
    comment: {
      ...(example('issue_comment', 'created').comment as object),
      id: c.id,
      body,
      user,
      created_at: c.created_at,
      updated_at: c.updated_at,
    },
    sender: user,
    repository: journeyRepository(j),
    installation: { id: 4242 },
  };
  return { id: c.id, payload };
}

function plan(j: Journey, n: number) {
  const found = j.fake
    .commentsOn(n)
    .filter((c) => c.user.id === appBot.id)
    .map((c) => parseStateMarker(c.body))
    .filter((m) => m.kind === 'found' && m.state.kind === 'plan');
  const state = found[0]?.kind === 'found' ? found[0].state : undefined;
  return { count: found.length, revision: state?.revision, status: state?.status };
}

/** The plan job of the dispatched workflow: `runAction` with the dispatch's inputs as its event. */
async function planJob(j: Journey, inputs: Record<string, string>) {
  const runner = fakeRunner({
    eventName: 'workflow_dispatch',
    payload: { inputs, ref: 'refs/heads/main', repository: journeyRepository(j), sender: appBot },
    inputs: { 'github-token': APP_TOKEN, mode: 'plan' },
    workspace: j.root,
  });
  cleanups.push(() => runner.dispose());
  runner.env.GITHUB_REPOSITORY = `${j.fake.owner}/${j.fake.repo}`;
  return runAction(runner.env, { logger: silentLogger, openModel: j.deps.openModel });
}

describe('planning.runs_in: action', () => {
  it(
    'label → answer → revise → approve: every round planned by the workflow, none by the App',
    {
      timeout: 120_000,
    },
    async () => {
      const j = startJourney({ session: threePlans(), config: CONFIG });
      cleanups.push(() => j.dispose());
      const { url, maestro, appModelCalls } = await startApp(j);
      const issue = j.fake.addIssue({ ...j.issueText, user: ALICE, labels: [] }).number;
      const send = async (event: string, payload: unknown) => {
        expect((await deliver(url, { event, payload })).status).toBe(200);
        await maestro.queue.drain();
      };

      // 1. The label: the App dispatches mode plan; the plan job posts revision 1 with a question.
      j.fake.label(issue, 'maestro', ALICE);
      await send('issues', labeled(j, issue));
      expect(j.fake.dispatches.map((d) => d.inputs)).toEqual([{ issue: String(issue), mode: 'plan' }]);
      expect(plan(j, issue).count).toBe(0);
      await planJob(j, j.fake.dispatches[0]!.inputs);
      expect(plan(j, issue)).toEqual({ count: 1, revision: 1, status: 'awaiting-approval' });
      expect(j.modelCalls()).toBe(1);

      // 2. An answer: dispatched with its comment; the plan job reads it back and plans revision 2.
      const answer = commented(j, issue, 'Q1: Code points, please');
      await send('issue_comment', answer.payload);
      expect(j.fake.dispatches[1]?.inputs).toEqual({
        issue: String(issue),
        mode: 'plan',
        'comment-id': String(answer.id),
      });
      expect(plan(j, issue).revision).toBe(1);
      await planJob(j, j.fake.dispatches[1]!.inputs);
      expect(plan(j, issue)).toEqual({ count: 1, revision: 2, status: 'awaiting-approval' });

      // The same dispatch again (a retried workflow): the comment is handled, nothing is planned.
      const again = await planJob(j, j.fake.dispatches[1]!.inputs);
      expect(again).toMatchObject({ kind: 'nothing', reason: expect.stringContaining('already handled') });
      expect(j.fake.issues.get(issue)?.labels).toContain('maestro:awaiting-approval');
      expect(j.modelCalls()).toBe(2);

      // 3. A reader's /maestro revise is refused by the App: no dispatch.
      await send('issue_comment', commented(j, issue, '/maestro revise make it faster', MALLORY).payload);
      expect(j.fake.dispatches).toHaveLength(2);

      // 4. A writer's /maestro revise: dispatched, planned by the workflow as revision 3.
      const revise = commented(j, issue, '/maestro revise keep the public API unchanged');
      await send('issue_comment', revise.payload);
      expect(j.fake.dispatches[2]?.inputs).toEqual({
        issue: String(issue),
        mode: 'plan',
        'comment-id': String(revise.id),
      });
      await planJob(j, j.fake.dispatches[2]!.inputs);
      expect(plan(j, issue)).toEqual({ count: 1, revision: 3, status: 'awaiting-approval' });
      expect(j.modelCalls()).toBe(3);

      // 5. The approval is the App's as in any mode: one execute dispatch bound to revision 3.
      await send('issue_comment', commented(j, issue, '/maestro approve').payload);
      expect(j.fake.dispatches[3]?.inputs).toMatchObject({ issue: String(issue), reason: 'approve' });
      expect(j.fake.dispatches).toHaveLength(4);
      expect(appModelCalls()).toBe(0);
    },
  );

  it(
    '/maestro chain is dispatched too; an edited comment is refused by the workflow',
    { timeout: 120_000 },
    async () => {
      const j = startJourney({ config: CONFIG });
      cleanups.push(() => j.dispose());
      const { url, maestro, appModelCalls } = await startApp(j);
      const issue = j.fake.addIssue({ ...j.issueText, user: ALICE, labels: [] }).number;
      j.fake.label(issue, 'maestro', ALICE);
      await deliver(url, { event: 'issues', payload: labeled(j, issue) });
      await maestro.queue.drain();
      await planJob(j, j.fake.dispatches[0]!.inputs);

      const chain = commented(j, issue, '/maestro chain feature');
      await deliver(url, { event: 'issue_comment', payload: chain.payload });
      await maestro.queue.drain();
      expect(j.fake.dispatches[1]?.inputs).toEqual({
        issue: String(issue),
        mode: 'plan',
        'comment-id': String(chain.id),
      });

      // Someone edits the comment before the workflow starts: the workflow plans nothing and says why.
      j.fake.editComment(chain.id, '/maestro chain something-else');
      const outcome = await planJob(j, j.fake.dispatches[1]!.inputs);
      expect(outcome).toMatchObject({ kind: 'nothing', reason: expect.stringContaining('edited') });
      expect(j.fake.commentsOn(issue).at(-1)?.body).toContain('was edited after it was posted');
      // The App's `maestro:planning` gives way to the plan's own label again.
      expect(j.fake.issues.get(issue)?.labels).toContain('maestro:awaiting-approval');
      expect(j.fake.issues.get(issue)?.labels).not.toContain('maestro:planning');
      expect(j.modelCalls()).toBe(1);
      expect(appModelCalls()).toBe(0);
    },
  );
});
