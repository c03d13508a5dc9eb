import type { Context } from 'probot';
import type { IssueEvent } from '../../engine/github/issue-events.js';
import { actorOf, isBot } from './actor.js';

export type EditedPayload = Context<'issues.edited'>['payload'];

/**
 * `issues.edited` → `edited`: a pending approval no longer holds (security rule 2). `changes` is
 * not trusted to say what changed (GitHub's own recorded examples carry `changes: {}`); the engine
 * compares the issue snapshot's hash instead.
 */
export function editedEvent(payload: EditedPayload): IssueEvent | undefined {
  if (isBot(payload.sender)) return undefined;
  return {
    kind: 'edited',
    issue: payload.issue.number,
    sender: actorOf(payload.sender),
    at: payload.issue.updated_at,
  };
}
