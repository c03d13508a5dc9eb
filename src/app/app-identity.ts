import type { GitHubRequester } from '../adapters/github/github-client.js';
import { appBotIdentity } from '../adapters/github/identity.js';
import type { Actor } from '../ports/issue-host-port.js';
import type { InstallationClient } from './github-deps.js';
import type { AppAuth } from './reconcile-schedule.js';

/**
 * Maestro's bot account, looked up once per process (its id is what Maestro's own comments are
 * trusted by). `GET /app` takes the App's JWT, but GitHub (and Probot's auth-app) refuse the JWT
 * anywhere else, so `GET /users/<slug>[bot]` goes through the installation client of whichever
 * job asks first. A failed lookup is forgotten: the next job asks again.
 */
export function appIdentity(app: AppAuth): (installation: InstallationClient) => Promise<Actor> {
  let identity: Promise<Actor> | undefined;
  return (installation) => {
    identity ??= (async () => {
      const jwt = await app.auth();
      const split: Pick<GitHubRequester, 'request'> = {
        request: (route, parameters) =>
          /^GET \/app(\/|$)/.test(route)
            ? jwt.request(route, parameters)
            : installation.request(route, parameters),
      };
      return appBotIdentity(split);
    })().catch((error: unknown) => {
      identity = undefined;
      throw error;
    });
    return identity;
  };
}
