import type { GitHubDeps } from './github-deps.js';
import type { Handled, IssueEvent } from './issue-events.js';

/**
 * One GitHub event → what Maestro does about it (product.md §2–§3): plan on the trigger label,
 * cancel on its removal, invalidate a pending approval on an edit, and commands and answers in
 * comments. Idempotent: handling the same event twice changes nothing the second time.
 */
export async function handleIssueEvent(event: IssueEvent, deps: GitHubDeps): Promise<Handled> {
  void event;
  void deps;
  throw new Error('handleIssueEvent: not implemented yet');
}
