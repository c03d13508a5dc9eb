import type { GitHubDeps } from './github-deps.js';
import type { Handled } from './issue-events.js';

/**
 * The sweep for events missed while the App was down: labelled issues without a plan, and
 * commands newer than the last one Maestro handled. Each is handled exactly once (the plan
 * comment's marker records the last comment handled and the dispatch).
 */
export async function reconcileRepository(
  deps: GitHubDeps,
): Promise<Array<{ issue: number; handled: Handled }>> {
  void deps;
  throw new Error('reconcileRepository: not implemented yet');
}
