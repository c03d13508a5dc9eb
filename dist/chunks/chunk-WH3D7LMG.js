import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  globProblem
} from "./chunk-MX6WFV4Q.js";
import {
  external_exports
} from "./chunk-37637WGZ.js";

// src/core/config/sections/budget.ts
var budgetSchema = external_exports.object({
  /** The most a run may spend on model calls, in USD. */
  max_cost_usd: external_exports.number().positive().default(10).describe("The most a run may spend on model calls, in USD."),
  /** The most model tokens (input + output) a run may use. */
  max_tokens: external_exports.number().int().positive().default(2e6).describe("The most model tokens (input + output) a run may use."),
  /** The longest a run may take, in minutes. */
  max_wall_minutes: external_exports.number().int().positive().default(60).describe("The longest a run may take, in minutes."),
  /** The most files one pull request may change. */
  max_files_changed: external_exports.number().int().positive().default(50).describe("The most files one pull request may change.")
}).strict().describe("Caps per run; near a cap Maestro checkpoints and reports instead of being cut off.");

// src/core/config/sections/argv.ts
var argvSchema = external_exports.array(external_exports.string().min(1)).min(1).describe("A program and its arguments, run without a shell.");

// src/core/config/sections/chains.ts
var globSchema = external_exports.string().min(1).superRefine((glob, ctx) => {
  const problem = globProblem(glob);
  if (problem !== void 0) ctx.addIssue({ code: "custom", message: `\`${glob}\` ${problem}` });
});
var chainsSchema = external_exports.object({
  /** The `test` chain. */
  test: external_exports.object({
    /** Globs of the files the test chain (and the fix chain's reproducing test) may write. */
    paths: external_exports.array(globSchema).min(1).optional().describe(
      'Globs of the files the `test` chain and the `fix` chain\'s reproducing test may write (e.g. ["test/**", "**/*.test.ts"]). Absent: detected from the repository\'s test directories and file names.'
    ),
    /** The command that prints total coverage; absent: detected (a `coverage` script, …). */
    coverage: argvSchema.optional().describe(
      "The command that prints the total coverage, as an argv array; run before and after the `test` chain. Absent: a package.json script `coverage`/`test:coverage`, a Makefile target `coverage`, or pytest-cov."
    )
  }).strict().prefault({}).describe("The `test` chain: which files it may write and how coverage is measured.")
}).strict().describe("What the chains other than `feature` need to know about the repository.");

// src/core/config/sections/ci.ts
var ciSchema = external_exports.object({
  /** Fix iterations Maestro runs on its PR when its checks fail (0 turns the loop off). */
  max_fix_iterations: external_exports.number().int().min(0).max(10).default(2).describe(
    "CI fix iterations per pull request: when the checks on Maestro's last checkpoint fail, Maestro runs one iteration with what failed (check names, annotations, the failed jobs' log excerpts) and pushes a new checkpoint, at most this many times; then it stops and says so. 0 turns the loop off."
  ),
  /** Answer a writer's inline review comments in one iteration, with a reply in each thread. */
  review_threads: external_exports.boolean().default(true).describe(
    "A writer's review with inline comments on Maestro's PR becomes one fix iteration addressing all of them, with a reply in each comment's thread (never resolving it)."
  )
}).strict().describe("What Maestro does on its pull request after it opens: CI failures and review threads.");

// src/core/config/sections/decision-engine.ts
var decisionEngineSchema = external_exports.object({
  /** Prefer libraries and patterns already in the repository over new ones. */
  prefer_existing: external_exports.boolean().default(true).describe("Prefer libraries and patterns already in the repository over new ones."),
  /** 0..1; a dependency scoring below this is not proposed. */
  maturity_threshold: external_exports.number().min(0).max(1).default(0.7).describe("A new dependency scoring below this maturity (0..1) is not proposed."),
  /** 0..1; below this the plan asks a question instead of assuming. */
  confidence_threshold: external_exports.number().min(0).max(1).default(0.6).describe(
    "A decision with lower confidence (0..1) becomes a question in the plan instead of an assumption."
  )
}).strict().describe("How technical decisions are made.");

// src/core/config/sections/error-recovery.ts
var errorRecoverySchema = external_exports.object({
  /** How many times a failed task is retried. */
  max_retry_attempts: external_exports.number().int().min(0).max(10).default(3).describe("How many times a failed task is retried."),
  /** Each retry waits this many times longer than the one before. */
  backoff_multiplier: external_exports.number().min(1).max(10).default(2).describe("Each retry waits this many times longer than the one before."),
  /** Roll back to the last checkpoint when a task cannot be repaired. */
  enable_rollback: external_exports.boolean().default(true).describe("Roll back to the last checkpoint when a task cannot be repaired."),
  /** Stop and ask on the issue when requirements are ambiguous, instead of deciding and recording why. */
  request_human_on_ambiguous: external_exports.boolean().default(false).describe(
    "Stop and ask on the issue when requirements are ambiguous, instead of deciding and recording why."
  )
}).strict().describe("What happens when a task fails.");

// src/core/config/sections/executor.ts
var executorKinds = ["builtin", "command"];
var executorSchema = external_exports.object({
  /** `builtin` uses Maestro's own agent loop; `command` runs any CLI agent per task. */
  kind: external_exports.enum(executorKinds).default("builtin").describe("`builtin` uses Maestro's own agent loop; `command` runs any CLI agent for each task."),
  /** The agent's argv when `kind` is `command`; the task prompt is given on stdin. */
  command: argvSchema.optional().describe(
    'The argv of the CLI agent, required when `kind` is `command` (e.g. ["claude", "-p"]); the task prompt is given on stdin. Runs without a shell.'
  ),
  /** The most model turns one task may take with the builtin executor. */
  max_turns: external_exports.number().int().min(1).max(500).default(60).describe("The most model turns one task may take with the builtin executor.")
}).strict().superRefine((executor, ctx) => {
  if (executor.kind === "command" && executor.command === void 0) {
    ctx.addIssue({
      code: "custom",
      path: ["command"],
      message: 'is required when `executor.kind` is `command`: give the agent\'s argv, e.g. command: ["claude", "-p"]'
    });
  }
}).describe("What carries out each task.");

// src/core/config/sections/github.ts
var githubSchema = external_exports.object({
  /** The workflow the App dispatches to plan (with `planning.runs_in: action`) and to execute. */
  workflow: external_exports.string().regex(/^[A-Za-z0-9_.-]+\.ya?ml$/, "a workflow file name in .github/workflows, e.g. maestro.yml").default("maestro.yml").describe(
    "The workflow file in .github/workflows the App dispatches to plan (with `planning.runs_in: action`) and to execute."
  )
}).strict().describe("How the App hands work to the Action.");

// src/core/config/sections/logging.ts
var loggingSchema = external_exports.object({
  /** The least severe level that is logged. */
  level: external_exports.enum(["debug", "info", "warn", "error"]).default("info").describe("The least severe level that is logged."),
  /** Log why each decision was made. */
  include_rationale: external_exports.boolean().default(true).describe("Log why each decision was made."),
  /** Also write the log to a file in the run's state directory. */
  log_to_file: external_exports.boolean().default(true).describe("Also write the log to a file in the run's state directory.")
}).strict().describe("What is logged.");

// src/core/config/sections/model.ts
var modelProviders = ["anthropic", "openai", "openai-compatible"];
var modelPriceSchema = external_exports.object({
  /** USD per million input tokens. */
  input_per_mtok: external_exports.number().min(0).describe("USD per million input tokens."),
  /** USD per million output tokens. */
  output_per_mtok: external_exports.number().min(0).describe("USD per million output tokens."),
  /** USD per million input tokens read from the prompt cache. */
  cached_input_per_mtok: external_exports.number().min(0).optional().describe("USD per million input tokens read from the prompt cache."),
  /** USD per million tokens written to the prompt cache. */
  cache_write_per_mtok: external_exports.number().min(0).optional().describe("USD per million tokens written to the prompt cache.")
}).strict().describe("USD per million tokens for one model.");
var modelSchema = external_exports.object({
  /** Which API the models are called through. */
  provider: external_exports.enum(modelProviders).default("anthropic").describe("Which API the models are called through."),
  /** The model id that writes the PRD and the task plan. */
  planner: external_exports.string().min(1).default("claude-sonnet-4-5").describe("The model id that writes the PRD and the task plan."),
  /** The model id that carries out the tasks (with the builtin executor). */
  executor: external_exports.string().min(1).default("claude-sonnet-4-5").describe("The model id that carries out the tasks (with the builtin executor)."),
  /** The API's base URL, for `openai-compatible` providers or a proxy. */
  base_url: external_exports.url({ protocol: /^https?$/ }).optional().describe("The API's base URL (http or https), for `openai-compatible` providers or a proxy."),
  /** The NAME of the environment variable holding the API key — never the key itself. */
  api_key_env: external_exports.string().regex(/^[A-Z][A-Z0-9_]*_API_KEY$/, {
    message: "must be the NAME of an environment variable ending in _API_KEY (capital letters, digits and _, e.g. MAESTRO_API_KEY), never the key itself"
  }).optional().describe(
    "The NAME of the environment variable holding the API key (e.g. ANTHROPIC_API_KEY), never the key itself. Defaults to the provider's usual variable."
  ),
  /** How many times a rate-limited or failed model call is retried. */
  max_retries: external_exports.number().int().min(0).max(10).default(4).describe("How many times a rate-limited or failed model call is retried."),
  /** The longest wait for a retry; a provider asking for longer fails the run with a resumable error. */
  max_retry_wait_seconds: external_exports.number().int().min(0).default(120).describe(
    "The longest wait before a retry, in seconds; when the provider asks for a longer wait the run stops with an error that `maestro resume` can continue from."
  ),
  /** Prices per model id, overriding or adding to the built-in price table. */
  prices: external_exports.record(external_exports.string().min(1), modelPriceSchema).default({}).describe(
    "Prices in USD per million tokens by model id, adding to or overriding the built-in table; used for the cost budget and the report."
  )
}).strict().describe("Which language models plan and execute.");

// src/core/config/sections/orchestrator.ts
var checkpointFrequencySchema = external_exports.enum(["task", "group", "phase"]);
var checkpointFrequencyAliases = {
  phase_complete: "phase"
};
var orchestratorSchema = external_exports.object({
  /** How many validate → fix rounds a run may take before it stops and reports. */
  max_iterations: external_exports.number().int().min(1).max(10).default(3).describe("How many validate → fix rounds a run may take before it stops and reports."),
  /** Seconds one task may run before it is stopped. */
  max_task_duration: external_exports.number().int().min(1).default(1800).describe("Seconds one task may run before it is stopped."),
  /** When progress is committed as a checkpoint; `phase_complete` is accepted as an alias of `phase`. */
  checkpoint_frequency: external_exports.preprocess(
    (value) => typeof value === "string" ? checkpointFrequencyAliases[value] ?? value : value,
    checkpointFrequencySchema
  ).prefault("task").describe(
    "When progress is committed as a checkpoint: after every task, every parallel group or every phase. `phase_complete` (the seed's spelling) is accepted as an alias of `phase`."
  ),
  /** Whether independent tasks of a group run at the same time. */
  parallel_execution: external_exports.boolean().default(true).describe("Whether independent tasks of a group run at the same time."),
  /** The most tasks that run at the same time when `parallel_execution` is on. */
  max_parallel: external_exports.number().int().min(1).max(16).default(3).describe("The most tasks that run at the same time when `parallel_execution` is on."),
  /** After this many tasks the executor's view of the repository is refreshed. */
  context_refresh_interval: external_exports.number().int().min(1).default(5).describe("After this many tasks the executor's view of the repository is refreshed.")
}).strict().describe("How a run is driven: iterations, checkpoints and parallelism.");

// src/core/config/sections/paths.ts
var workflowEditsAcknowledgement = "i_understand_workflow_edits_run_with_repository_secrets";
var unprotectedPathsAcknowledgement = "i_understand_unprotected_paths_let_the_agent_edit_ci_and_agent_config";
var defaultProtectedPaths = [
  ".github/workflows/**",
  ".github/actions/**",
  "AGENTS.md",
  "CLAUDE.md",
  ".claude/**",
  ".cursor/**",
  ".vscode/**",
  ".husky/**",
  ".github/maestro.yml",
  ".github/CODEOWNERS",
  "CODEOWNERS",
  "docs/CODEOWNERS",
  ".gitattributes",
  ".gitmodules",
  "**/.npmrc",
  "**/.yarnrc.yml"
];
var protectedGlobSchema = external_exports.string().min(1).superRefine((glob, ctx) => {
  const problem = globProblem(glob);
  if (problem !== void 0) ctx.addIssue({ code: "custom", message: `\`${glob}\` ${problem}` });
});
var pathsSchema = external_exports.object({
  /** Globs Maestro never edits: CI, agent instructions, editor and package-manager settings. */
  protected: external_exports.array(protectedGlobSchema).default(defaultProtectedPaths).describe(
    `Globs of files Maestro never edits: CI workflows, Git and agent configuration, editor and package-manager settings. Globs are relative to the repository root, match dotfiles, and support \`**\`, \`*\`, \`?\`, \`{a,b}\` and \`[ab]\`; a glob that cannot be read, starts with \`!\`, is absolute or contains \`..\` is a config error. Setting this replaces the default list; an empty list needs \`${unprotectedPathsAcknowledgement}: true\`.`
  ),
  /** Let Maestro edit `.github/workflows/**`; needs the acknowledgement key alongside. */
  allow_workflow_edits: external_exports.boolean().default(false).describe(
    `Let Maestro edit \`.github/workflows/**\`. Only accepted together with \`${workflowEditsAcknowledgement}: true\`.`
  ),
  /** The explicit acknowledgement that `allow_workflow_edits: true` requires. */
  [workflowEditsAcknowledgement]: external_exports.boolean().default(false).describe(
    "The explicit acknowledgement `allow_workflow_edits: true` requires: an edited workflow runs with the repository's secrets."
  ),
  /** The explicit acknowledgement that `protected: []` requires. */
  [unprotectedPathsAcknowledgement]: external_exports.boolean().default(false).describe(
    "The explicit acknowledgement `protected: []` requires: with no protected paths the agent can edit CI workflows, CODEOWNERS, hooks and its own configuration."
  )
}).strict().superRefine((paths, ctx) => {
  if (paths.allow_workflow_edits && !paths[workflowEditsAcknowledgement]) {
    ctx.addIssue({
      code: "custom",
      path: ["allow_workflow_edits"],
      message: `is unsafe: an edited workflow runs with the repository's secrets. To allow it anyway, add \`${workflowEditsAcknowledgement}: true\` to the \`paths\` section`
    });
  }
  if (paths.protected.length === 0 && !paths[unprotectedPathsAcknowledgement]) {
    ctx.addIssue({
      code: "custom",
      path: ["protected"],
      message: `is empty, which is unsafe: the agent could then edit CI workflows, CODEOWNERS, Git hooks and its own configuration. List the paths to protect, or, to allow it anyway, add \`${unprotectedPathsAcknowledgement}: true\` to the \`paths\` section`
    });
  }
}).describe("Files Maestro must not touch.");

// src/core/config/sections/planning.ts
var planningSchema = external_exports.object({
  /** Where the plan is written: in the GitHub App or in the Action's workflow run. */
  runs_in: external_exports.enum(["app", "action"]).default("app").describe("Where the plan is written: in the GitHub App, or in the Action's workflow run."),
  /** Tokens of repository context given to the planner. */
  context_budget_tokens: external_exports.number().int().min(2e3).max(2e5).default(27e3).describe("Tokens of repository context given to the planner.")
}).strict().describe("How the plan is made.");

// src/core/config/sections/pull-request.ts
var pullRequestSchema = external_exports.object({
  /** `auto` opens a draft while gates fail and a ready PR when they pass. */
  draft: external_exports.enum(["auto", "always", "never"]).default("auto").describe("`auto` opens a draft pull request when a gate fails and a ready one when all pass."),
  /** Request a review from whoever approved the plan. */
  request_review_from_approver: external_exports.boolean().default(true).describe("Request a review from whoever approved the plan.")
}).strict().describe("How the pull request is opened.");

// src/core/config/sections/sandbox.ts
var sandboxOffAcknowledgement = "i_understand_untrusted_code_runs_with_my_secrets";
var sandboxModes = ["auto", "bubblewrap", "off"];
var hostPattern = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?::\d{1,5})?$/i;
var sandboxNetworkSchema = external_exports.union([
  external_exports.literal("none"),
  external_exports.object({
    /** Host names reachable through Maestro's filtering proxy (`*.example.com` for subdomains). */
    allow: external_exports.array(
      external_exports.string().regex(hostPattern, {
        message: "must be a host name such as registry.npmjs.org or *.pythonhosted.org, optionally with :port (no scheme or path)"
      })
    ).min(1).describe(
      'Host names the sandboxed processes may reach over HTTP(S) through a filtering proxy, e.g. ["registry.npmjs.org"]; `*.example.com` also allows its subdomains; ports 80 and 443 unless one is given (`host:8080`).'
    )
  }).strict()
]).describe(
  "`none` (no network at all), or `{ allow: [hosts] }` for gates that need a package registry: HTTP(S) to those hosts only, through a proxy Maestro runs outside the sandbox."
);
var sandboxSchema = external_exports.object({
  /** `auto` uses bubblewrap on Linux and refuses elsewhere; `off` needs the acknowledgement key. */
  mode: external_exports.enum(sandboxModes).default("auto").describe(
    "`auto` (bubblewrap on Linux; elsewhere Maestro refuses to run untrusted code), `bubblewrap`, or `off` (runs gates and agent commands with your secrets in reach: only with the acknowledgement key)."
  ),
  /** Network for every sandboxed process. */
  network: sandboxNetworkSchema.default("none"),
  /** More paths to hide inside the sandbox (e.g. a self-hosted runner's credential directory). */
  hide: external_exports.array(external_exports.string().startsWith("/", { message: "must be an absolute path" })).default([]).describe(
    "Absolute paths hidden from sandboxed processes on top of the defaults ($HOME, /run, the runner's temp directory), e.g. a self-hosted runner's credential directory."
  ),
  /** The explicit acknowledgement that `mode: off` requires. */
  [sandboxOffAcknowledgement]: external_exports.boolean().default(false).describe(
    "The explicit acknowledgement `mode: off` requires: without a sandbox, test code the model wrote can read Maestro's tokens and keys from /proc and rewrite .git/config."
  )
}).strict().superRefine((sandbox, ctx) => {
  if (sandbox.mode === "off" && !sandbox[sandboxOffAcknowledgement]) {
    ctx.addIssue({
      code: "custom",
      path: ["mode"],
      message: `is unsafe: without a sandbox, code the model wrote runs next to your tokens and keys. To allow it anyway, add \`${sandboxOffAcknowledgement}: true\` to the \`sandbox\` section`
    });
  }
}).describe(
  "Where gates, agent commands and CLI agents run: a sandbox with its own PID namespace, no network, only the worktree writable."
);

// src/core/config/sections/trigger.ts
var approverLevels = ["write", "maintain", "admin"];
var triggerSchema = external_exports.object({
  /** The issue label that starts Maestro. */
  label: external_exports.string().min(1).default("maestro").describe("The issue label that starts Maestro."),
  /** The lowest repository permission whose `/maestro approve` counts; higher levels count too. */
  approvers: external_exports.enum(approverLevels).default("write").describe("The lowest repository permission whose `/maestro approve` counts; higher levels count too.")
}).strict().describe("What starts a run and who may approve its plan.");

// src/core/config/sections/validation.ts
var qualityGates = ["test", "lint", "typecheck", "build", "security"];
var qualityGateSchema = external_exports.enum(qualityGates);
var shellSyntax = /[|&;<>()$`"'\\\n]/;
var gateCommandSchema = external_exports.union([
  argvSchema,
  external_exports.string().trim().min(1).refine((text) => !shellSyntax.test(text), {
    message: 'is split on whitespace and run without a shell, so quotes, pipes, `&&`, `;`, redirects and `$VARS` do not work: give an argv array (e.g. ["npm", "test"]) or put the pipeline in a script'
  }).transform((text) => text.split(/\s+/))
]).describe(
  'An argv array (["npm", "run", "lint"]) or a single string split on whitespace ("npm run lint"). Nothing runs through a shell: no quoting, pipes, `&&`, redirects or `$VARS`.'
);
var validationSchema = external_exports.object({
  /** Run the repository's tests after each task. */
  run_tests: external_exports.boolean().default(true).describe("Run the repository's tests after each task."),
  /** Check the finished work against the plan's requirements (PRD). */
  validate_prd: external_exports.boolean().default(true).describe("Check the finished work against the plan's requirements (PRD)."),
  /** The gates that must pass before the pull request is marked ready. */
  quality_gates: external_exports.array(qualityGateSchema).default(["test", "lint", "typecheck"]).describe("The gates that must pass before the pull request is marked ready."),
  /** The command per gate; a gate not listed is detected from the repository (package.json scripts, …). */
  commands: external_exports.partialRecord(qualityGateSchema, gateCommandSchema).prefault({}).describe(
    "The command for each gate, as an argv array or a string split on whitespace (no shell syntax). A gate not listed here is detected from the repository (package.json scripts, Makefile, …)."
  ),
  /** A failing gate fails the run (otherwise it is only reported). */
  fail_on_gate_violation: external_exports.boolean().default(true).describe("A failing gate fails the run; when false it is only reported."),
  /** Seconds one gate command may run before it is stopped and counted as failed. */
  gate_timeout_seconds: external_exports.number().int().min(1).default(600).describe("Seconds one gate command may run before it is stopped and counted as failed.")
}).strict().describe("The checks a change must pass.");

// src/core/config/config-schema.ts
var configSchema = external_exports.object({
  /** What starts a run and who may approve its plan. */
  trigger: triggerSchema.prefault({}),
  /** How a run is driven. */
  orchestrator: orchestratorSchema.prefault({}),
  /** How technical decisions are made. */
  decision_engine: decisionEngineSchema.prefault({}),
  /** What happens when a task fails. */
  error_recovery: errorRecoverySchema.prefault({}),
  /** The checks a change must pass. */
  validation: validationSchema.prefault({}),
  /** What the chains other than `feature` need to know. */
  chains: chainsSchema.prefault({}),
  /** Which language models plan and execute. */
  model: modelSchema.prefault({}),
  /** What carries out each task. */
  executor: executorSchema.prefault({}),
  /** Caps per run. */
  budget: budgetSchema.prefault({}),
  /** How the pull request is opened. */
  pull_request: pullRequestSchema.prefault({}),
  /** What happens on the pull request after it opens. */
  ci: ciSchema.prefault({}),
  /** Files Maestro must not touch. */
  paths: pathsSchema.prefault({}),
  /** Where untrusted code runs. */
  sandbox: sandboxSchema.prefault({}),
  /** How the plan is made. */
  planning: planningSchema.prefault({}),
  /** How the App hands work to the Action. */
  github: githubSchema.prefault({}),
  /** What is logged. */
  logging: loggingSchema.prefault({})
}).strict().describe(
  "Maestro configuration (.github/maestro.yml). Every key is optional; omitted keys take their defaults."
);
function defaultConfig() {
  return configSchema.parse({});
}

export {
  budgetSchema,
  argvSchema,
  chainsSchema,
  ciSchema,
  decisionEngineSchema,
  errorRecoverySchema,
  executorKinds,
  executorSchema,
  githubSchema,
  loggingSchema,
  modelProviders,
  modelPriceSchema,
  modelSchema,
  checkpointFrequencySchema,
  checkpointFrequencyAliases,
  orchestratorSchema,
  workflowEditsAcknowledgement,
  defaultProtectedPaths,
  pathsSchema,
  planningSchema,
  pullRequestSchema,
  sandboxOffAcknowledgement,
  sandboxModes,
  sandboxSchema,
  approverLevels,
  triggerSchema,
  qualityGates,
  qualityGateSchema,
  gateCommandSchema,
  validationSchema,
  configSchema,
  defaultConfig
};
