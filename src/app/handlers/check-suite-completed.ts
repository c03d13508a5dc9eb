import type { Context } from 'probot';
import { type CheckSuitePayload, checkSuiteEvent } from '../../adapters/github/checks-payloads.js';
import type { IssueEvent } from '../../engine/github/issue-events.js';

export type CheckSuiteCompletedPayload = Context<'check_suite.completed'>['payload'];

/** `check_suite.completed` → `checks` (the CI feedback loop; see handle-checks.ts for the rules). */
export function checkSuiteCompletedEvent(payload: CheckSuiteCompletedPayload): IssueEvent | undefined {
  return checkSuiteEvent(payload as unknown as CheckSuitePayload);
}
