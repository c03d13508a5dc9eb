import { type ChainDefinition, chains, resolveChainName } from '../core/chains/chains.js';
import type { MaestroConfig } from '../core/config/config-schema.js';
import { BudgetExceededError, errorMessage, MaestroError } from '../core/errors.js';
import { gateSummaryLine } from '../core/gates/compare-baseline.js';
import type { GateReport, GateSpec } from '../core/gates/gate-schema.js';
import type { Approval } from '../core/plan/approval.js';
import { type PlanRevision, verifyRevisionHash } from '../core/plan/plan-revision.js';
import { CommitRefusedError } from '../core/policy/commit-scan/commit-refused-error.js';
import type { RunOutcome } from '../core/report/final-report-input.js';
import { renderReviewComment } from '../core/report/render-review.js';
import type { RecoveryCounts, RunState, RunStop } from '../core/state/run-state.js';
import type { Task } from '../core/tasks/task-schema.js';
import type { UsageLedger } from '../core/usage/usage-ledger.js';
import type { Clock } from '../ports/clock-port.js';
import type { Executor, ExecutorAccess } from '../ports/executor-port.js';
import type { GitWorkspace, IntegrationResult } from '../ports/git-workspace-port.js';
import type { ModelPort } from '../ports/model-port.js';
import type { Progress } from '../ports/progress-port.js';
import type { RepositoryReader } from '../ports/repository-port.js';
import type { Sandbox } from '../ports/sandbox-port.js';
import type { SessionStore } from '../ports/session-store-port.js';
import { coalesced } from './phases/coalesced.js';
import { buildFinalReport } from './phases/handoff.js';
import type { TaskRunnerDeps } from './phases/task-runner.js';
import { taskContext, taskInstructions } from './prompts/task-context.js';
import { pushIfConfigured } from './push-checkpoints.js';
import { budgetGuard } from './run-budget.js';
import { runGates } from './run-gates.js';
import { stepHandlers } from './steps/handlers.js';
import type { StepContext } from './steps/step-context.js';
import { describeSteps, runSteps } from './steps/step-runner.js';

export interface ExecuteDeps {
  model: ModelPort;
  ledger: UsageLedger;
  workspace: GitWorkspace;
  /** Where gates run (and, through the executor, the agent's commands): never Maestro's own process. */
  sandbox: Sandbox;
  executor: Executor;
  config: MaestroConfig;
  progress: Progress;
  clock: Clock;
  store: SessionStore;
  gates: GateSpec[];
  /** The checkout's files (test paths, coverage and release conventions are detected from them). */
  repo: RepositoryReader;
  signal: AbortSignal;
}

export interface ExecuteInput {
  state: RunState;
  revision: PlanRevision;
  approval: Approval;
  issue: { number?: number; title: string; url?: string };
  /** Repository context from discovery (stable part of the task-generation prompt). */
  context: string;
  repositoryInstructions: string;
  resumeHint: string;
}

export interface ExecutionResult {
  outcome: RunOutcome;
  report: string;
  state: RunState;
  branch: string;
  /** False for a chain that never changes code (review): no branch, no commit, no PR. */
  changesCode: boolean;
  /** Gate results after the last iteration (absent when the run stopped before validation). */
  gates?: GateReport;
}

/**
 * Phases 2–5 on the run branch, from an approved plan:
 * 1. verify the approval binds this exact revision (before any model call);
 * 2. baseline gates on the untouched branch (pre-existing failures are reported, not blamed);
 * 3. task generation → implementation (one checkpoint per task) → validation with iterations;
 * 4. the final report. Near a cap, on cancellation or a security stop the run stops dispatching,
 *    keeps every checkpoint and still writes the report with the reason. State is saved after
 *    every task, so `resume` continues from the last checkpoint.
 */
export async function executePlan(input: ExecuteInput, deps: ExecuteDeps): Promise<ExecutionResult> {
  try {
    return await runExecution(input, deps);
  } finally {
    // Task worktrees are pooled between tasks; the run is over, so they go.
    await deps.workspace.releaseWorktrees();
  }
}

async function runExecution(input: ExecuteInput, deps: ExecuteDeps): Promise<ExecutionResult> {
  const { config, progress } = deps;
  const { state } = input;
  verifyApproval(input.revision, input.approval);
  // Wall-clock budget counts the time this session actually ran, across resumes.
  const segmentStart = deps.clock.now();
  const previouslyElapsed = state.elapsedMs;
  // What git says about the run branch, read again only when its head moved since the last save.
  let known: { head: string } | undefined;
  const save = coalesced(async () => {
    state.usage = deps.ledger.calls.map((c) => ({ ...c }));
    const snapshot = () => ({
      ...state,
      elapsedMs: previouslyElapsed + (deps.clock.now().getTime() - segmentStart.getTime()),
    });
    // Written before git is asked anything, so the usage and the time survive a git that fails.
    await deps.store.writeJson(state.session, 'run-state.json', snapshot());
    const head = await deps.workspace.head();
    if (head === known?.head) return;
    const [changes, checkpoints] = await Promise.all([
      deps.workspace.diffFiles(state.baseSha, head),
      deps.workspace.checkpoints(state.session, state.baseSha),
    ]);
    (state as RunState & { filesChanged?: number }).filesChanged = changes.length;
    known = { head };
    await Promise.all([
      deps.store.writeJson(state.session, 'run-state.json', snapshot()),
      deps.store.writeJson(state.session, 'checkpoints.json', checkpoints),
    ]);
  });
  const guard = budgetGuard({
    config,
    ledger: deps.ledger,
    clock: deps.clock,
    startedAt: segmentStart,
    state,
    signal: deps.signal,
  });
  // A rejected push of the checkpoints stops dispatching at the next task boundary (push-checkpoints.ts).
  const shouldStop = () => pushRejected(state) ?? guard();
  const chain = chainOf(input.revision.chain);
  let stop: RunStop | undefined;
  const context: Omit<StepContext, 'step'> = {
    input,
    deps,
    state,
    chain,
    save,
    shouldStop,
    runner: (access) => runnerDeps(input, deps, access, () => describeSteps(state.steps)),
    previousSteps: () => describeSteps(state.steps),
    records: () => state.steps,
    last: { validation: { requirements: [], iterations: state.iteration } },
  };

  try {
    if (state.baseline === undefined) {
      progress.step(`Baseline gates on ${state.baseSha.slice(0, 7)} (before any change)...`);
      state.baseline = await runGates(deps.gates, {
        shell: deps.sandbox.shell,
        cwd: deps.workspace.root,
        timeoutMs: config.validation.gate_timeout_seconds * 1000,
        signal: deps.signal,
      });
      await save();
    }
    stop = shouldStop() ?? (await runSteps(chain, stepHandlers, context, () => deps.clock.now()));
  } catch (error) {
    stop = stopFor(error);
    for (const record of state.steps.filter((r) => r.status === 'running'))
      Object.assign(record, { status: 'failed', summary: stop.detail.slice(0, 500) });
    progress.warn(`Stopping: ${stop.detail}`);
  }
  const validation = context.last.validation;

  progress.phase(5, 'Handoff');
  progress.step('Generating implementation report...');
  state.stop = stop;
  if (!stop) state.phase = 'done';
  await save().catch(() => undefined);
  try {
    if (chain.changesCode) await pushIfConfigured(deps, state, 'phase');
  } catch (error) {
    // A refused push (a secret in a commit, git config changed) is a security stop even now.
    if (!(error instanceof CommitRefusedError)) throw error;
    stop = stopFor(error);
    progress.warn(`Stopping: ${stop.detail}`);
    state.stop = stop;
    state.phase = 'handoff';
    await save().catch(() => undefined);
  }
  // Origin did not take the checkpoints (now or mid-run): that, and where the work is, is the stop.
  const rejected = pushRejected(state);
  if (rejected && stop !== rejected) {
    stop = rejected;
    state.phase = 'handoff';
    await save().catch(() => undefined);
  }
  const resumeHint = stop?.next ? `${stop.next}, then ${input.resumeHint}` : input.resumeHint;
  const { markdown: fullReport, outcome } = await buildFinalReport(
    {
      revision: input.revision,
      state,
      issue: input.issue,
      after: validation.report,
      comparison: validation.comparison,
      requirements: validation.requirements,
      stop,
      endedAt: deps.clock.now(),
      resumeHint,
      sandbox: deps.sandbox.description,
    },
    { workspace: deps.workspace, ledger: deps.ledger, config },
  );
  // A chain that changes no code reports its findings; the full report stays in the session.
  const markdown = chain.changesCode || stop ? fullReport : reviewReport(input, state, deps);
  await deps.store.writeText(state.session, 'final-report.md', fullReport);
  if (!chain.changesCode) await deps.store.writeText(state.session, 'review.md', markdown);
  if (outcome.kind === 'stopped')
    progress.warn(
      `Run stopped (${outcome.reason}): ${(outcome.detail ?? '').replace(/\.$/, '')}. ${chain.changesCode && !rejected ? `Work so far is on ${state.branch}; ` : ''}${resumeHint}`,
    );
  else if (!chain.changesCode) progress.done('Review complete: nothing was changed');
  else
    progress.done(
      outcome.kind === 'completed'
        ? 'Autonomous implementation complete!'
        : 'Implementation finished with open issues (see the report)',
    );
  progress.step(
    `Report: ${deps.store.locate(state.session)}/${chain.changesCode ? 'final-report.md' : 'review.md'}`,
  );
  return {
    outcome,
    report: markdown,
    state,
    branch: state.branch,
    changesCode: chain.changesCode,
    gates: validation.report,
  };
}

/** The review chain's one comment: its findings, the gates on the base commit, the sandbox. */
function reviewReport(input: ExecuteInput, state: RunState, deps: ExecuteDeps): string {
  const findings = state.steps.flatMap((s) => s.findings ?? []);
  const summary = state.steps.find((s) => s.findings !== undefined)?.summary ?? '';
  const baseline = state.baseline as GateReport | undefined;
  return renderReviewComment({
    findings,
    summary,
    ...(input.issue.number !== undefined ? { issueNumber: input.issue.number } : {}),
    chainSteps: `${input.revision.chain}: ${state.steps.map((s) => `${s.id} ${s.status}`).join(', ')}`,
    gates: baseline?.runs.length
      ? `on ${state.baseSha.slice(0, 7)}: ${baseline.runs.map(gateSummaryLine).join('; ')}`
      : 'no gates ran',
    sandbox: deps.sandbox.description.summary,
  });
}

/** The revision's chain; a revision names a chain Maestro knows, or it was not made by this version. */
function chainOf(name: string): ChainDefinition {
  const chain = resolveChainName(name);
  if (chain === undefined)
    throw new MaestroError(
      `E002: the plan names the chain "${name}", which this version of Maestro does not know; re-plan.`,
      {
        code: 'chain.unknown',
      },
    );
  return chains[chain];
}

/** The approval must name this exact revision, and the revision must still hash to what was approved. */
function verifyApproval(revision: PlanRevision, approval: Approval): void {
  if (approval.revisionHash !== revision.hash || !verifyRevisionHash(revision)) {
    throw new MaestroError(
      `The approval is for plan revision ${approval.revisionHash}, but the plan is now ${revision.hash}; re-approve the current revision before executing.`,
      { code: 'approval.mismatch' },
    );
  }
}

function runnerDeps(
  input: ExecuteInput,
  deps: ExecuteDeps,
  access: ExecutorAccess,
  previousSteps: () => string,
): TaskRunnerDeps {
  const { state } = input;
  let lock: Promise<unknown> = Promise.resolve();
  const checkpoint = (_task: Task, apply: (n: number) => Promise<IntegrationResult>) => {
    const next = lock.then(async () => {
      const n = state.checkpoints + 1;
      const result = await apply(n);
      if (result.kind !== 'integrated') return result;
      state.checkpoints = n;
      if (deps.config.orchestrator.checkpoint_frequency === 'task')
        await pushIfConfigured(deps, state, 'task');
      return { ...result, n };
    });
    lock = next.catch(() => undefined);
    return next;
  };
  return {
    workspace: deps.workspace,
    executor: deps.executor,
    progress: deps.progress,
    clock: deps.clock,
    config: deps.config,
    session: state.session,
    chain: input.revision.chain,
    allowedCommands: allowedCommands(deps.gates),
    signal: deps.signal,
    instructions: (task) => taskInstructions(task, input.repositoryInstructions),
    access,
    context: (task, extra) => {
      const steps = previousSteps();
      const note = [extra?.note, steps].filter(Boolean).join('\n\n');
      return taskContext(task, input.revision, state.results, { ...extra, ...(note ? { note } : {}) });
    },
    checkpoint,
    recovered: (kind: keyof RecoveryCounts) => {
      state.recoveries[kind] += 1;
    },
  };
}

/** The agent may run the gate commands and read-only git; nothing else. */
function allowedCommands(gates: GateSpec[]): string[][] {
  return [
    ...gates.map((g) => g.argv),
    ['git', 'status'],
    ['git', 'diff'],
    ['git', 'log'],
    ['git', 'show'],
    ['ls'],
  ];
}

/** Ends the phases early with a reason that is already a `RunStop`. */
class StopRun extends Error {
  readonly stop: RunStop;
  constructor(stop: RunStop) {
    super(stop.detail);
    this.stop = stop;
  }
}

/** The stop a rejected push recorded in the run state, if any. */
function pushRejected(state: RunState): RunStop | undefined {
  return state.stop?.reason === 'push-rejected' ? state.stop : undefined;
}

function stopFor(error: unknown): RunStop {
  if (error instanceof StopRun) return error.stop;
  if (error instanceof CommitRefusedError) return { reason: 'security', detail: error.message };
  if (error instanceof BudgetExceededError) return { reason: 'budget', detail: error.message };
  return { reason: 'error', detail: errorMessage(error) };
}
