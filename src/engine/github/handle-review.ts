import { meetsPermission } from '../../core/commands/command-permissions.js';
import type { MaestroConfig } from '../../core/config/config-schema.js';
import type { GitHubDeps } from './github-deps.js';
import type { Handled, IssueEvent } from './issue-events.js';
import { fixRequest, issueOfBranch } from './pull-request-link.js';

type ReviewEvent = Extract<IssueEvent, { kind: 'review' }>;

/** "Changes requested" on a Maestro PR by someone with write permission → one more iteration. */
export async function handleReview(
  event: ReviewEvent,
  _config: MaestroConfig,
  deps: GitHubDeps,
): Promise<Handled> {
  if (event.state !== 'changes_requested') return { kind: 'ignored', reason: `review ${event.state}` };
  const issue = issueOfBranch(event.head);
  if (issue === undefined) return { kind: 'ignored', reason: 'not a Maestro branch' };
  const level = await deps.host.permission(event.reviewer.login);
  if (!meetsPermission(level, 'write', { isIssueAuthor: false }))
    return { kind: 'ignored', reason: 'reviewer lacks write permission' };
  const what = event.body.trim() || 'Address the review comments on the pull request.';
  return fixRequest(
    {
      issue,
      pr: event.pr,
      fix: `Review by @${event.reviewer.login}: ${what}`,
      replyTo: { issue: event.pr, key: `review:${event.reviewId}` },
    },
    deps,
  );
}
