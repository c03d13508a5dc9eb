import type { IssueEvent } from '../../engine/github/issue-events.js';
import type { Actor } from '../../ports/issue-host-port.js';

/*
 * `check_suite.completed` and `workflow_run.completed` payloads → the engine's `checks` event,
 * typed by shape only, so the App (Probot) and the Action (GITHUB_EVENT_PATH) share one mapping.
 * The sender is CI's own app and is kept: the engine judges checks by branch and commit. Runs from
 * forks are dropped: a fork can name a branch `maestro/issue-12-…` to pass for one of Maestro's.
 */

interface PayloadActor {
  login: string;
  id: number;
  type?: string;
}

interface PullRef {
  number: number;
  base?: { repo?: { id?: number } };
}

export interface CheckSuitePayload {
  check_suite: {
    head_branch: string | null;
    head_sha: string;
    conclusion: string | null;
    updated_at?: string | null;
    pull_requests?: PullRef[];
    head_repository?: { id?: number } | null;
  };
  repository: { id: number };
  sender: PayloadActor;
}

export interface WorkflowRunPayload {
  workflow_run: {
    head_branch: string | null;
    head_sha: string;
    conclusion: string | null;
    name?: string | null;
    path?: string | null;
    updated_at?: string | null;
    pull_requests?: PullRef[];
    head_repository?: { id?: number } | null;
  };
  repository: { id: number };
  sender: PayloadActor;
}

export function checkSuiteEvent(payload: CheckSuitePayload): IssueEvent | undefined {
  const suite = payload.check_suite;
  if (!suite.head_branch || fromFork(suite.head_repository, payload.repository)) return undefined;
  return checks('check_suite', suite, payload);
}

/**
 * `workflow_run.completed`: Maestro's own workflow finishing is not CI of the PR, so runs of a
 * workflow file named `maestro*.yml` (the examples' names, and the default `github.workflow`) are
 * dropped; the engine would refuse them anyway (their head is the default branch).
 */
export function workflowRunEvent(payload: WorkflowRunPayload): IssueEvent | undefined {
  const run = payload.workflow_run;
  if (!run.head_branch || fromFork(run.head_repository, payload.repository)) return undefined;
  if (/(^|\/)maestro[\w.-]*\.ya?ml$/i.test(run.path ?? '')) return undefined;
  return checks('workflow_run', run, payload);
}

function checks(
  source: 'check_suite' | 'workflow_run',
  run: CheckSuitePayload['check_suite'],
  payload: { repository: { id: number }; sender: PayloadActor },
): IssueEvent {
  const pr = (run.pull_requests ?? []).find(
    (p) => (p.base?.repo?.id ?? payload.repository.id) === payload.repository.id,
  );
  return {
    kind: 'checks',
    source,
    head: run.head_branch!,
    headSha: run.head_sha,
    conclusion: run.conclusion,
    ...(pr ? { pr: pr.number } : {}),
    sender: actor(payload.sender),
    at: run.updated_at ?? new Date(0).toISOString(),
  };
}

function fromFork(head: { id?: number } | null | undefined, repository: { id: number }): boolean {
  return head?.id !== undefined && head.id !== repository.id;
}

function actor(user: PayloadActor): Actor {
  return { login: user.login, id: user.id, type: user.type ?? 'User' };
}
