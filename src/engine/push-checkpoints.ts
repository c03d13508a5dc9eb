import { errorMessage } from '../core/errors.js';
import { CommitRefusedError } from '../core/policy/commit-scan/commit-refused-error.js';
import type { RunState, RunStop } from '../core/state/run-state.js';
import type { PushResult } from '../ports/git-workspace-port.js';
import type { ExecuteDeps } from './execute-plan.js';

type Deps = Pick<ExecuteDeps, 'config' | 'workspace' | 'progress'>;

/** Why origin did not take the checkpoints; each one stops the run (a run never claims a push it did not make). */
export type PushFailure =
  /** Someone else pushed to the run branch: the checkpoints went to a rescue branch, or stayed local. */
  | {
      kind: 'moved';
      head?: string;
      rescue: { kind: 'pushed'; branch: string } | { kind: 'failed'; reason: string };
    }
  /** A protected-branch rule or a hook declined the update: the remote's reason, redacted. */
  | { kind: 'declined'; reason: string }
  /** The push could not be made at all (credentials, network): the adapter's message says what to fix. */
  | { kind: 'unreachable'; reason: string };

/**
 * Pushes the run branch when `checkpoint_frequency` says this moment is one to push at. A push that
 * origin does not take becomes `state.stop` (`push-rejected`): the run's `shouldStop` sees it, so no
 * further task is dispatched (no hour of model calls whose work cannot land), and the task and
 * group moments after it do nothing. A security refusal still throws.
 */
export async function pushIfConfigured(
  deps: Deps,
  state: RunState,
  when: 'task' | 'group' | 'phase',
): Promise<void> {
  const frequency = deps.config.orchestrator.checkpoint_frequency;
  const order = { task: 0, group: 1, phase: 2 } as const;
  if (order[when] < order[frequency]) return;
  // Already stopped by a rejected push: only the run's last push tries again, so checkpoints of
  // tasks that were still running when it stopped reach a rescue branch too.
  const stopped = state.stop?.reason === 'push-rejected';
  if (stopped && when !== 'phase') return;
  const failure = await pushCheckpoints(deps, state);
  if (!failure) return;
  const stop = pushStop(failure, state);
  if (stopped && stop.detail === state.stop?.detail) return;
  state.stop = stop;
  deps.progress.warn(`Stopping: ${stop.detail}`);
}

/** One push of the run branch; undefined when origin has the checkpoints (or there is no origin). */
async function pushCheckpoints(deps: Deps, state: RunState): Promise<PushFailure | undefined> {
  const pushed = await attempt(deps, state.branch);
  // Nothing was pushed and nothing may be: the run stops (a security stop) with the reason.
  if (pushed.kind === 'refused') throw new CommitRefusedError(pushed.reason, []);
  if (pushed.kind === 'pushed' || pushed.kind === 'no-remote') return undefined;
  if (pushed.kind === 'unreachable' || pushed.kind === 'rejected')
    return { kind: pushed.kind === 'rejected' ? 'declined' : 'unreachable', reason: pushed.reason };
  // The person's commit stays where it is (never force, never rewrite): the work goes beside it.
  const rescue = `${state.branch}-rescue-${(await deps.workspace.head()).slice(0, 7)}`;
  const rescued = await attempt(deps, state.branch, rescue);
  return {
    kind: 'moved',
    ...(pushed.head ? { head: pushed.head } : {}),
    rescue:
      rescued.kind === 'pushed'
        ? { kind: 'pushed', branch: rescue }
        : { kind: 'failed', reason: 'reason' in rescued ? rescued.reason : 'there is no origin' },
  };
}

/** The adapter's result, with a thrown push error (credentials, network) as one more outcome. */
async function attempt(
  deps: Deps,
  branch: string,
  to?: string,
): Promise<PushResult | { kind: 'unreachable'; reason: string }> {
  try {
    return await deps.workspace.push(branch, to ? { to } : {});
  } catch (error) {
    return { kind: 'unreachable', reason: errorMessage(error) };
  }
}

/** The stop a failed push ends the run with: what happened, where the work is, and what to do. */
export function pushStop(failure: PushFailure, state: RunState): RunStop {
  const branch = `\`${state.branch}\``;
  const count = `${state.checkpoints} checkpoint(s)`;
  if (failure.kind === 'declined')
    return {
      reason: 'push-rejected',
      detail: `Origin declined the push of ${branch}: ${failure.reason}. The checkpoints it did not take are only on the local branch.`,
      next: 'Change the rule or hook that declined it, or ask its owner',
    };
  if (failure.kind === 'unreachable') return { reason: 'push-rejected', detail: failure.reason };
  const moved = failure.head ? `moved to \`${failure.head.slice(0, 7)}\`` : 'moved';
  const cause = `${branch} ${moved} on origin, a commit this run did not make; Maestro never force-pushes, so the push was rejected`;
  if (failure.rescue.kind === 'failed')
    return {
      reason: 'push-rejected',
      detail: `${cause}. Pushing its ${count} to a rescue branch failed too (${failure.rescue.reason}): what origin lacks is only on the local branch.`,
      next: `Push the local ${branch} to a new branch and merge it, or cherry-pick its checkpoints, into ${branch}`,
    };
  const rescue = `\`${failure.rescue.branch}\``;
  return {
    reason: 'push-rejected',
    detail: `${cause}. Its ${count} are on ${rescue}.`,
    next: `Merge or cherry-pick the checkpoints from ${rescue} into ${branch} first (Maestro does not combine them itself, and a resume does not bring them back)`,
  };
}
