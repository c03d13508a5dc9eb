import type { Options } from 'probot';
import type { AppEnvironment } from './app-environment.js';

/** What Probot is given in every thread that talks to GitHub as the App (the server, the job thread). */
export function probotCredentials(environment: AppEnvironment): Options {
  return {
    appId: environment.appId,
    privateKey: environment.privateKey,
    secret: environment.webhookSecret,
    baseUrl: environment.apiBaseUrl,
    logLevel: environment.logLevel as Options['logLevel'],
    // Probot's Bottleneck throttling shares the queue's Redis: replicas keep one request budget.
    redisConfig: environment.redisUrl,
  };
}

/** Probot's environment: JSON logs in production unless LOG_FORMAT says otherwise. */
export function probotEnv(processEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...processEnv,
    LOG_FORMAT: processEnv.LOG_FORMAT ?? (processEnv.NODE_ENV === 'production' ? 'json' : 'pretty'),
  };
}
