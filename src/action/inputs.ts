import * as core from '@actions/core';
import { z } from 'zod';
import { DEFAULT_CONFIG_PATH } from '../core/config/config-path.js';
import { ValidationError } from '../core/errors.js';
import { parseOrThrow } from '../core/parse.js';
import type { ExecuteRequest } from '../engine/github/issue-events.js';
import { type AppCredentials, readAppCredentials } from './app-credentials.js';
import {
  anyGiven,
  dispatchNames,
  parseExecuteRequest,
  type RequestNames,
  type RequestText,
} from './execute-request.js';

/** The Action's inputs (action.yml), validated once. */
export interface ActionInputs {
  /** The token for API calls and pushes; empty when `app` is given (the App's tokens are used). */
  githubToken: string;
  /**
   * `app-id` and `app-private-key`: the Action mints installation tokens itself and renews them
   * before they expire, for API calls and pushes alike (instead of `github-token`).
   */
  app?: AppCredentials;
  /** Token for git pushes of the run branch, when it is not `githubToken` (e.g. an App with read-only contents). */
  pushToken?: string;
  anthropicApiKey?: string;
  openaiApiKey?: string;
  /** Overrides `model.planner` and `model.executor` of the repository's config. */
  model?: string;
  /** `plan`: plan and commands only; `execute`: run an approved plan; `auto`: both in one job. */
  mode: ActionMode;
  /** Where the repository's config lives (read from the default branch). */
  configPath: string;
  dryRun: boolean;
  /**
   * The approval to execute, handed from a plan job's outputs to the execute job (mode execute
   * only). The engine re-verifies it against GitHub before any model call, as for a dispatch.
   */
  request?: ExecuteRequest;
}

export const actionModes = ['auto', 'plan', 'execute', 'ci-fix'] as const;
export type ActionMode = (typeof actionModes)[number];

/*
 * The runner passes input `github-token` as the variable `INPUT_GITHUB-TOKEN` (upper-cased, spaces
 * to `_`, hyphens kept). This is `core.getInput`'s lookup, done on the `env` we are given:
 * `getInput` reads `process.env` itself, and `runAction(env)` promises to read only its argument.
 */
export function readInput(env: Record<string, string | undefined>, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** Empty optional inputs are absent, not "". */
const optional = (schema: z.ZodString) =>
  z
    .string()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(schema.optional());

// The YAML 1.2 core-schema booleans `core.getBooleanInput` accepts; anything else is a mistake.
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE', ''];

const inputsSchema = z.object({
  // Checked below: it may be empty only when the App's own credentials are given.
  'github-token': z.string(),
  'app-id': z.string(),
  'app-private-key': z.string(),

  'push-token': optional(z.string()),
  'anthropic-api-key': optional(z.string()),
  'openai-api-key': optional(z.string()),
  model: optional(
    z
      .string()
      .max(200, 'is longer than 200 characters')
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/, 'must be a model id such as claude-sonnet-4-5'),
  ),
  mode: z
    .string()
    .transform((value) => (value === '' ? 'auto' : value))
    .pipe(
      z.enum(actionModes, {
        error: (issue) => `must be auto, plan, execute or ci-fix, got "${issue.input}"`,
      }),
    ),
  'config-path': z
    .string()
    .transform((value) => (value === '' ? DEFAULT_CONFIG_PATH : value))
    .pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_.][A-Za-z0-9_./-]*\.ya?ml$/, 'must be a relative path to a .yml file')
        .refine((path) => !path.split('/').includes('..'), 'must stay inside the repository (no ..)'),
    ),
  'dry-run': z.string().refine((value) => TRUE.includes(value) || FALSE.includes(value), {
    error: (issue) => `must be true or false, got "${String(issue.input)}"`,
  }),
});

/**
 * The inputs that carry an approval from a plan job to an execute job (no defaults in action.yml):
 * the same kebab-case names as the plan job's outputs and the workflow_dispatch inputs.
 */
const requestInputs: RequestNames = dispatchNames;

/** Reads and validates every input; throws a `ValidationError` naming each bad input. */
export function readInputs(env: Record<string, string | undefined>): ActionInputs {
  const raw = Object.fromEntries(
    Object.keys(inputsSchema.shape).map((name) => [name, readInput(env, name)] as const),
  );
  const parsed = parseOrThrow(inputsSchema, raw, 'action inputs');
  const app = readAppCredentials(parsed['app-id'], parsed['app-private-key']);
  if (!app && parsed['github-token'] === '')
    throw new ValidationError(
      'action inputs',
      'github-token is empty: pass a token (the workflow’s github.token is the default), or app-id and app-private-key',
    );
  // The runner passes a `with:` key action.yml no longer declares (with a warning nobody reads).
  if (readInput(env, 'pr') !== '')
    throw new ValidationError(
      'action inputs',
      'pr was renamed pr-number, like the plan job’s output it takes: rename it under the step’s with:',
    );
  const text: RequestText = {};
  for (const [field, name] of Object.entries(requestInputs) as Array<[keyof RequestText, string]>) {
    text[field] = readInput(env, name);
  }
  let request: ExecuteRequest | undefined;
  if (anyGiven(text)) {
    if (parsed.mode !== 'execute') {
      throw new ValidationError(
        'action inputs',
        'issue, approval-comment-id and prd-hash are for mode execute (the job that runs an approved plan)',
      );
    }
    request = parseExecuteRequest(text, requestInputs, 'action inputs');
  }
  return {
    githubToken: parsed['github-token'],
    ...(app ? { app } : {}),
    ...(parsed['push-token'] ? { pushToken: parsed['push-token'] } : {}),
    anthropicApiKey: parsed['anthropic-api-key'],
    openaiApiKey: parsed['openai-api-key'],
    model: parsed.model,
    mode: parsed.mode,
    configPath: parsed['config-path'],
    dryRun: TRUE.includes(parsed['dry-run']),
    ...(request ? { request } : {}),
  };
}

/** The secret values among the inputs, for masking and for the outbound redactor. */
export function secretValues(inputs: ActionInputs): string[] {
  return [
    inputs.githubToken,
    inputs.pushToken,
    inputs.app?.privateKey,
    inputs.anthropicApiKey,
    inputs.openaiApiKey,
  ].filter((value): value is string => value !== undefined && value.length > 0);
}

/**
 * Masks the token and keys in the job log. The runner already masks `secrets.*`, but a key can
 * reach the input another way (a step output, a computed value), so mask again; it is harmless.
 */
export function maskSecrets(inputs: ActionInputs): void {
  // The runner masks line by line: a multi-line value (the App's PEM key) is registered per line.
  for (const secret of secretValues(inputs)) {
    if (!secret.includes('\n')) core.setSecret(secret);
    else for (const line of secret.split('\n')) if (line.trim()) core.setSecret(line.trim());
  }
}
