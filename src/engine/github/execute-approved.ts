import type { ExecutionDeps, GitHubDeps, RunResult } from './github-deps.js';
import type { ExecuteRequest } from './issue-events.js';

/**
 * Phases 2–5 for an approved issue: verify the approval against GitHub before any model call, run
 * the engine on `maestro/issue-<n>-<slug>`, push checkpoints, open or update the PR, keep the
 * tracking comment current, and set the status label.
 */
export async function executeApproved(
  request: ExecuteRequest,
  deps: GitHubDeps,
  execution: ExecutionDeps,
): Promise<RunResult> {
  void request;
  void deps;
  void execution;
  throw new Error('executeApproved: not implemented yet');
}
