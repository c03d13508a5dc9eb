import type { MaestroConfig } from '../../core/config/config-schema.js';
import type { IssueHost } from '../../ports/issue-host-port.js';
import type { ExecutionResult } from '../execute-plan.js';
import type { ExecuteRequest } from './issue-events.js';

/** Shown in the PR when the pushes were made with the workflow's own token. */
export const DEFAULT_TOKEN_WARNING = [
  '> [!WARNING]',
  "> These commits were pushed with the workflow's default `GITHUB_TOKEN`, so GitHub does not start other workflows (your CI) for them.",
  "> To have CI run on Maestro's pull requests, give the Action a GitHub App installation token",
  '> (e.g. from `actions/create-github-app-token`) as `github-token`, or close and reopen this PR to trigger CI once.',
].join('\n');

/**
 * Opens the PR for the run branch, or updates the open one (a resume or a fix iteration): the body
 * is the final report (which says `Closes #n`), it is a draft when a gate failed (`draft: auto`),
 * and a review is requested from the approver when it is first opened. Maestro never approves or
 * merges.
 */
export async function openPullRequest(input: {
  request: ExecuteRequest;
  result: ExecutionResult;
  config: MaestroConfig;
  host: IssueHost;
  approver: string;
  defaultToken: boolean;
}): Promise<{ number: number; url: string }> {
  const { host, config, result, request } = input;
  const setting = config.pull_request.draft;
  const draft =
    setting === 'always' ? true : setting === 'never' ? false : result.outcome.kind !== 'completed';
  const issue = await host.getIssue(request.issue);
  const body = input.defaultToken ? `${DEFAULT_TOKEN_WARNING}\n\n${result.report}` : result.report;
  const opened = await host.createOrUpdatePullRequest({
    head: result.branch,
    base: await host.defaultBranch(),
    title: `${issue.title} (#${issue.number})`,
    body,
    draft,
    issue: request.issue,
  });
  if (opened.kind === 'created' && config.pull_request.request_review_from_approver)
    await host.requestReview(opened.pr.number, [input.approver]);
  return { number: opened.pr.number, url: opened.pr.url };
}
