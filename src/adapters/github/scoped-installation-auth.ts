import { createAppAuth } from '@octokit/auth-app';

export interface ScopedInstallationOptions {
  appId: string;
  privateKey: string;
  installationId: number;
  /** The repositories the tokens may touch (names within the installation's account). */
  repositoryNames: string[];
}

type Request = ((route: unknown, parameters?: unknown) => Promise<unknown>) & {
  endpoint: { merge(route: unknown, parameters?: unknown): { url: string; headers: Record<string, string> } };
};

/** Routes only the App itself (its JWT) may call; `url` may still hold `{placeholders}` here. */
const APP_ROUTE = /^(?:https?:\/\/[^/]+(?:\/api\/v3)?)?\/app(?:[/?]|$)/;

/**
 * An Octokit `authStrategy` whose installation tokens cover only the given repositories, as
 * actions/create-github-app-token's do by default: an App installed on a whole organisation
 * otherwise mints tokens for every repository in it. @octokit/auth-app mints, caches (keyed by the
 * scope) and renews them before they expire; its own request hook always asks for an unscoped
 * token, so this hook asks with the scope instead.
 */
export function scopedInstallationAuth(options: ScopedInstallationOptions) {
  const { repositoryNames, ...credentials } = options;
  const app = createAppAuth(credentials);
  const token = async () => app({ type: 'installation', repositoryNames });
  return Object.assign(token, {
    hook: async (request: Request, route: unknown, parameters?: unknown) => {
      const endpoint = request.endpoint.merge(route, parameters);
      // Minting goes through this client too (auth-app is given its request): `/app…` routes,
      // the token endpoint among them, are signed with the App's JWT, everything else with a token.
      if (APP_ROUTE.test(endpoint.url)) {
        endpoint.headers.authorization = `bearer ${(await app({ type: 'app' })).token}`;
        return request(endpoint as never);
      }
      const minted = await token();
      endpoint.headers.authorization = `token ${minted.token}`;
      return sendWithReplicationRetries(() => request(endpoint as never), minted.createdAt);
    },
  });
}

/** How long after minting a 401 may only mean the new token has not reached every GitHub server. */
const REPLICATION_MS = 5_000;

/**
 * As auth-app's own hook does: a token minted moments ago can be refused (401) until GitHub has
 * replicated it, so within five seconds of its creation a 401 is retried after 1 s, 2 s, …; after
 * that a 401 is a real refusal and is thrown.
 */
export async function sendWithReplicationRetries<T>(
  send: () => Promise<T>,
  createdAt: string,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let retries = 1; ; retries++) {
    try {
      return await send();
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      const age = Date.now() - Date.parse(createdAt);
      if (status !== 401 || !(age < REPLICATION_MS)) throw error; // NaN (no createdAt): no retry
      await wait(retries * 1_000);
    }
  }
}
