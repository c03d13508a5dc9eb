import { Command, Option } from 'commander';
import { gitCommonDir, gitHead, uncommittedChanges } from '../../adapters/git/git-dirs.js';
import { GitRepositoryReader } from '../../adapters/git/git-repository-reader.js';
import { AnalysisPool } from '../../adapters/local/analysis-pool.js';
import { defaultCacheDir, fsCacheStore } from '../../adapters/local/fs-cache-store.js';
import { FsSessionStore } from '../../adapters/local/fs-session-store.js';
import { requireSandbox } from '../../adapters/sandbox/open-sandbox.js';
import { SpawnShell } from '../../adapters/shell/spawn-shell.js';
import { classifyIntent } from '../../core/chains/classify-intent.js';
import type { MaestroConfig } from '../../core/config/config-schema.js';
import { ValidationError } from '../../core/errors.js';
import { secretsFromEnvironment } from '../../core/policy/commit-scan/secrets-from-environment.js';
import { inProcessAnalyser } from '../../discovery/analyse-file.js';
import { systemClock } from '../../ports/clock-port.js';
import type { CommandContext } from '../command-context.js';
import { UsageError } from '../exit-codes.js';
import { openLocalModel } from '../local/build-model.js';
import { loadLocalConfig } from '../local/load-local-config.js';
import { issueFromRequest, readIssueFile } from '../local/read-issue.js';
import type { TaskViewProgress } from '../terminal/task-view.js';
import { terminalOutput } from '../terminal/terminal-output.js';

export interface RunOptions {
  issueFile?: string;
  repo?: string;
  chain?: string;
  yes?: boolean;
  dryRun?: boolean;
  config?: string;
  replay?: string;
  json?: boolean;
  /** commander's `--no-color`: false when given. */
  color?: boolean;
}

/** `maestro run "<request>" | --issue-file F [--repo DIR] [--chain NAME] [-y] [--dry-run]` (product.md §7). */
export function runCommand(ctx: CommandContext): Command {
  return new Command('run')
    .description(
      'Plan an issue (phase 1: discovery, questions, decisions, PRD, task preview), then ask for approval',
    )
    .argument('[request]', 'the request, e.g. "Add a --json flag to the report command"')
    .option('--issue-file <file>', 'read the issue from a markdown file (first heading = title)')
    .option('--repo <dir>', 'the git repository to work on', '.')
    .option('--chain <name>', 'force a chain: feature, fix, test, refactor, review, release')
    .option('-y, --yes', 'take every default answer and approve without asking')
    .option('--dry-run', 'show the chain and the plan, execute nothing')
    .option('--config <file>', 'config file (default: <repo>/.github/maestro.yml)')
    .option('--json', 'print the result (session, status, revision, outcome) as JSON on stdout')
    .option('--no-color', 'no colour in the output (also NO_COLOR=1)')
    .addOption(
      new Option('--replay <file>', 'replay a recorded model session (tests and the demo only)').hideHelp(),
    )
    .action(async (request: string | undefined, options: RunOptions) => {
      ctx.exit(await runAction(ctx, request, options));
    });
}

export async function runAction(
  ctx: CommandContext,
  request: string | undefined,
  options: RunOptions,
): Promise<number> {
  const output = terminalOutput(ctx.io, options);
  const io = output.human;
  // Discovery, the engine and the executors are most of what `run` loads (~1.5 s of a loaded
  // machine): they load while the checks below wait on git and bwrap, and a refused command line
  // or repository is reported without waiting for them.
  const planning = import('../local/run-local-planning.js');
  planning.catch(() => undefined);
  // Everything that can be checked is checked before a session exists or a model is called:
  // the command line (E002: an unknown chain lists the valid ones), the terminal, the repository.
  if (options.chain !== undefined) classifyIntent({ override: options.chain, labels: [], title: '' });
  if (Boolean(request?.trim()) === Boolean(options.issueFile)) {
    throw new UsageError(
      'maestro run: give either a request in quotes or --issue-file FILE (one of the two)',
    );
  }
  if (!options.yes && !io.readLine) {
    throw new UsageError(
      'no terminal to answer questions: use -y (take the defaults and approve) or answer in the issue file',
    );
  }
  const repo = await GitRepositoryReader.open(options.repo ? resolveDir(io.cwd, options.repo) : io.cwd);
  const head = await gitHead(repo.root);
  if (!options.dryRun && !head.head) {
    throw new ValidationError(
      repo.root,
      'has no commits yet, and a run works on a branch from HEAD; commit something first (git commit --allow-empty -m init), or plan only with --dry-run',
    );
  }
  const { config, source } = await loadLocalConfig(repo.root, options.config, io);
  const snapshot = options.issueFile
    ? await readIssueFile(options.issueFile, io.cwd)
    : issueFromRequest(request ?? '');
  if (!snapshot.title.trim())
    throw new ValidationError(
      'maestro run',
      'the issue has no title; write at least one line saying what should change',
    );

  // Execution switches to a new branch, so refuse a dirty checkout now — before any model call.
  if (!options.dryRun) {
    const dirty = await uncommittedChanges(repo.root);
    if (dirty.length > 0) {
      throw new ValidationError(
        repo.root,
        `has uncommitted changes (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', …' : ''}); commit or stash them first, or plan only with --dry-run`,
      );
    }
  }
  // The model is checked first: a missing key is reported before any work is done.
  const local = await openLocalModel(config, io, options.replay);
  // A run that will execute needs a sandbox for the gates and the agent's commands: checked now,
  // before the first model call, so a missing bubblewrap costs nothing.
  if (!options.dryRun) await checkSandbox(config, repo.root, io.env);

  const store = new FsSessionStore(repo.root, { secrets: secretsFromEnvironment(io.env) });
  await FsSessionStore.excludeFromGit(await gitCommonDir(repo.root));
  let progress: TaskViewProgress | undefined;
  // Discovery's cold analysis on worker threads (started only for a large uncached tree).
  const analyser = new AnalysisPool(inProcessAnalyser, { warn: (m) => io.stderr(`[Maestro] ${m}\n`) });
  const { runLocalPlanning } = await planning;
  const result = await runLocalPlanning({
    io,
    snapshot,
    chainOverride: options.chain,
    yes: Boolean(options.yes),
    dryRun: Boolean(options.dryRun),
    config,
    configSource: source,
    repo,
    head,
    cache: fsCacheStore(defaultCacheDir(io.env)),
    analyser,
    local,
    store,
    clock: systemClock,
    progressFor: async (onLine) => {
      progress = await output.progress(onLine);
      return progress;
    },
    show: (markdown) => output.markdown(markdown),
  }).finally(async () => {
    await progress?.close();
    await analyser.close();
  });
  output.result(result);
  return result.code;
}

/** Opens and closes the configured sandbox once; throws with the fix when it cannot be made. */
async function checkSandbox(config: MaestroConfig, root: string, env: NodeJS.ProcessEnv): Promise<void> {
  const sandbox = await requireSandbox(config.sandbox, {
    runner: new SpawnShell(),
    env,
    gitDir: await gitCommonDir(root),
  });
  await sandbox.close();
}

function resolveDir(cwd: string, dir: string): string {
  return dir.startsWith('/') ? dir : `${cwd}/${dir}`;
}
