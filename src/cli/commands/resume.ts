import { Command, Option } from 'commander';
import { GitRepositoryReader } from '../../adapters/git/git-repository-reader.js';
import { SimpleGitWorkspace } from '../../adapters/git/simple-git-workspace.js';
import { defaultCacheDir, fsCacheStore } from '../../adapters/local/fs-cache-store.js';
import { FsSessionStore } from '../../adapters/local/fs-session-store.js';
import { MaestroError } from '../../core/errors.js';
import { secretsFromEnvironment } from '../../core/policy/commit-scan/secrets-from-environment.js';
import { resumeFromCheckpoints } from '../../core/state/resume-from-checkpoints.js';
import type { RunState } from '../../core/state/run-state.js';
import type { SessionStatus } from '../../core/state/session-metadata.js';
import { discover } from '../../discovery/discover.js';
import { describeInstructions, repositoryContextOf } from '../../engine/describe-discovery.js';
import { systemClock } from '../../ports/clock-port.js';
import type { Progress } from '../../ports/progress-port.js';
import type { CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import { openLocalModel } from '../local/build-model.js';
import { loadLocalConfig } from '../local/load-local-config.js';
import { loadSession } from '../local/load-session.js';
import { exitCodeOf, runLocalExecution } from '../local/run-local-execution.js';
import type { TaskViewProgress } from '../terminal/task-view.js';
import { type TerminalOutput, terminalOutput } from '../terminal/terminal-output.js';

/**
 * `maestro resume [SESSION]` (the seed's --continue / --resume): continues an approved session from
 * its last checkpoint. The branch's commit trailers are the truth about what is done — a task
 * whose checkpoint is on the branch is never run again, even if the process died before it could
 * save its state.
 */
export function resumeCommand(ctx: CommandContext): Command {
  return new Command('resume')
    .description('Continue a session from its last checkpoint (default: the newest session)')
    .argument('[session]', 'the session id (see `maestro sessions`)')
    .option('--repo <dir>', 'the git repository', '.')
    .option('--config <file>', 'config file (default: <repo>/.github/maestro.yml)')
    .option('--json', 'print the result (session, status, outcome) as JSON on stdout')
    .option('--no-color', 'no colour in the output (also NO_COLOR=1)')
    .addOption(
      new Option('--replay <file>', 'replay a recorded model session (tests and the demo only)').hideHelp(),
    )
    .action(async (sessionId: string | undefined, options: ResumeOptions) => {
      const output = terminalOutput(ctx.io, options);
      let progress: TaskViewProgress | undefined;
      try {
        const result = await resume(output, sessionId, options, async (onLine) => {
          progress = await output.progress(onLine);
          return progress;
        });
        output.result(result);
        ctx.exit(result.code);
      } finally {
        progress?.close();
      }
    });
}

interface ResumeOptions {
  repo: string;
  config?: string;
  replay?: string;
  json?: boolean;
  color?: boolean;
}

interface ResumeResult {
  code: number;
  session: string;
  status: SessionStatus;
  outcome?: string;
  sessionDir: string;
  report?: string;
}

async function resume(
  output: TerminalOutput,
  sessionId: string | undefined,
  options: ResumeOptions,
  progressFor: (onLine: (line: string) => void) => Promise<Progress>,
): Promise<ResumeResult> {
  const io = output.human;
  const repo = await GitRepositoryReader.open(
    options.repo.startsWith('/') ? options.repo : `${io.cwd}/${options.repo}`,
  );
  const store = new FsSessionStore(repo.root, { secrets: secretsFromEnvironment(io.env) });
  const saved = await loadSession(store, sessionId);
  const id = saved.metadata.session_id;
  if (!saved.approval)
    throw new MaestroError(
      `Session ${id} was never approved; run \`maestro run\` again to plan and approve.`,
    );
  const sessionDir = store.locate(id);
  if (saved.state?.phase === 'done') {
    io.stdout(`[Maestro] Session ${id} is complete; its report is ${sessionDir}/final-report.md\n`);
    return {
      code: EXIT.done,
      session: id,
      status: saved.metadata.status,
      sessionDir,
      report: `${sessionDir}/final-report.md`,
    };
  }
  const { config } = await loadLocalConfig(repo.root, options.config, io);
  const local = await openLocalModel(config, io, options.replay);
  const progress = await progressFor(
    (line) => void store.appendLog(id, `${systemClock.now().toISOString()} ${line}`),
  );
  const state = saved.state ? await reconcile(saved.state, repo.root, progress.step) : undefined;
  if (state) local.ledger.restore(state.usage as never[]);
  progress.step(
    `Resuming session ${id} on ${state?.branch ?? 'a new branch'} from checkpoint ${state?.checkpoints ?? 0}`,
  );
  const discovery = await discover({
    repo,
    cache: fsCacheStore(defaultCacheDir(io.env)),
    issue: { title: saved.metadata.feature_request, body: saved.revision.draft.prd.goal },
    budgetTokens: config.planning.context_budget_tokens,
  });
  const result = await runLocalExecution({
    config,
    metadata: saved.metadata,
    revision: saved.revision,
    approval: saved.approval,
    repo,
    local,
    store,
    clock: systemClock,
    progress,
    env: io.env,
    context: repositoryContextOf(discovery),
    instructions: describeInstructions(discovery.instructions),
    resume: state,
  });
  await output.markdown(result.report);
  const status = (await store.readMetadata(id))?.status ?? saved.metadata.status;
  return {
    code: exitCodeOf(result),
    session: id,
    status,
    outcome: result.outcome.kind,
    sessionDir,
    report: `${sessionDir}/final-report.md`,
  };
}

/** The saved state put right by the branch's checkpoint trailers (what is done is what git holds). */
async function reconcile(state: RunState, root: string, note: (text: string) => void): Promise<RunState> {
  const workspace = await SimpleGitWorkspace.open(root);
  await workspace.checkoutRunBranch(state.branch, state.baseSha);
  const point = resumeFromCheckpoints(state, await workspace.checkpoints(state.session, state.baseSha));
  for (const c of point.found)
    note(`${c.task} is already checkpointed (${c.sha.slice(0, 7)}); not running it again`);
  for (const task of point.lost) note(`${task}'s checkpoint is not on the branch; running it again`);
  return point.state;
}
