import { afterEach, describe, expect, it } from 'vitest';
import type { PermissionLevel } from '../../../src/core/commands/command-permissions.js';
import { handleIssueEvent } from '../../../src/engine/github/handle-issue-event.js';
import type { Handled } from '../../../src/engine/github/issue-events.js';
import { appBot, type FakeActor } from '../../support/fake-github.js';
import { ALICE, commentEvent, type Journey, startJourney } from '../../support/github-journey.js';

/*
 * security.md rule 1 over the whole role × action matrix: permissions come from the permission
 * API at event time (never author_association), failing closed; bots and Maestro itself never
 * command. Every denial happens before any model call.
 */

type Role = PermissionLevel | 'bot' | 'maestro' | 'api-error';
const roles: Role[] = ['none', 'read', 'triage', 'write', 'maintain', 'admin', 'bot', 'maestro', 'api-error'];
const allowed = new Set<Role>(['write', 'maintain', 'admin']);

let journey: Journey | undefined;
function journeyFor(): Journey {
  journey = startJourney();
  return journey;
}
afterEach(() => {
  journey?.dispose();
  journey = undefined;
});

function actorFor(j: Journey, role: Role): FakeActor {
  if (role === 'maestro') return appBot;
  if (role === 'bot') return { login: 'dependabot[bot]', id: 49699333, type: 'Bot' };
  const actor: FakeActor = { login: `user-${role}`, id: 7000 + roles.indexOf(role), type: 'User' };
  if (role === 'api-error') j.fake.failures.push({ match: /permission$/, status: 500, times: 100 });
  else if (role !== 'none') j.fake.permissions.set(actor.login, role);
  return actor;
}

/** An issue with a plan written at Alice's label (and, when asked, approved by Alice). */
async function plannedIssue(j: Journey, approve: boolean): Promise<number> {
  const issue = j.fake.addIssue({ ...j.issueText, user: ALICE });
  const at = j.fake.label(issue.number, 'maestro', ALICE);
  await handleIssueEvent(
    { kind: 'labeled', issue: issue.number, label: 'maestro', sender: ALICE, at },
    j.deps,
  );
  if (approve) await handleIssueEvent(commentEvent(j, issue.number, '/maestro approve', ALICE), j.deps);
  return issue.number;
}

function expectOutcome(role: Role, handled: Handled, success: Handled['kind']): void {
  if (allowed.has(role)) expect(handled.kind).toBe(success);
  else if (role === 'bot' || role === 'maestro') expect(handled).toMatchObject({ kind: 'ignored' });
  else expect(handled.kind).toBe('replied');
}

describe('authorisation matrix: role × action', () => {
  it.each(roles)('label by %s', async (role) => {
    const j = journeyFor();
    const issue = j.fake.addIssue({ ...j.issueText, user: ALICE });
    const sender = actorFor(j, role);
    const at = j.fake.label(issue.number, 'maestro', sender);
    const handled = await handleIssueEvent(
      { kind: 'labeled', issue: issue.number, label: 'maestro', sender, at },
      j.deps,
    );
    expectOutcome(role, handled, 'planned');
    if (!allowed.has(role)) expect(j.modelCalls()).toBe(0);
  });

  it.each(roles)('/maestro approve by %s', async (role) => {
    const j = journeyFor();
    const issue = await plannedIssue(j, false);
    const calls = j.modelCalls();
    const handled = await handleIssueEvent(
      commentEvent(j, issue, '/maestro approve', actorFor(j, role)),
      j.deps,
    );
    expectOutcome(role, handled, 'execute');
    expect(j.modelCalls()).toBe(calls);
    if (!allowed.has(role)) expect(j.fake.issues.get(issue)?.labels).not.toContain('maestro:approved');
  });

  it.each(roles)('/maestro cancel by %s', async (role) => {
    const j = journeyFor();
    const issue = await plannedIssue(j, false);
    const handled = await handleIssueEvent(
      commentEvent(j, issue, '/maestro cancel', actorFor(j, role)),
      j.deps,
    );
    expectOutcome(role, handled, 'cancelled');
  });

  it.each(roles)('/maestro resume by %s', async (role) => {
    const j = journeyFor();
    const issue = await plannedIssue(j, true);
    const handled = await handleIssueEvent(
      commentEvent(j, issue, '/maestro resume', actorFor(j, role)),
      j.deps,
    );
    expectOutcome(role, handled, 'execute');
  });

  it('an OWNER author_association does not help when the API says read', async () => {
    const j = journeyFor();
    const issue = await plannedIssue(j, false);
    const owner = actorFor(j, 'read');
    const handled = await handleIssueEvent(commentEvent(j, issue, '/maestro approve', owner), j.deps);
    expect(handled).toMatchObject({ kind: 'replied', reason: 'permission denied' });
    const reply = j.fake.commentsOn(issue).at(-1)?.body ?? '';
    expect(reply).toContain('needs write permission');
  });
});
