import type { MaestroConfig } from '../../core/config/config-schema.js';
import type { UsageLedger } from '../../core/usage/usage-ledger.js';
import type { CacheStore } from '../../ports/cache-port.js';
import type { Clock } from '../../ports/clock-port.js';
import type { Executor } from '../../ports/executor-port.js';
import type { GitWorkspace } from '../../ports/git-workspace-port.js';
import type { IssueHost } from '../../ports/issue-host-port.js';
import type { Logger } from '../../ports/logger-port.js';
import type { ModelPort } from '../../ports/model-port.js';
import type { RepositoryReader } from '../../ports/repository-port.js';
import type { Sandbox } from '../../ports/sandbox-port.js';
import type { SessionStore } from '../../ports/session-store-port.js';

export interface OpenedModel {
  model: ModelPort;
  ledger: UsageLedger;
  /** `anthropic · claude-…`, shown in comments. */
  label: string;
}

/** What every GitHub use case needs; the App and the Action each build one. */
export interface GitHubDeps {
  host: IssueHost;
  clock: Clock;
  logger: Logger;
  /**
   * Where this code runs. The App plans (unless `planning.runs_in: action`) and dispatches
   * execution; the Action does both itself.
   */
  role: 'app' | 'action';
  /**
   * The model, opened only after the repository's config is known and the sender is authorised
   * (no model call before a permission check). Throws a ModelError/ConfigError when a key is missing.
   */
  openModel(config: MaestroConfig): Promise<OpenedModel>;
  /** A read-only checkout of the default branch for discovery (App: shallow clone; Action: the workspace). */
  checkout(): Promise<RepositoryReader>;
  cache: CacheStore;
  /**
   * The repository's config file, read from the default branch: the Action's `config-path` input;
   * `.github/maestro.yml` (DEFAULT_CONFIG_PATH) when absent, as for the App.
   */
  configPath?: string;
  /** The workflow the App dispatches (`maestro.yml` unless configured). */
  workflow?: string;
  /**
   * The App dispatches every planning round, whatever `planning.runs_in` says: it runs where
   * nothing may outlive a webhook's response (app/serverless.ts).
   */
  dispatchPlanning?: boolean;
  /** This workflow run, when running in the Action (tracking comment link, cancellation). */
  run?: { id: number; url: string };
}

/** What an execution additionally needs: the working tree, processes and the coding agent. */
export interface ExecutionDeps {
  workspace: GitWorkspace;
  /**
   * The sandbox for gates and the agent's commands, from `sandbox` in the config; throws (with what
   * to do) when none can be made. Called before the first model call.
   */
  openSandbox(config: MaestroConfig): Promise<Sandbox>;
  executorFor(config: MaestroConfig, model: ModelPort, sandbox: Sandbox): Executor;
  store: SessionStore;
  /** The run's secret values: removed from CI output before a model sees it (and from all outbound text). */
  secrets?: readonly string[];
  /** The runner's cancellation (SIGINT/SIGTERM): the run checkpoints and stops. */
  signal: AbortSignal;
  /** True when pushes use the default `GITHUB_TOKEN` (GitHub runs no workflows for them). */
  defaultToken: boolean;
  /** Stop after verifying the approval and printing what would run. */
  dryRun?: boolean;
  /**
   * This machine's working directories (the runner's temp with the task worktrees, the checkout):
   * progress lines in the tracking comment show paths relative to them, not the runner's.
   */
  localRoots?: readonly string[];
}

/** How one execution ended, for the Action's outputs and job summary. */
export interface RunResult {
  /**
   * `reviewed`: a chain that changes no code posted its report on the issue. `skipped`: the run
   * had nothing to do and changed nothing (`skipped` says why); the step still succeeds.
   */
  status: 'pr-open' | 'reviewed' | 'failed' | 'cancelled' | 'refused' | 'dry-run' | 'skipped';
  /** `branch-moved`: a CI fix found its checkpoint was no longer the branch's head (branch-moved.ts). */
  skipped?: 'branch-moved';
  branch?: string;
  pr?: { number: number; url: string };
  iterations: number;
  usage: { inputTokens: number; outputTokens: number; costUsd: number };
  /**
   * What planning this issue cost, from the plan's record (every round, in whichever job it ran),
   * for a total beside `usage`, which counts only this execution. Absent when no plan was verified.
   */
  planning?: { tokens: number; usd: number };
  /** The final report (PR body) or the refusal, as markdown. */
  summary: string;
  /** Why the run was refused or failed, one line each. */
  reasons: string[];
}
