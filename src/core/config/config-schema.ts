import { z } from 'zod';

/*
 * The schema of `.github/maestro.yml` (product.md §5). Sections follow the seed's `config.yaml` and
 * add what a GitHub product needs. Rules that hold for every field here:
 * - every object is strict, so a misspelt key is an error rather than a silently ignored setting;
 * - every field has a default, so `configSchema.parse({})` is the complete default config;
 * - every field carries a doc comment and a `.describe()` text, which flows into the JSON Schema
 *   (`schema/maestro.schema.json`) and the generated reference (`docs/configuration.md`).
 * Sections default through `.prefault({})` so the section's own field defaults fill it in.
 */

/** The access levels that may approve a plan, lowest first. */
export const approverLevels = ['write', 'maintain', 'admin'] as const;

export const triggerSchema = z
  .object({
    /** The issue label that starts Maestro. */
    label: z.string().min(1).default('maestro').describe('The issue label that starts Maestro.'),
    /** The lowest repository permission whose `/maestro approve` counts; higher levels count too. */
    approvers: z
      .enum(approverLevels)
      .default('write')
      .describe('The lowest repository permission whose `/maestro approve` counts; higher levels count too.'),
  })
  .strict()
  .describe('What starts a run and who may approve its plan.');
export type TriggerConfig = z.infer<typeof triggerSchema>;

export const checkpointFrequencySchema = z.enum(['task', 'group', 'phase']);
export type CheckpointFrequency = z.infer<typeof checkpointFrequencySchema>;
/** Older spellings still accepted, mapped to their current value (the seed wrote `phase_complete`). */
export const checkpointFrequencyAliases: Readonly<Record<string, CheckpointFrequency>> = {
  phase_complete: 'phase',
};

export const orchestratorSchema = z
  .object({
    /** How many validate → fix rounds a run may take before it stops and reports. */
    max_iterations: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(3)
      .describe('How many validate → fix rounds a run may take before it stops and reports.'),
    /** Seconds one task may run before it is stopped. */
    max_task_duration: z
      .number()
      .int()
      .min(1)
      .default(1800)
      .describe('Seconds one task may run before it is stopped.'),
    /** When progress is committed as a checkpoint; `phase_complete` is accepted as an alias of `phase`. */
    checkpoint_frequency: z
      .preprocess(
        (value) => (typeof value === 'string' ? (checkpointFrequencyAliases[value] ?? value) : value),
        checkpointFrequencySchema,
      )
      .prefault('task')
      .describe(
        "When progress is committed as a checkpoint: after every task, every parallel group or every phase. `phase_complete` (the seed's spelling) is accepted as an alias of `phase`.",
      ),
    /** Whether independent tasks of a group run at the same time. */
    parallel_execution: z
      .boolean()
      .default(true)
      .describe('Whether independent tasks of a group run at the same time.'),
    /** The most tasks that run at the same time when `parallel_execution` is on. */
    max_parallel: z
      .number()
      .int()
      .min(1)
      .max(16)
      .default(3)
      .describe('The most tasks that run at the same time when `parallel_execution` is on.'),
    /** After this many tasks the executor's view of the repository is refreshed. */
    context_refresh_interval: z
      .number()
      .int()
      .min(1)
      .default(5)
      .describe("After this many tasks the executor's view of the repository is refreshed."),
  })
  .strict()
  .describe('How a run is driven: iterations, checkpoints and parallelism.');
export type OrchestratorConfig = z.infer<typeof orchestratorSchema>;

export const decisionEngineSchema = z
  .object({
    /** Prefer libraries and patterns already in the repository over new ones. */
    prefer_existing: z
      .boolean()
      .default(true)
      .describe('Prefer libraries and patterns already in the repository over new ones.'),
    /** 0..1; a dependency scoring below this is not proposed. */
    maturity_threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.7)
      .describe('A new dependency scoring below this maturity (0..1) is not proposed.'),
    /** 0..1; below this the plan asks a question instead of assuming. */
    confidence_threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.6)
      .describe(
        'A decision with lower confidence (0..1) becomes a question in the plan instead of an assumption.',
      ),
  })
  .strict()
  .describe('How technical decisions are made.');
export type DecisionEngineConfig = z.infer<typeof decisionEngineSchema>;

export const errorRecoverySchema = z
  .object({
    /** How many times a failed task is retried. */
    max_retry_attempts: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(3)
      .describe('How many times a failed task is retried.'),
    /** Each retry waits this many times longer than the one before. */
    backoff_multiplier: z
      .number()
      .min(1)
      .max(10)
      .default(2)
      .describe('Each retry waits this many times longer than the one before.'),
    /** Roll back to the last checkpoint when a task cannot be repaired. */
    enable_rollback: z
      .boolean()
      .default(true)
      .describe('Roll back to the last checkpoint when a task cannot be repaired.'),
    /** Stop and ask on the issue when requirements are ambiguous, instead of deciding and recording why. */
    request_human_on_ambiguous: z
      .boolean()
      .default(false)
      .describe(
        'Stop and ask on the issue when requirements are ambiguous, instead of deciding and recording why.',
      ),
  })
  .strict()
  .describe('What happens when a task fails.');
export type ErrorRecoveryConfig = z.infer<typeof errorRecoverySchema>;

export const qualityGates = ['test', 'lint', 'typecheck', 'build', 'security'] as const;
export const qualityGateSchema = z.enum(qualityGates);
export type QualityGate = z.infer<typeof qualityGateSchema>;

/** A program and its arguments, run without a shell. */
export const argvSchema = z
  .array(z.string().min(1))
  .min(1)
  .describe('A program and its arguments, run without a shell.');

// Characters that only mean something to a shell; in a command string they would reach the program literally.
const shellSyntax = /[|&;<>()$`"'\\\n]/;

/**
 * A gate command: an argv array, or a string split on whitespace (no shell, so no quoting, pipes,
 * `&&`, redirects or `$VARS`). Either way the parsed value is an argv array.
 */
export const gateCommandSchema = z
  .union([
    argvSchema,
    z
      .string()
      .trim()
      .min(1)
      .refine((text) => !shellSyntax.test(text), {
        message:
          'is split on whitespace and run without a shell, so quotes, pipes, `&&`, `;`, redirects and `$VARS` do not work: give an argv array (e.g. ["npm", "test"]) or put the pipeline in a script',
      })
      .transform((text) => text.split(/\s+/)),
  ])
  .describe(
    'An argv array (["npm", "run", "lint"]) or a single string split on whitespace ("npm run lint"). Nothing runs through a shell: no quoting, pipes, `&&`, redirects or `$VARS`.',
  );

export const validationSchema = z
  .object({
    /** Run the repository's tests after each task. */
    run_tests: z.boolean().default(true).describe("Run the repository's tests after each task."),
    /** Check the finished work against the plan's requirements (PRD). */
    validate_prd: z
      .boolean()
      .default(true)
      .describe("Check the finished work against the plan's requirements (PRD)."),
    /** The gates that must pass before the pull request is marked ready. */
    quality_gates: z
      .array(qualityGateSchema)
      .default(['test', 'lint', 'typecheck'])
      .describe('The gates that must pass before the pull request is marked ready.'),
    /** The command per gate; a gate not listed is detected from the repository (package.json scripts, …). */
    commands: z
      .partialRecord(qualityGateSchema, gateCommandSchema)
      .prefault({})
      .describe(
        'The command for each gate, as an argv array or a string split on whitespace (no shell syntax). A gate not listed here is detected from the repository (package.json scripts, Makefile, …).',
      ),
    /** A failing gate fails the run (otherwise it is only reported). */
    fail_on_gate_violation: z
      .boolean()
      .default(true)
      .describe('A failing gate fails the run; when false it is only reported.'),
    /** Seconds one gate command may run before it is stopped and counted as failed. */
    gate_timeout_seconds: z
      .number()
      .int()
      .min(1)
      .default(600)
      .describe('Seconds one gate command may run before it is stopped and counted as failed.'),
  })
  .strict()
  .describe('The checks a change must pass.');
export type ValidationConfig = z.infer<typeof validationSchema>;

export const modelProviders = ['anthropic', 'openai', 'openai-compatible'] as const;

/** USD per million tokens for one model, used for the cost budget and the report. */
export const modelPriceSchema = z
  .object({
    /** USD per million input tokens. */
    input_per_mtok: z.number().min(0).describe('USD per million input tokens.'),
    /** USD per million output tokens. */
    output_per_mtok: z.number().min(0).describe('USD per million output tokens.'),
    /** USD per million input tokens read from the prompt cache. */
    cached_input_per_mtok: z
      .number()
      .min(0)
      .optional()
      .describe('USD per million input tokens read from the prompt cache.'),
    /** USD per million tokens written to the prompt cache. */
    cache_write_per_mtok: z
      .number()
      .min(0)
      .optional()
      .describe('USD per million tokens written to the prompt cache.'),
  })
  .strict()
  .describe('USD per million tokens for one model.');
export type ModelPrice = z.infer<typeof modelPriceSchema>;

export const modelSchema = z
  .object({
    /** Which API the models are called through. */
    provider: z
      .enum(modelProviders)
      .default('anthropic')
      .describe('Which API the models are called through.'),
    /** The model id that writes the PRD and the task plan. */
    planner: z
      .string()
      .min(1)
      .default('claude-sonnet-4-5')
      .describe('The model id that writes the PRD and the task plan.'),
    /** The model id that carries out the tasks (with the builtin executor). */
    executor: z
      .string()
      .min(1)
      .default('claude-sonnet-4-5')
      .describe('The model id that carries out the tasks (with the builtin executor).'),
    /** The API's base URL, for `openai-compatible` providers or a proxy. */
    base_url: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe("The API's base URL (http or https), for `openai-compatible` providers or a proxy."),
    /** The NAME of the environment variable holding the API key — never the key itself. */
    api_key_env: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, {
        message:
          'must be the NAME of an environment variable (capital letters, digits and _, e.g. MAESTRO_API_KEY), never the key itself',
      })
      .optional()
      .describe(
        "The NAME of the environment variable holding the API key (e.g. ANTHROPIC_API_KEY), never the key itself. Defaults to the provider's usual variable.",
      ),
    /** How many times a rate-limited or failed model call is retried. */
    max_retries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(4)
      .describe('How many times a rate-limited or failed model call is retried.'),
    /** The longest wait for a retry; a provider asking for longer fails the run with a resumable error. */
    max_retry_wait_seconds: z
      .number()
      .int()
      .min(0)
      .default(120)
      .describe(
        'The longest wait before a retry, in seconds; when the provider asks for a longer wait the run stops with an error that `maestro resume` can continue from.',
      ),
    /** Prices per model id, overriding or adding to the built-in price table. */
    prices: z
      .record(z.string().min(1), modelPriceSchema)
      .default({})
      .describe(
        'Prices in USD per million tokens by model id, adding to or overriding the built-in table; used for the cost budget and the report.',
      ),
  })
  .strict()
  .describe('Which language models plan and execute.');
export type ModelConfig = z.infer<typeof modelSchema>;

export const executorKinds = ['builtin', 'command'] as const;

export const executorSchema = z
  .object({
    /** `builtin` uses Maestro's own agent loop; `command` runs any CLI agent per task. */
    kind: z
      .enum(executorKinds)
      .default('builtin')
      .describe("`builtin` uses Maestro's own agent loop; `command` runs any CLI agent for each task."),
    /** The agent's argv when `kind` is `command`; the task prompt is given on stdin. */
    command: argvSchema
      .optional()
      .describe(
        'The argv of the CLI agent, required when `kind` is `command` (e.g. ["claude", "-p"]); the task prompt is given on stdin. Runs without a shell.',
      ),
    /** The most model turns one task may take with the builtin executor. */
    max_turns: z
      .number()
      .int()
      .min(1)
      .max(500)
      .default(60)
      .describe('The most model turns one task may take with the builtin executor.'),
  })
  .strict()
  .superRefine((executor, ctx) => {
    if (executor.kind === 'command' && executor.command === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['command'],
        message:
          'is required when `executor.kind` is `command`: give the agent\'s argv, e.g. command: ["claude", "-p"]',
      });
    }
  })
  .describe('What carries out each task.');
export type ExecutorConfig = z.infer<typeof executorSchema>;

export const budgetSchema = z
  .object({
    /** The most a run may spend on model calls, in USD. */
    max_cost_usd: z
      .number()
      .positive()
      .default(10)
      .describe('The most a run may spend on model calls, in USD.'),
    /** The most model tokens (input + output) a run may use. */
    max_tokens: z
      .number()
      .int()
      .positive()
      .default(2_000_000)
      .describe('The most model tokens (input + output) a run may use.'),
    /** The longest a run may take, in minutes. */
    max_wall_minutes: z
      .number()
      .int()
      .positive()
      .default(60)
      .describe('The longest a run may take, in minutes.'),
    /** The most files one pull request may change. */
    max_files_changed: z
      .number()
      .int()
      .positive()
      .default(50)
      .describe('The most files one pull request may change.'),
  })
  .strict()
  .describe('Caps per run; near a cap Maestro checkpoints and reports instead of being cut off.');
export type BudgetConfig = z.infer<typeof budgetSchema>;

export const pullRequestSchema = z
  .object({
    /** `auto` opens a draft while gates fail and a ready PR when they pass. */
    draft: z
      .enum(['auto', 'always', 'never'])
      .default('auto')
      .describe('`auto` opens a draft pull request when a gate fails and a ready one when all pass.'),
    /** Request a review from whoever approved the plan. */
    request_review_from_approver: z
      .boolean()
      .default(true)
      .describe('Request a review from whoever approved the plan.'),
  })
  .strict()
  .describe('How the pull request is opened.');
export type PullRequestConfig = z.infer<typeof pullRequestSchema>;

/** The acknowledgement key `allow_workflow_edits: true` needs (security.md rule 10). */
export const workflowEditsAcknowledgement = 'i_understand_workflow_edits_run_with_repository_secrets';

export const defaultProtectedPaths = [
  '.github/workflows/**',
  '.github/actions/**',
  'AGENTS.md',
  'CLAUDE.md',
  '.claude/**',
  '.cursor/**',
  '.vscode/**',
  '.npmrc',
  '.yarnrc.yml',
];

export const pathsSchema = z
  .object({
    /** Globs Maestro never edits: CI, agent instructions, editor and package-manager settings. */
    protected: z
      .array(z.string().min(1))
      .default(defaultProtectedPaths)
      .describe(
        'Globs of files Maestro never edits: CI workflows, agent instructions, editor and package-manager settings. Setting this replaces the default list.',
      ),
    /** Let Maestro edit `.github/workflows/**`; needs the acknowledgement key alongside. */
    allow_workflow_edits: z
      .boolean()
      .default(false)
      .describe(
        `Let Maestro edit \`.github/workflows/**\`. Only accepted together with \`${workflowEditsAcknowledgement}: true\`.`,
      ),
    /** The explicit acknowledgement that `allow_workflow_edits: true` requires. */
    [workflowEditsAcknowledgement]: z
      .boolean()
      .default(false)
      .describe(
        "The explicit acknowledgement `allow_workflow_edits: true` requires: an edited workflow runs with the repository's secrets.",
      ),
  })
  .strict()
  .superRefine((paths, ctx) => {
    if (paths.allow_workflow_edits && !paths[workflowEditsAcknowledgement]) {
      ctx.addIssue({
        code: 'custom',
        path: ['allow_workflow_edits'],
        message: `is unsafe: an edited workflow runs with the repository's secrets. To allow it anyway, add \`${workflowEditsAcknowledgement}: true\` to the \`paths\` section`,
      });
    }
  })
  .describe('Files Maestro must not touch.');
export type PathsConfig = z.infer<typeof pathsSchema>;

export const planningSchema = z
  .object({
    /** Where the plan is written: in the GitHub App or in the Action's workflow run. */
    runs_in: z
      .enum(['app', 'action'])
      .default('app')
      .describe("Where the plan is written: in the GitHub App, or in the Action's workflow run."),
    /** Tokens of repository context given to the planner. */
    context_budget_tokens: z
      .number()
      .int()
      .min(2000)
      .max(200_000)
      .default(27_000)
      .describe('Tokens of repository context given to the planner.'),
  })
  .strict()
  .describe('How the plan is made.');
export type PlanningConfig = z.infer<typeof planningSchema>;

export const loggingSchema = z
  .object({
    /** The least severe level that is logged. */
    level: z
      .enum(['debug', 'info', 'warn', 'error'])
      .default('info')
      .describe('The least severe level that is logged.'),
    /** Log why each decision was made. */
    include_rationale: z.boolean().default(true).describe('Log why each decision was made.'),
    /** Also write the log to a file in the run's state directory. */
    log_to_file: z
      .boolean()
      .default(true)
      .describe("Also write the log to a file in the run's state directory."),
  })
  .strict()
  .describe('What is logged.');
export type LoggingConfig = z.infer<typeof loggingSchema>;

export const configSchema = z
  .object({
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
    /** Which language models plan and execute. */
    model: modelSchema.prefault({}),
    /** What carries out each task. */
    executor: executorSchema.prefault({}),
    /** Caps per run. */
    budget: budgetSchema.prefault({}),
    /** How the pull request is opened. */
    pull_request: pullRequestSchema.prefault({}),
    /** Files Maestro must not touch. */
    paths: pathsSchema.prefault({}),
    /** How the plan is made. */
    planning: planningSchema.prefault({}),
    /** What is logged. */
    logging: loggingSchema.prefault({}),
  })
  .strict()
  .describe(
    'Maestro configuration (.github/maestro.yml). Every key is optional; omitted keys take their defaults.',
  );
export type MaestroConfig = z.infer<typeof configSchema>;
/** What may be written in the file: every key optional, gate commands as strings or arrays. */
export type MaestroConfigInput = z.input<typeof configSchema>;

/** The complete default configuration (a fresh object each call). */
export function defaultConfig(): MaestroConfig {
  return configSchema.parse({});
}
