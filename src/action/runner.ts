// The step's frame: the environment, the first line, the outcome, outputs and summary. Only light
// modules are imported statically; inputs (zod), routing and acting load with `import()` once the
// environment is read, so a step's first line (or a bad environment's error) comes at about the
// speed of a bundle of @actions/core alone (bench/startup.ts).
import * as core from '@actions/core';
import { errorMessage, MaestroError } from '../core/errors.js';
import type { GitHubDeps } from '../engine/github/github-deps.js';
import type { Logger } from '../ports/logger-port.js';
import { actionsLogger } from './actions-logger.js';
import { type GitHubEnv, readGitHubEnv } from './github-env.js';
import { type ActionOutcome, failureOf, statusOf } from './outcome.js';

type Env = Record<string, string | undefined>;

export interface RunActionOptions {
  /** Where diagnostics go; `@actions/core` workflow commands by default. */
  logger?: Logger;
  /** The event time for routes whose payload has none (a dispatch); now by default. */
  now?: Date;
  /**
   * Opens the model. Tests pass a recorded session here (a scripted model is for tests and the
   * labelled demo only); the Action itself always opens the configured provider.
   */
  openModel?: GitHubDeps['openModel'];
}

/**
 * One step of the Action, driven entirely by `env` (the runner's environment: `INPUT_*`,
 * `GITHUB_*`, `RUNNER_TEMP`) and the files it names — `process.env` is never read, so a test
 * passes a fake environment. Never throws: every failure becomes an `error` outcome, and the
 * outputs and job summary are written whenever the environment names their files.
 */
export async function runAction(env: Env, options: RunActionOptions = {}): Promise<ActionOutcome> {
  const logger = options.logger ?? actionsLogger;
  let gh: GitHubEnv | undefined;
  let secrets: string[] = [];
  let outcome: ActionOutcome;
  try {
    // The environment first: once it is known, outputs and summary are written whatever fails next.
    gh = readGitHubEnv(env);
    logger.info(`Maestro: ${gh.eventName} event`);
    const { maskSecrets, readInputs, secretValues } = await import('./inputs.js');
    const inputs = readInputs(env);
    secrets = secretValues(inputs);
    maskSecrets(inputs);
    logger.info(`Maestro: mode ${inputs.mode}`);
    const { routeAndAct } = await import('./act.js');
    const base = { inputs, gh, env, logger, openModel: options.openModel };
    outcome = await routeAndAct(base, options.now ?? new Date());
  } catch (error) {
    if (!(error instanceof MaestroError) && error instanceof Error && error.stack) logger.debug(error.stack);
    outcome = { kind: 'error', message: errorMessage(error) };
  }
  logger.info(`Maestro: ${statusOf(outcome)}`);
  if (gh) await report(gh, outcome, secrets, logger);
  return outcome;
}

/** The entry's second statement: a failed outcome fails the step (`core.setFailed`). */
export function failStepOn(outcome: ActionOutcome): void {
  const failure = failureOf(outcome);
  if (failure !== undefined) core.setFailed(failure);
}

/** Outputs and job summary; a failure to write them is logged, never hides the outcome. */
async function report(
  gh: GitHubEnv,
  outcome: ActionOutcome,
  secrets: string[],
  logger: Logger,
): Promise<void> {
  try {
    const { writeOutputs } = await import('./outputs.js');
    await writeOutputs(gh.outputPath, outcome);
  } catch (error) {
    logger.warn(`could not write the step outputs to GITHUB_OUTPUT: ${errorMessage(error)}`);
  }
  try {
    // The summary's redaction parses Markdown (micromark): loaded at the end, not before the first line.
    const { writeSummary } = await import('./summary.js');
    await writeSummary(gh.stepSummaryPath, outcome, secrets);
  } catch (error) {
    logger.warn(`could not write the job summary to GITHUB_STEP_SUMMARY: ${errorMessage(error)}`);
  }
}
