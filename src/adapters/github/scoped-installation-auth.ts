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
      endpoint.headers.authorization = APP_ROUTE.test(endpoint.url)
        ? `bearer ${(await app({ type: 'app' })).token}`
        : `token ${(await token()).token}`;
      return request(endpoint as never);
    },
  });
}
