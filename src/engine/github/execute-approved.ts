import type { MaestroConfig } from '../../core/config/config-schema.js';
import { errorMessage } from '../../core/errors.js';
import type { TrackingView } from '../../core/report/tracking-view.js';
import type { RunState } from '../../core/state/run-state.js';
import { detectGates } from '../../discovery/detect-gates.js';
import { discover } from '../../discovery/discover.js';
import type { Sandbox } from '../../ports/sandbox-port.js';
import { describeInstructions, repositoryContextOf } from '../describe-discovery.js';
import { type ExecutionResult, executePlan } from '../execute-plan.js';
import { leaveMovedBranch, movedHead, restoreBeforeRun } from './branch-moved.js';
import { cancellationWatch } from './cancellation-watch.js';
import type { ExecutionDeps, GitHubDeps, RunResult } from './github-deps.js';
import type { ExecuteRequest } from './issue-events.js';
import { type IterationInput, iterationInput } from './iteration-input.js';
import { loadRepoConfig, reportInvalidConfig } from './repo-config.js';
import { handOff, tee } from './run-handoff.js';
import { notePlanStatus, planStatusAfterRun } from './run-plan-status.js';
import { BranchMovedError, prepareRun, savedRunOf } from './run-setup.js';
import { observedStore, trackingCi, trackingSteps, trackingTasks, usageOf } from './run-view.js';
import { packState } from './state-codec.js';
import { TrackingComment } from './tracking-comment.js';
import { type ApprovalCheck, verifyApproval } from './verify-approval.js';

const noUsage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };

/**
 * Phases 2–5 for an approved issue: verify the approval against GitHub before any model call, run
 * the engine on `maestro/issue-<n>-<slug>`, push checkpoints, open or update the PR, keep the
 * tracking comment current, and set the status label. A failure at any point still ends with the
 * tracking comment saying what failed, what was kept and how to continue.
 */
export async function executeApproved(
  request: ExecuteRequest,
  deps: GitHubDeps,
  execution: ExecutionDeps,
): Promise<RunResult> {
  const { host } = deps;
  const loaded = await loadRepoConfig(host, deps.configPath);
  if (loaded.kind === 'invalid') {
    await reportInvalidConfig(host, request.issue, loaded);
    return refused([`${loaded.path} is invalid:\n${loaded.problem}`]);
  }
  const { config } = loaded;
  const check = await verifyApproval(host, request, config);
  if (check.kind === 'refused') {
    deps.logger.warn(`Run for #${request.issue} refused: ${check.reasons.join(' ')}`);
    const relabelled = check.approval === 'void' && (await withdrawApprovedLabel(host, request.issue));
    if (check.approval === 'void')
      await notePlanStatus(deps, request.issue, {
        kind: 'failed',
        why: `refused: ${check.reasons[0] ?? ''}`,
      });
    await host.reply(
      request.issue,
      `refused:${request.approvalCommentId}:${deps.run?.id ?? deps.clock.now().toISOString()}`,
      [
        '### ⛔ Maestro refused to run',
        '',
        ...check.reasons.map((r) => `- ${r}`),
        '',
        'Nothing was executed and no model was called.',
        ...(relabelled
          ? [
              `The approval no longer holds, so the issue is labelled \`${REFUSED_LABEL}\` instead of \`maestro:approved\`.`,
            ]
          : []),
      ].join('\n'),
    );
    return refused(check.reasons);
  }
  const result = await runVerified(request, deps, execution, config, check);
  await notePlanStatus(deps, request.issue, planStatusAfterRun(result, check.plan));
  // The planning rounds (this job's or an earlier plan job's) are part of what the issue cost.
  return { ...result, planning: check.plan.record.planningUsage };
}

/** Phases 2–5 once the approval is verified. */
async function runVerified(
  request: ExecuteRequest,
  deps: GitHubDeps,
  execution: ExecutionDeps,
  config: MaestroConfig,
  check: Extract<ApprovalCheck, { kind: 'verified' }>,
): Promise<RunResult> {
  const { host } = deps;
  if (execution.dryRun) {
    const summary = `Dry run: the approval of revision ${check.revision.number} (\`${check.revision.hash}\`) by @${check.approval.approver} is valid; nothing was executed.`;
    return { status: 'dry-run', iterations: 0, usage: noUsage, summary, reasons: [] };
  }

  const issue = await host.getIssue(request.issue);
  const tracking = await host.findOwnComment(request.issue, { kind: 'tracking' });
  // A CI fix whose checkpoint is no longer the head has nothing to do: nothing is marked running.
  const moved = await movedHead(request, host);
  if (moved) return leaveMovedBranch(request, moved, host, tracking);
  const now = deps.clock.now().toISOString();
  const initial: TrackingView = {
    issue: request.issue,
    status: 'running',
    phasesDone: [1],
    iteration: 0,
    maxIterations: config.orchestrator.max_iterations,
    usage: noUsage,
    startedAt: now,
    updatedAt: now,
    lastLines: [],
    ...(deps.run ? { run: deps.run } : {}),
  };
  let runState: RunState | undefined;
  const board = new TrackingComment({
    host,
    issue: request.issue,
    view: initial,
    clock: deps.clock,
    logger: deps.logger,
    ...(execution.localRoots ? { localRoots: execution.localRoots } : {}),
    extra: () => (runState ? { run: packState({ revisionHash: check.revision.hash, state: runState }) } : {}),
  });
  await host.setStatus(request.issue, 'maestro:running');
  // The comment exists from the start (a fast run would otherwise post its result first).
  board.update({ status: 'running' });
  await board.flush();
  await notePlanStatus(deps, request.issue, { kind: 'running' });

  let result: ExecutionResult | undefined;
  let sandbox: Sandbox | undefined;
  let iteration: IterationInput | undefined;
  try {
    iteration = await iterationInput(request, host, execution.secrets ?? []);
    runState = await prepareRun({
      request,
      issue,
      revision: check.revision,
      approval: check.approval,
      saved: savedRunOf(tracking),
      workspace: execution.workspace,
      clock: deps.clock,
      ...(iteration ? { iteration } : {}),
    });
    board.update(trackingCi(runState, config));
    board.update({ branch: runState.branch, tasks: trackingTasks(runState), iteration: runState.iteration });
    // Before the first model call: no sandbox, no run (unless the config turned it off on purpose).
    sandbox = await execution.openSandbox(config);
    board.update({ sandbox: sandbox.description });
    const opened = await deps.openModel(config);
    const progress = tee(board, deps);
    const repo = await deps.checkout();
    const discovery = await discover({
      repo,
      cache: deps.cache,
      issue: { title: check.revision.draft.prd.goal, body: issue.body },
      budgetTokens: config.planning.context_budget_tokens,
    });
    const cancelled = cancellationWatch(request.issue, deps, execution.signal);
    let written = milestoneOf(runState);
    const store = observedStore(execution.store, async (state) => {
      runState = state;
      cancelled.check();
      board.update({
        tasks: trackingTasks(state),
        ...trackingSteps(state),
        iteration: state.iteration,
        usage: usageOf(opened.ledger),
      });
      // What a resume needs (the task plan, each checkpoint) is written at once, not debounced:
      // a job that dies next (its token expires) leaves the comment at its last milestone.
      const milestone = milestoneOf(state);
      if (milestone === written) return;
      written = milestone;
      await board.flush();
    });
    result = await executePlan(
      {
        state: runState,
        revision: check.revision,
        approval: check.approval,
        issue: { number: issue.number, title: issue.title, url: issue.url },
        context: repositoryContextOf(discovery),
        repositoryInstructions: describeInstructions(discovery.instructions),
        resumeHint: 'comment `/maestro resume` on the issue to continue from the last checkpoint',
      },
      {
        model: opened.model,
        ledger: opened.ledger,
        workspace: execution.workspace,
        sandbox,
        executor: execution.executorFor(config, opened.model, sandbox),
        config,
        progress,
        clock: deps.clock,
        store,
        gates: await detectGates(repo, config.validation),
        repo,
        signal: cancelled.signal,
      },
    );
    runState = result.state;
    const usage = usageOf(opened.ledger);
    return await handOff(request, result, usage, {
      config,
      deps,
      execution,
      board,
      approver: check.approval.approver,
      ...(iteration ? { iteration } : {}),
    });
  } catch (error) {
    if (error instanceof BranchMovedError) {
      await restoreBeforeRun(host, request.issue, { tracking, labels: issue.labels });
      return await leaveMovedBranch(request, error.head, host, tracking);
    }
    const what = errorMessage(error);
    deps.logger.error(`Run for #${request.issue} failed: ${what}`);
    await host.setStatus(request.issue, 'maestro:failed').catch(() => undefined);
    const kept = runState
      ? `branch \`${runState.branch}\` with ${runState.checkpoints} checkpoint(s)`
      : 'nothing changed';
    await board.finish({
      status: 'failed',
      failure: {
        what: what.slice(0, 2000),
        kept,
        next: 'Fix the cause, then comment `/maestro resume` to continue from the last checkpoint.',
      },
    });
    return {
      status: 'failed',
      ...(runState ? { branch: runState.branch } : {}),
      iterations: runState?.iteration ?? 0,
      usage: board.view.usage,
      summary: `Maestro's run failed: ${what}\n\nKept: ${kept}. Comment \`/maestro resume\` to continue.`,
      reasons: [what],
    };
  } finally {
    await sandbox?.close();
  }
}

/** Changes when the task plan appears, a task's result settles or a checkpoint is made. */
function milestoneOf(state: RunState): string {
  const settled = Object.values(state.results).filter((r) => r.status !== 'pending').length;
  return `${state.tasks ? 'tasks' : 'none'}:${settled}:${state.checkpoints}:${state.phase}`;
}

/** The status an issue takes when its approved run is refused because the approval became void. */
const REFUSED_LABEL = 'maestro:failed';

/**
 * `maestro:approved` promises a run is starting; after a refusal that voids the approval it would
 * stay on the issue, lying. Only that label is replaced: a refused fix iteration leaves
 * `maestro:pr-open` (the PR is still open), and a stray dispatch never gets this far.
 */
async function withdrawApprovedLabel(host: GitHubDeps['host'], issue: number): Promise<boolean> {
  const { labels } = await host.getIssue(issue);
  if (!labels.includes('maestro:approved')) return false;
  await host.setStatus(issue, REFUSED_LABEL);
  return true;
}

function refused(reasons: string[]): RunResult {
  return {
    status: 'refused',
    iterations: 0,
    usage: noUsage,
    summary: ['### Maestro refused to run', '', ...reasons.map((r) => `- ${r}`)].join('\n'),
    reasons,
  };
}
