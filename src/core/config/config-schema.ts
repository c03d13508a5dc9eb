/*
 * The schema of `.github/maestro.yml` (product.md §5). Sections follow the seed's `config.yaml` and
 * add what a GitHub product needs. Rules that hold for every field here:
 * - every object is strict, so a misspelt key is an error rather than a silently ignored setting;
 * - every field has a default, so `configSchema.parse({})` is the complete default config;
 * - every field carries a doc comment and a `.describe()` text, which flows into the JSON Schema
 *   (`schema/maestro.schema.json`) and the generated reference (`docs/configuration.md`).
 * Sections default through `.prefault({})` so the section's own field defaults fill it in.
 *
 * Each section's schema lives in `sections/<section>.ts`; this file composes them and re-exports
 * everything, so importers keep using `config-schema.js`.
 */

import { z } from 'zod';
import { budgetSchema } from './sections/budget.js';
import { chainsSchema } from './sections/chains.js';
import { ciSchema } from './sections/ci.js';
import { decisionEngineSchema } from './sections/decision-engine.js';
import { errorRecoverySchema } from './sections/error-recovery.js';
import { executorSchema } from './sections/executor.js';
import { githubSchema } from './sections/github.js';
import { loggingSchema } from './sections/logging.js';
import { modelSchema } from './sections/model.js';
import { orchestratorSchema } from './sections/orchestrator.js';
import { pathsSchema } from './sections/paths.js';
import { planningSchema } from './sections/planning.js';
import { pullRequestSchema } from './sections/pull-request.js';
import { sandboxSchema } from './sections/sandbox.js';
import { triggerSchema } from './sections/trigger.js';
import { validationSchema } from './sections/validation.js';

export { argvSchema } from './sections/argv.js';
export { type BudgetConfig, budgetSchema } from './sections/budget.js';
export { type ChainsConfig, chainsSchema } from './sections/chains.js';
export { type CiConfig, ciSchema } from './sections/ci.js';
export { type DecisionEngineConfig, decisionEngineSchema } from './sections/decision-engine.js';
export { type ErrorRecoveryConfig, errorRecoverySchema } from './sections/error-recovery.js';
export { type ExecutorConfig, executorKinds, executorSchema } from './sections/executor.js';
export { type GitHubConfig, githubSchema } from './sections/github.js';
export { type LoggingConfig, loggingSchema } from './sections/logging.js';
export {
  type ModelConfig,
  type ModelPrice,
  modelPriceSchema,
  modelProviders,
  modelSchema,
} from './sections/model.js';
export {
  type CheckpointFrequency,
  checkpointFrequencyAliases,
  checkpointFrequencySchema,
  type OrchestratorConfig,
  orchestratorSchema,
} from './sections/orchestrator.js';
export {
  defaultProtectedPaths,
  type PathsConfig,
  pathsSchema,
  workflowEditsAcknowledgement,
} from './sections/paths.js';
export { type PlanningConfig, planningSchema } from './sections/planning.js';
export { type PullRequestConfig, pullRequestSchema } from './sections/pull-request.js';
export {
  type SandboxConfig,
  type SandboxNetwork,
  sandboxModes,
  sandboxOffAcknowledgement,
  sandboxSchema,
} from './sections/sandbox.js';
export { approverLevels, type TriggerConfig, triggerSchema } from './sections/trigger.js';
export {
  gateCommandSchema,
  type QualityGate,
  qualityGateSchema,
  qualityGates,
  type ValidationConfig,
  validationSchema,
} from './sections/validation.js';

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
