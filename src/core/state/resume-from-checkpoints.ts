import type { RunState } from './run-state.js';

/** A checkpoint commit as read from the run branch's trailers (the port's `CheckpointCommit`). */
export interface BranchCheckpoint {
  sha: string;
  subject: string;
  task: string;
  checkpoint: number;
}

export interface ResumePoint {
  state: RunState;
  /** Tasks the saved state did not know were done, found checkpointed on the branch. */
  found: BranchCheckpoint[];
  /** Tasks the saved state called done whose checkpoint is not on the branch (never pushed). */
  lost: string[];
}

/**
 * Where a resume starts: the saved state (summaries, hints, attempts: what git cannot hold) put
 * right by the branch's checkpoint trailers, which are the truth about what is done. The saved
 * state can be behind the branch (its last write failed, as with a token that expired mid-run) or
 * ahead of it (the push of its last checkpoints failed). Tasks not done run again, from scratch.
 */
export function resumeFromCheckpoints(saved: RunState, commits: readonly BranchCheckpoint[]): ResumePoint {
  const results = { ...saved.results };
  const onBranch = new Set(commits.map((c) => c.sha));
  const lost: string[] = [];
  for (const [id, result] of Object.entries(results)) {
    if (result.status === 'done' && result.checkpoint && !onBranch.has(result.checkpoint.sha)) {
      lost.push(id);
      delete results[id];
    } else if (result.status !== 'done') delete results[id];
  }
  const found: BranchCheckpoint[] = [];
  // Newest first: a task checkpointed twice (a conflict re-run) is done by its last commit.
  for (const commit of [...commits].reverse()) {
    // WIP and rollback checkpoints hold work in progress or undo work: no task is done by them.
    if (/^(wip|rollback)$/.test(commit.task) || results[commit.task]?.status === 'done') continue;
    const known = saved.results[commit.task];
    results[commit.task] = {
      id: commit.task,
      status: 'done',
      attempts: known?.attempts ?? 1,
      summary: known?.summary || commit.subject,
      hints: known?.hints ?? '',
      blocked: known?.blocked ?? [],
      checkpoint: { n: commit.checkpoint, sha: commit.sha },
    };
    found.unshift(commit);
  }
  const state: RunState = {
    ...saved,
    results,
    stop: undefined,
    checkpoints: Math.max(saved.checkpoints, ...commits.map((c) => c.checkpoint)),
    // A resume validates again before it hands off: the branch may hold more than was validated.
    phase: saved.phase === 'handoff' ? 'validation' : saved.phase,
  };
  return { state, found, lost };
}
