import type { Context } from 'probot';
import type { IssueEvent } from '../../engine/github/issue-events.js';
import { actorOf, isBot } from './actor.js';

export type UnlabeledPayload = Context<'issues.unlabeled'>['payload'];

/** `issues.unlabeled` → `unlabeled`; removing the trigger label cancels (product.md §2). */
export function unlabeledEvent(payload: UnlabeledPayload): IssueEvent | undefined {
  if (isBot(payload.sender) || !payload.label) return undefined;
  return {
    kind: 'unlabeled',
    issue: payload.issue.number,
    label: payload.label.name,
    sender: actorOf(payload.sender),
    at: payload.issue.updated_at,
  };
}
