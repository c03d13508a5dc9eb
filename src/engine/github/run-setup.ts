import { z } from 'zod';
import { chains, resolveChainName } from '../../core/chains/chains.js';
import { MaestroError } from '../../core/errors.js';
import type { Approval } from '../../core/plan/approval.js';
import type { PlanRevision } from '../../core/plan/plan-revision.js';
import { sanitizeInbound } from '../../core/policy/sanitize-inbound.js';
import { clip } from '../../core/report/report-text.js';
import { runBranchName } from '../../core/state/branch-name.js';
import { resumeFromCheckpoints } from '../../core/state/resume-from-checkpoints.js';
import { type RunState, runStateSchema } from '../../core/state/run-state.js';
import { newSessionId } from '../../core/state/session-metadata.js';
import type { Task } from '../../core/tasks/task-schema.js';
import type { Clock } from '../../ports/clock-port.js';
import type { GitWorkspace } from '../../ports/git-workspace-port.js';
import type { IssueData, OwnComment } from '../../ports/issue-host-port.js';
import type { ExecuteRequest } from './issue-events.js';
import type { IterationInput } from './iteration-input.js';
import { unpackState } from './state-codec.js';

/** The run state kept in the tracking comment's marker, tied to the revision it executes. */
export const savedRunSchema = z.object({ revisionHash: z.string(), state: runStateSchema });
export type SavedRun = z.infer<typeof savedRunSchema>;

export function savedRunOf(tracking: OwnComment | undefined): SavedRun | undefined {
  const parsed = savedRunSchema.safeParse(unpackState(tracking?.state.data?.run));
  return parsed.success ? parsed.data : undefined;
}

/**
 * The state this execution starts from, and the run branch checked out:
 * - resume / fix: the saved state of the same revision, on the branch fetched from origin (a fresh
 *   runner has only the default branch); a fix adds one task for the requested change;
 * - approve: a new session on `maestro/issue-<n>-<slug>`; when that branch already exists on
 *   origin (an earlier run of this issue) the new run continues on top of it, never force-pushing.
 */
export async function prepareRun(input: {
  request: ExecuteRequest;
  issue: IssueData;
  revision: PlanRevision;
  approval: Approval;
  saved: SavedRun | undefined;
  workspace: GitWorkspace;
  clock: Clock;
  /** A post-PR iteration's request (`/maestro fix`, CI failures, a review's comments). */
  iteration?: IterationInput;
}): Promise<RunState> {
  const { request, workspace, clock } = input;
  const reuse =
    input.saved && input.saved.revisionHash === input.revision.hash && request.reason !== 'approve';
  if (reuse && input.saved) {
    let state: RunState = { ...input.saved.state, stop: undefined };
    let origin: string | undefined;
    if (state.branch !== '') {
      const fetched = await workspace.fetchRunBranch(state.branch);
      if (fetched.kind === 'fetched') origin = fetched.sha;
      await workspace.checkoutRunBranch(state.branch, state.baseSha);
      // The comment's state can lag the branch (its last writes failed) or lead it (a push failed).
      if (request.reason === 'resume')
        state = resumeFromCheckpoints(state, await workspace.checkpoints(state.session, state.baseSha)).state;
    }
    if (input.iteration) await addIteration(state, input.iteration, workspace, origin);
    return state;
  }
  // A chain that changes no code (review) works on the checkout as it is: no branch at all.
  const chain = resolveChainName(input.revision.chain);
  if (chain !== undefined && !chains[chain].changesCode)
    return newRunState(newSessionId(clock.now()), '', await workspace.head(), clock);
  const branch = runBranchName(input.issue.title, { issueNumber: input.issue.number });
  const fetched = await workspace.fetchRunBranch(branch);
  const baseSha = fetched.kind === 'fetched' ? fetched.sha : await workspace.head();
  await workspace.checkoutRunBranch(branch, baseSha);
  const state = newRunState(newSessionId(clock.now()), branch, baseSha, clock);
  if (input.iteration)
    await addIteration(
      state,
      input.iteration,
      workspace,
      fetched.kind === 'fetched' ? fetched.sha : undefined,
    );
  return state;
}

/**
 * The branch fetched from origin is not at the checkpoint a CI fix was dispatched for (someone
 * pushed since). Not a failure: execute-approved.ts ends the run as skipped (branch-moved.ts).
 */
export class BranchMovedError extends MaestroError {
  readonly head: string;
  constructor(head: string, expected: string) {
    super(
      `The branch is at ${head.slice(0, 7)}, not at the checkpoint ${expected.slice(0, 7)} whose checks failed (someone pushed since): the CI loop stops here. Comment \`/maestro fix <what>\` to ask for another iteration.`,
      { code: 'ci.branch-moved' },
    );
    this.head = head;
  }
}

/**
 * The iteration as one more task. A CI fix runs only on the checkpoint whose checks failed: if the
 * branch moved since (a person pushed), the loop stops there. Origin's tip is compared as well as
 * the checkout's: a reused checkout keeps its local branch where it was, behind origin.
 */
async function addIteration(
  state: RunState,
  iteration: IterationInput,
  workspace: GitWorkspace,
  origin: string | undefined,
): Promise<void> {
  if (iteration.kind === 'ci') {
    for (const head of [origin, await workspace.head()])
      if (head !== undefined && head !== iteration.headSha)
        throw new BranchMovedError(head, iteration.headSha);
    state.ci = {
      iterations: (state.ci?.iterations ?? 0) + 1,
      headSha: iteration.headSha,
      checks: iteration.checks,
    };
  }
  if (iteration.kind === 'text') addFixTask(state, iteration.text);
  else addTask(state, iteration.title, iteration.text);
}

/**
 * `/maestro fix <what>` or a review's request as one more task after everything already done. The
 * text is a person's, so it passes the inbound sanitiser before it can reach the model.
 */
export function addFixTask(state: RunState, what: string): void {
  const text = sanitizeInbound(what).text.trim() || 'Address the review comments.';
  addTask(
    state,
    text.split('\n')[0] ?? text,
    `A maintainer asked for one more iteration on the pull request:\n\n${text}`,
  );
}

/** One more task in a new `FIX<k>` epic, after everything already done; its id is returned. */
export function addTask(state: RunState, title: string, description: string): string {
  const plan = state.tasks ?? { epics: [] };
  const k = plan.epics.filter((e) => e.id.startsWith('FIX')).length + 1;
  const task: Task = {
    id: `FIX${k}.T1`,
    title: clip(title, 70),
    description,
    category: 'general',
    dependsOn: [],
    files: [],
    acceptance: ['The requested change is made', 'The quality gates pass'],
    requirements: [],
  };
  if (!state.tasks) return task.id; // no task plan yet: the fix rides along with task generation's plan
  state.tasks = { epics: [...plan.epics, { id: `FIX${k}`, title: 'Review follow-up', tasks: [task] }] };
  state.phase = 'implementation';
  state.iteration += 1;
  reopenTaskSteps(state);
  return task.id;
}

/** The steps that run tasks, and every step after them, run again (a fix task was added). */
function reopenTaskSteps(state: RunState): void {
  const first = state.steps.findIndex((s) => s.id === 'implement' || s.id === 'write-tests');
  if (first < 0) return;
  state.steps = state.steps.map((s, i) => (i >= first ? { ...s, status: 'pending' } : s));
}

/** A run that has not started: no tasks, no steps, no checkpoints. */
export function newRunState(session: string, branch: string, baseSha: string, clock: Clock): RunState {
  return {
    session,
    branch,
    baseSha,
    phase: 'task-generation',
    iteration: 0,
    results: {},
    steps: [],
    checkpoints: 0,
    recoveries: { retry: 0, 'alternative-approach': 0, 'conflict-rerun': 0, rollback: 0, 'asked-human': 0 },
    usage: [],
    startedAt: clock.now().toISOString(),
    elapsedMs: 0,
  };
}
