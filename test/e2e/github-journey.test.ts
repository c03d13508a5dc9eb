import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/runner.js';
import { parseStateMarker } from '../../src/core/state/state-marker.js';
import { silentLogger } from '../../src/ports/logger-port.js';
import { fakeRunner } from '../integration/action/action-env.js';
import { deliver, example } from '../integration/app/webhook-support.js';
import { appBot, type FakeActor } from '../support/fake-github.js';
import { ALICE, APP_TOKEN, type Journey, startJourney } from '../support/github-journey.js';
import { journeyIssuePayload, journeyRepository, startJourneyApp } from '../support/journey-app.js';
import { git } from '../support/temp-repo.js';

/*
 * The whole journey on GitHub, through both front doors and only fakes at the edges: webhooks
 * signed and delivered to the real Probot middleware → the App's queue → the engine → GitHub (a
 * fake at the HTTP edge) → `workflow_dispatch` → the Action's `runAction` driven by a runner
 * environment, against a real git repository with a bare origin → checkpoints pushed → the PR
 * with the final report → the tracking comment's final state. The model is the demo's recording.
 */

const BOB: FakeActor = { login: 'bob', id: 502, type: 'User' };
const INSTALLATION = 4242;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function labeled(j: Journey, n: number) {
  return {
    ...example('issues', 'labeled'),
    action: 'labeled',
    issue: journeyIssuePayload(j, n),
    label: { name: 'maestro' },
    sender: ALICE,
    repository: journeyRepository(j),
    installation: { id: INSTALLATION },
  };
}

function commented(j: Journey, n: number, body: string, user: FakeActor) {
  const c = j.fake.comment(n, body, user);
  return {
    ...example('issue_comment', 'created'),
    action: 'created',
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
    installation: { id: INSTALLATION },
  };
}

function planMarker(j: Journey, n: number) {
  const plans = j.fake
    .commentsOn(n)
    .filter((c) => c.user.id === appBot.id)
    .map((c) => parseStateMarker(c.body))
    .filter((m) => m.kind === 'found' && m.state.kind === 'plan');
  return { count: plans.length, state: plans[0]?.kind === 'found' ? plans[0].state : undefined };
}

describe('the GitHub journey: label → plan → answer → approve → dispatch → Action → PR', () => {
  it('runs end to end through the App and the Action', { timeout: 120_000 }, async () => {
    const j = startJourney();
    cleanups.push(() => j.dispose());
    j.fake.permissions.set(BOB.login, 'maintain');
    const { url, maestro } = await startJourneyApp(j, cleanups);
    const issue = j.fake.addIssue({ ...j.issueText, user: ALICE, labels: ['enhancement'] });
    j.fake.label(issue.number, 'maestro', ALICE);

    // 1. The label: acknowledged at once, planned in the background; a redelivery does nothing.
    const first = await deliver(url, {
      event: 'issues',
      payload: labeled(j, issue.number),
      id: 'delivery-1',
    });
    expect(first.status).toBe(200);
    await maestro.queue.drain();
    const again = await deliver(url, {
      event: 'issues',
      payload: labeled(j, issue.number),
      id: 'delivery-1',
    });
    expect(again.status).toBe(200);
    await maestro.queue.drain();
    expect(planMarker(j, issue.number)).toMatchObject({ count: 1, state: { revision: 1 } });
    expect(j.modelCalls()).toBe(1);
    expect(j.fake.issues.get(issue.number)?.reactions).toContain('eyes');

    // 2. A plain reply answers the open question: revision 2, same comment.
    await deliver(url, {
      event: 'issue_comment',
      payload: commented(j, issue.number, 'Q1: Code points, please', ALICE),
    });
    await maestro.queue.drain();
    expect(planMarker(j, issue.number)).toMatchObject({
      count: 1,
      state: { revision: 2, status: 'awaiting-approval' },
    });

    // 3. Two maintainers approve at the same moment: one approval, one dispatch.
    await Promise.all([
      deliver(url, {
        event: 'issue_comment',
        payload: commented(j, issue.number, '/maestro approve', ALICE),
      }),
      deliver(url, { event: 'issue_comment', payload: commented(j, issue.number, '/maestro approve', BOB) }),
    ]);
    await maestro.queue.drain();
    expect(j.fake.dispatches).toHaveLength(1);
    const [dispatch] = j.fake.dispatches;
    expect(dispatch).toMatchObject({
      workflow: 'maestro.yml',
      ref: 'main',
      inputs: { issue: String(issue.number), reason: 'approve' },
    });

    // 4. The dispatched workflow: the Action's run() through the runner's environment.
    const runner = fakeRunner({
      eventName: 'workflow_dispatch',
      payload: {
        inputs: dispatch!.inputs,
        ref: 'refs/heads/main',
        repository: journeyRepository(j),
        sender: appBot,
      },
      inputs: { 'github-token': APP_TOKEN, mode: 'execute' },
      workspace: j.root,
    });
    cleanups.push(() => runner.dispose());
    runner.env.GITHUB_REPOSITORY = `${j.fake.owner}/${j.fake.repo}`;
    const outcome = await runAction(runner.env, { logger: silentLogger, openModel: j.deps.openModel });
    const outputs = runner.outputs();
    expect(outputs.status).toBe('pr-open');
    expect(outputs.branch).toMatch(/^maestro\/issue-1-/);
    expect(Number(outputs['input-tokens'])).toBeGreaterThan(0);
    expect(outcome).toBeDefined();

    // 5. Checkpoints on origin, the PR with the report, labels, the tracking comment's final state.
    const log = git(
      j.origin.path,
      'log',
      '--format=%(trailers:key=Maestro-Checkpoint,valueonly)',
      `refs/heads/${outputs.branch}`,
    );
    expect(log.trim().split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(4);
    const [pr] = j.fake.pulls();
    expect(pr?.number).toBe(Number(outputs['pr-number']));
    expect(pr?.body).toContain(`Closes #${issue.number}`);
    expect(pr?.body).toContain('Requirements');
    expect(pr?.pull?.requested).toHaveLength(1);
    expect(j.fake.issues.get(issue.number)?.labels.filter((l) => l.startsWith('maestro:'))).toEqual([
      'maestro:pr-open',
    ]);
    const tracking = j.fake
      .commentsOn(issue.number)
      .map((c) => ({ c, m: parseStateMarker(c.body) }))
      .filter(({ m }) => m.kind === 'found' && m.state.kind === 'tracking');
    expect(tracking).toHaveLength(1);
    expect(tracking[0]?.c.body).toContain(`#${pr?.number}`);
    expect(tracking[0]?.m.kind === 'found' && tracking[0].m.state.status).toBe('pr-open');
    expect(runner.summary()).toContain('Maestro');
  });
});
