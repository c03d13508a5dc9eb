import { errorMessage } from '../core/errors.js';
import { CommitRefusedError } from '../core/policy/commit-scan/commit-refused-error.js';
import type { RunState } from '../core/state/run-state.js';
import type { ExecuteDeps } from './execute-plan.js';

/** Pushes the run branch when `checkpoint_frequency` says this moment is one to push at. */
export async function pushIfConfigured(
  deps: Pick<ExecuteDeps, 'config' | 'workspace' | 'progress'>,
  state: RunState,
  when: 'task' | 'group' | 'phase',
): Promise<void> {
  const frequency = deps.config.orchestrator.checkpoint_frequency;
  const order = { task: 0, group: 1, phase: 2 } as const;
  if (order[when] < order[frequency]) return;
  const pushed = await deps.workspace
    .push(state.branch)
    .catch((error: unknown) => ({ kind: 'rejected' as const, reason: errorMessage(error) }));
  // Nothing was pushed and nothing may be: the run stops (a security stop) with the reason.
  if (pushed.kind === 'refused') throw new CommitRefusedError(pushed.reason, []);
  if (pushed.kind === 'rejected')
    deps.progress.warn(
      `Push of ${state.branch} was rejected (${pushed.reason}); the checkpoints are safe locally. Maestro never force-pushes.`,
    );
}
