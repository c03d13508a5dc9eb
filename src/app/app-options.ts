import { ConfigError } from '../core/errors.js';
import { type AppEnvironment, appEnvironment } from './app-environment.js';
import type { MaestroAppOptions } from './index.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Maestro's own settings out of the parsed environment (credentials stay with Probot). */
export function appOptionsFrom(environment: AppEnvironment, env: Env): MaestroAppOptions {
  return {
    concurrency: environment.concurrency,
    reconcileMinutes: environment.reconcileMinutes,
    gitBaseUrl: environment.gitBaseUrl,
    secrets: environment.secrets,
    env,
  };
}

/**
 * The same validation as `npm start`, for hosts that load the app function themselves
 * (`probot run`, a serverless handler): a bad or missing variable throws, one line per problem.
 */
export function appOptionsFromEnv(env: Env): MaestroAppOptions {
  const result = appEnvironment(env);
  if (result.kind === 'problems') {
    throw new ConfigError(
      `Maestro cannot start: set these environment variables (see docs/github-setup.md):\n${result.problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return appOptionsFrom(result.env, env);
}
