import type { Context } from 'probot';
import type { IssueEvent } from '../../engine/github/issue-events.js';
import { actorOf, isBot } from './actor.js';

export type LabeledPayload = Context<'issues.labeled'>['payload'];

/**
 * `issues.labeled` → `labeled`. `at` is the issue's `updated_at`, which GitHub sets to the moment
 * the label was added: the engine pins the issue snapshot to it, and the queue dedupes on it.
 */
export function labeledEvent(payload: LabeledPayload): IssueEvent | undefined {
  if (isBot(payload.sender) || !payload.label) return undefined;
  return {
    kind: 'labeled',
    issue: payload.issue.number,
    label: payload.label.name,
    sender: actorOf(payload.sender),
    at: payload.issue.updated_at,
  };
}
