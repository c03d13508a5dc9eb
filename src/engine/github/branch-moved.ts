import { parseCheckpointTrailers } from '../../core/state/checkpoint-trailers.js';
import {
  type IssueHost,
  type OwnComment,
  type StatusLabel,
  statusLabels,
} from '../../ports/issue-host-port.js';
import type { RunResult } from './github-deps.js';
import type { ExecuteRequest } from './issue-events.js';
import { savedRunOf } from './run-setup.js';

/*
 * A CI fix is bound to the checkpoint whose checks failed. When the branch's head is another
 * commit by the time the run starts (a person pushed while the fix waited in the issue's
 * concurrency group), nothing went wrong: the run leaves the branch alone before any model call,
 * says so once on the PR, and ends as skipped. The status label and the tracking comment keep
 * what they said, so the PR still reads as open and `/maestro fix` can continue from the run state
 * the tracking comment holds.
 */

/** The PR's head on GitHub when it is no longer the checkpoint a CI fix was dispatched for. */
export async function movedHead(request: ExecuteRequest, host: IssueHost): Promise<string | undefined> {
  if (request.reason !== 'ci-fix' || !request.headSha || request.pr === undefined) return undefined;
  const pr = await host.getPullRequest(request.pr);
  return pr?.headSha && pr.headSha !== request.headSha ? pr.headSha : undefined;
}

/** The reply on the PR (once per dispatched checkpoint) and the step's outcome: skipped, not failed. */
export async function leaveMovedBranch(
  request: ExecuteRequest,
  head: string,
  host: IssueHost,
  tracking: OwnComment | undefined,
): Promise<RunResult> {
  const session = savedRunOf(tracking)?.state.session;
  const trailers = parseCheckpointTrailers((await host.commitMessage(head)) ?? '');
  const ours = session !== undefined && trailers?.session === session;
  const notice = movedNotice(request.headSha ?? '', head, ours);
  await host.reply(request.pr ?? request.issue, `branch-moved:${request.headSha}`, notice);
  return {
    status: 'skipped',
    skipped: 'branch-moved',
    iterations: 0,
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    summary: notice,
    reasons: [],
  };
}

/**
 * The race the check before the run cannot close (a push between it and the fetch): the run had
 * already marked itself running, so the label and the tracking comment (with the run state a
 * later iteration resumes from) are put back as they were.
 */
export async function restoreBeforeRun(
  host: IssueHost,
  issue: number,
  before: { tracking: OwnComment | undefined; labels: readonly string[] },
): Promise<void> {
  const label = before.labels.find((l): l is StatusLabel => (statusLabels as readonly string[]).includes(l));
  // A CI fix only exists for an open PR, so that is what the issue said when no label was left.
  await host.setStatus(issue, label && label !== 'maestro:running' ? label : 'maestro:pr-open');
  if (before.tracking) await host.upsertOwnComment(issue, before.tracking.state, before.tracking.visible);
}

function movedNotice(dispatched: string, head: string, ours: boolean): string {
  const who = ours
    ? `Maestro's newer checkpoint \`${head.slice(0, 7)}\``
    : `A person's commit \`${head.slice(0, 7)}\``;
  const next = ours
    ? 'Its own checks decide whether another CI fix runs.'
    : 'Maestro leaves the branch alone; comment `/maestro fix <what>` to ask it to continue from there.';
  return `${who} is now the head of the branch, so the CI fix dispatched for \`${dispatched.slice(0, 7)}\` did not run (no model was called and nothing was pushed). ${next}`;
}
