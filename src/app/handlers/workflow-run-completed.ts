import type { Context } from 'probot';
import { type WorkflowRunPayload, workflowRunEvent } from '../../adapters/github/checks-payloads.js';
import type { IssueEvent } from '../../engine/github/issue-events.js';

export type WorkflowRunCompletedPayload = Context<'workflow_run.completed'>['payload'];

/** `workflow_run.completed` → `checks` (for CI that reports through Actions workflows). */
export function workflowRunCompletedEvent(payload: WorkflowRunCompletedPayload): IssueEvent | undefined {
  return workflowRunEvent(payload as unknown as WorkflowRunPayload);
}
