import { afterEach, describe, expect, it } from 'vitest';
import { handleIssueEvent } from '../../../src/engine/github/handle-issue-event.js';
import { appBot } from '../../support/fake-github.js';
import { ALICE, commentEvent, type Journey, MALLORY, startJourney } from '../../support/github-journey.js';

let journey: Journey | undefined;
afterEach(() => {
  journey?.dispose();
  journey = undefined;
});

describe('comments while a run is going', () => {
  it(
    'answers a writer once with the revision the run is bound to, and ignores readers',
    { timeout: 60_000 },
    async () => {
      journey = startJourney();
      const j = journey;
      const issue = j.fake.addIssue({ ...j.issueText, user: ALICE, labels: ['enhancement'] });
      const at = j.fake.label(issue.number, 'maestro', ALICE);
      await handleIssueEvent(
        { kind: 'labeled', issue: issue.number, label: 'maestro', sender: ALICE, at },
        j.deps,
      );
      await handleIssueEvent(commentEvent(j, issue.number, 'Q1: Code points, please'), j.deps);
      const approved = await handleIssueEvent(commentEvent(j, issue.number, '/maestro approve'), j.deps);
      expect(approved.kind).toBe('execute');
      // The execute job has started.
      const labels = j.fake.issues.get(issue.number)!.labels;
      labels.splice(labels.indexOf('maestro:approved'), 1, 'maestro:running');
      const own = () => j.fake.commentsOn(issue.number).filter((c) => c.user.id === appBot.id).length;
      const before = own();

      const first = await handleIssueEvent(
        commentEvent(j, issue.number, 'Also handle CRLF line endings?'),
        j.deps,
      );
      expect(first).toEqual({ kind: 'replied', reason: 'comment during a run' });
      const reply = j.fake
        .commentsOn(issue.number)
        .filter((c) => c.user.id === appBot.id)
        .at(-1)!.body;
      expect(reply).toMatch(/running the approved plan, revision 2 \(`[0-9a-f]{12}`\)/);
      expect(reply).toContain('`/maestro cancel`');
      expect(reply).toContain('`/maestro revise <what>`');
      // Once per run, not once per comment; a reader gets nothing.
      await handleIssueEvent(commentEvent(j, issue.number, 'And tabs?'), j.deps);
      expect(await handleIssueEvent(commentEvent(j, issue.number, 'me too', MALLORY), j.deps)).toMatchObject({
        kind: 'ignored',
      });
      expect(own()).toBe(before + 1);
    },
  );
});
