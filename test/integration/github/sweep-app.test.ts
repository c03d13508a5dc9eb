import { afterEach, describe, expect, it } from 'vitest';
import { handleIssueEvent } from '../../../src/engine/github/handle-issue-event.js';
import { appBot, type FakeActor } from '../../support/fake-github.js';
import { ALICE, commentEvent, type Journey, startJourney } from '../../support/github-journey.js';
import { startJourneyApp } from '../../support/journey-app.js';
import { deliver, example } from '../app/webhook-support.js';

/*
 * The sweep through the App: a `/maestro fix` the webhook brought is not replayed by the sweep that
 * follows, one that no webhook brought is (once), and each sweep asks the search API only from the
 * last one's time. Signed webhooks into Probot's middleware, the App's queue, a fake GitHub.
 */

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function prComment(j: Journey, pr: number, body: string, user: FakeActor) {
  const c = j.fake.comment(pr, body, user);
  const base = example('issue_comment', 'created');
  const repository = base.repository as { owner: object };
  return {
    ...base,
    action: 'created',
    issue: {
      ...(base.issue as object),
      number: pr,
      user: appBot,
      pull_request: { url: `https://api.github.com/repos/${j.fake.owner}/${j.fake.repo}/pulls/${pr}` },
    },
    comment: {
      ...(base.comment as object),
      id: c.id,
      body,
      user,
      created_at: c.created_at,
      updated_at: c.updated_at,
    },
    sender: user,
    repository: {
      ...repository,
      name: j.fake.repo,
      full_name: `${j.fake.owner}/${j.fake.repo}`,
      owner: { ...repository.owner, login: j.fake.owner },
    },
    installation: { id: j.fake.installationId },
  };
}

describe('the reconciliation sweep through the App', () => {
  it(
    'never replays what a webhook handled, replays what none brought once, and searches from the last sweep',
    { timeout: 60_000 },
    async () => {
      const j = startJourney();
      cleanups.push(() => j.dispose());
      const issue = j.fake.addIssue({ ...j.issueText, user: ALICE });
      const at = j.fake.label(issue.number, 'maestro', ALICE);
      await handleIssueEvent(
        { kind: 'labeled', issue: issue.number, label: 'maestro', sender: ALICE, at },
        j.deps,
      );
      await handleIssueEvent(commentEvent(j, issue.number, 'Q1: Code points, please'), j.deps);
      expect((await handleIssueEvent(commentEvent(j, issue.number, '/maestro approve'), j.deps)).kind).toBe(
        'execute',
      );
      const pr = j.fake.addIssue({
        title: 'Maestro: the change',
        body: `Closes #${issue.number}`,
        user: appBot,
      });
      pr.pull = { head: `maestro/issue-${issue.number}-change`, base: 'main', draft: false, requested: [] };
      const { url, maestro } = await startJourneyApp(j, cleanups, { concurrency: 2, env: {} });

      // 1. The webhook brings a /maestro fix: one dispatch. The sweep after it adds none.
      const response = await deliver(url, {
        event: 'issue_comment',
        payload: prComment(j, pr.number, '/maestro fix the typo', ALICE),
      });
      expect(response.status).toBe(200);
      await maestro.queue.drain();
      expect(j.fake.dispatches.map((d) => d.inputs.reason)).toEqual(['fix']);
      await maestro.sweep();
      await maestro.queue.drain();
      expect(j.fake.dispatches).toHaveLength(1);

      // 2. A second /maestro fix whose delivery was lost: the next sweep dispatches it, once.
      j.fake.comment(pr.number, '/maestro fix the other typo too', ALICE);
      await maestro.sweep();
      await maestro.queue.drain();
      await maestro.sweep();
      await maestro.queue.drain();
      expect(j.fake.dispatches.map((d) => d.inputs.fix)).toEqual(['the typo', 'the other typo too']);

      // 3. Every sweep asked the search API from a time: a week back at first, then from the last one.
      const since = j.fake.log
        .filter((r) => r.path.startsWith('/search/issues'))
        .map((r) => new URL(`https://x${r.path}`).searchParams.get('q') ?? '')
        .map((q) => Date.parse(/updated:>=(\S+)/.exec(q)?.[1] ?? ''));
      expect(since).toHaveLength(3);
      expect(Date.now() - since[0]!).toBeGreaterThan(6 * 24 * 60 * 60 * 1000);
      for (const later of since.slice(1)) expect(Date.now() - later).toBeLessThan(10 * 60 * 1000);
    },
  );
});
