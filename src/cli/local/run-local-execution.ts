import { createExecutor } from '../../adapters/executors/index.js';
import { gitCommonDir } from '../../adapters/git/git-dirs.js';
import { SimpleGitWorkspace } from '../../adapters/git/simple-git-workspace.js';
import { requireSandbox } from '../../adapters/sandbox/open-sandbox.js';
import { SpawnShell } from '../../adapters/shell/spawn-shell.js';
import { chains, resolveChainName } from '../../core/chains/chains.js';
import type { MaestroConfig } from '../../core/config/config-schema.js';
import type { Approval } from '../../core/plan/approval.js';
import type { PlanRevision } from '../../core/plan/plan-revision.js';
import { secretsFromEnvironment } from '../../core/policy/commit-scan/secrets-from-environment.js';
import { runBranchName } from '../../core/state/branch-name.js';
import type { RunState } from '../../core/state/run-state.js';
import type { SessionMetadata } from '../../core/state/session-metadata.js';
import { detectGates } from '../../discovery/detect-gates.js';
import { type ExecutionResult, executePlan } from '../../engine/execute-plan.js';
import { newRunState } from '../../engine/github/run-setup.js';
import type { Clock } from '../../ports/clock-port.js';
import type { Progress } from '../../ports/progress-port.js';
import type { RepositoryReader } from '../../ports/repository-port.js';
import type { SessionStore } from '../../ports/session-store-port.js';
import { EXIT, exitCodeForSignal } from '../exit-codes.js';
import type { LocalModel } from './build-model.js';

export interface LocalExecutionInput {
  config: MaestroConfig;
  metadata: SessionMetadata;
  revision: PlanRevision;
  approval: Approval;
  repo: RepositoryReader;
  local: LocalModel;
  store: SessionStore;
  clock: Clock;
  progress: Progress;
  /** Repository context and instructions from discovery, for the task prompts. */
  context: string;
  instructions: string;
  /** The CLI's environment: $HOME and PATH shape the sandbox. */
  env: NodeJS.ProcessEnv;
  /** A saved state to continue from (`maestro resume`). */
  resume?: RunState;
}

/**
 * Phases 2–5 on a local branch: wires the real adapters (git worktrees, the process runner, the
 * configured executor, detected gates) to the engine, and turns SIGINT/SIGTERM into a clean stop
 * that keeps work in progress as a checkpoint.
 */
export type LocalExecutionResult = ExecutionResult & {
  /** The signal that stopped the run, when one did (SIGINT, SIGTERM). */
  signal?: NodeJS.Signals;
};

/** 0 when the run completed, 128 + the signal when one stopped it, else 1 (see exit-codes.ts). */
export function exitCodeOf(result: LocalExecutionResult): number {
  if (result.outcome.kind === 'completed') return EXIT.done;
  return result.signal ? exitCodeForSignal(result.signal) : EXIT.failed;
}

export async function runLocalExecution(input: LocalExecutionInput): Promise<LocalExecutionResult> {
  const { config, store, clock, metadata } = input;
  // The three are independent reads (git's config and remotes, the sandbox probe, the gate
  // detection's file listing), so they run side by side: each costs git or bwrap processes.
  const [opened, sandboxed, detected] = await Promise.allSettled([
    // Opened before any code of the run executes: origin's URL and git's config are fixed here,
    // and the model keys and tokens of this environment may appear in no commit.
    SimpleGitWorkspace.open(input.repo.root, { secrets: secretsFromEnvironment(process.env) }),
    // Gates and the agent's commands run in the sandbox; without one (and no acknowledged
    // `sandbox.mode: off`) this throws with what to install, before the first execution model call.
    gitCommonDir(input.repo.root).then((gitDir) =>
      requireSandbox(config.sandbox, { runner: new SpawnShell(), env: input.env, gitDir }),
    ),
    detectGates(input.repo, config.validation),
  ]);
  if (opened.status === 'rejected' || sandboxed.status === 'rejected' || detected.status === 'rejected') {
    // The first failure in the order they used to run is the one reported; an opened sandbox is closed.
    if (sandboxed.status === 'fulfilled') await sandboxed.value.close();
    throw [opened, sandboxed, detected].find((r) => r.status === 'rejected')!.reason;
  }
  const [workspace, sandbox, gates] = [opened.value, sandboxed.value, detected.value];
  const executor = createExecutor(config.executor, { model: input.local.model, shell: sandbox.shell, clock });

  // A chain that changes no code (review) reads the checkout as it is: no branch is created.
  const chain = resolveChainName(input.revision.chain);
  const changesCode = chain === undefined || chains[chain].changesCode;
  let state = input.resume;
  if (!state) {
    const branch = changesCode
      ? runBranchName(metadata.feature_request, { suffix: metadata.session_id.slice(-4) })
      : '';
    state = newRunState(metadata.session_id, branch, await workspace.head(), clock);
  }
  if (state.branch !== '') await workspace.checkoutRunBranch(state.branch, state.baseSha);
  input.progress.step(
    `${state.branch ? `Branch ${state.branch}` : 'Read-only: no branch'}; gates: ${gates.map((g) => `${g.name} (${g.argv.join(' ')})`).join(', ') || 'none detected'}`,
  );
  await store.writeMetadata({
    ...metadata,
    status: 'implementing',
    current_phase: 'implementation',
    git_context: { ...metadata.git_context, branch: state.branch },
    updated_time: clock.now().toISOString(),
  });

  const controller = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    stoppedBy = signal;
    input.progress.warn(
      `${signal} received: finishing the current step and keeping work in progress as a checkpoint...`,
    );
    controller.abort(new Error(signal));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const result = await executePlan(
      {
        state,
        revision: input.revision,
        approval: input.approval,
        issue: { title: metadata.feature_request },
        context: input.context,
        repositoryInstructions: input.instructions,
        resumeHint: `run \`maestro resume ${metadata.session_id}\` to continue from the last checkpoint`,
      },
      {
        model: input.local.model,
        ledger: input.local.ledger,
        workspace,
        sandbox,
        executor,
        config,
        progress: input.progress,
        clock,
        store,
        gates,
        repo: input.repo,
        signal: controller.signal,
      },
    );
    const status =
      result.outcome.kind === 'completed'
        ? 'completed'
        : result.outcome.kind === 'stopped' && result.outcome.reason === 'cancelled'
          ? 'cancelled'
          : result.outcome.kind === 'stopped'
            ? 'failed'
            : 'completed';
    const done = Object.values(result.state.results).filter((r) => r.status === 'done').length;
    const total = (result.state.tasks?.epics ?? []).reduce((n, e) => n + e.tasks.length, 0);
    await store.writeMetadata({
      ...metadata,
      status,
      current_phase: 'handoff',
      git_context: { ...metadata.git_context, branch: state.branch },
      updated_time: clock.now().toISOString(),
      statistics: {
        tasks_completed: done,
        tasks_remaining: Math.max(0, total - done),
        checkpoints_created: result.state.checkpoints,
        errors_recovered: Object.values(result.state.recoveries).reduce((a, b) => a + b, 0),
      },
    });
    return { ...result, signal: stoppedBy };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await sandbox.close();
  }
}
