import type { RunState } from '../../core/state/run-state.js';
import type { IssueHost } from '../../ports/issue-host-port.js';
import type { IterationInput } from './iteration-input.js';

/**
 * After a review iteration: one reply in each comment's thread, saying what changed and in which
 * checkpoint, or why nothing did. Maestro never resolves a thread or approves: the reviewer does.
 */
export async function replyInThreads(
  host: IssueHost,
  pr: number,
  issue: number,
  iteration: Extract<IterationInput, { kind: 'review' }>,
  state: RunState,
): Promise<void> {
  const task = lastFixTask(state);
  const result = task ? state.results[task] : undefined;
  const body = result?.checkpoint
    ? `Addressed in \`${result.checkpoint.sha.slice(0, 7)}\` (checkpoint ${result.checkpoint.n}): ${result.summary || 'see the commit'}`
    : `No change was made for this review: ${result?.error ?? result?.summary ?? 'the iteration did not finish'}. Comment \`/maestro fix <what>\` to ask again.`;
  for (const comment of iteration.comments) await host.replyToReviewComment(pr, comment.id, issue, body);
}

function lastFixTask(state: RunState): string | undefined {
  const epics = (state.tasks?.epics ?? []).filter((e) => e.id.startsWith('FIX'));
  return epics.at(-1)?.tasks[0]?.id;
}
