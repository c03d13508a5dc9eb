import type { PermissionLevel } from '../../core/commands/command-permissions.js';
import type { GitHubContext } from './github-client.js';
import { isAmbiguous, statusOf } from './github-errors.js';
import { requestOptions } from './request-options.js';

const LEVELS: ReadonlySet<string> = new Set<PermissionLevel>([
  'read',
  'triage',
  'write',
  'maintain',
  'admin',
]);

/**
 * A user's role from the permission API (security.md rule 1). `role_name` carries the fine roles
 * (triage, maintain); custom repository roles have their own names there, so the legacy
 * `permission` field (admin/write/read/none) is the fallback. Anything that cannot be verified —
 * 404, 5xx, a timeout, an odd value — is `'none'`: authorisation fails closed.
 * `author_association` is never consulted: it says COLLABORATOR for read-only collaborators.
 */
export async function fetchPermission(ctx: GitHubContext, login: string): Promise<PermissionLevel> {
  let data: unknown;
  try {
    const response = await ctx.client.request(
      'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
      {
        ...ctx.repo,
        username: login,
        ...requestOptions({ timeoutMs: ctx.timeoutMs }),
      },
    );
    data = response.data;
  } catch (error) {
    const status = statusOf(error);
    const why =
      status === 404 ? 'not a collaborator' : isAmbiguous(error) ? 'GitHub did not answer' : `HTTP ${status}`;
    ctx.logger.warn(`Couldn't verify ${login}'s permission (${why}); treating it as none.`);
    return 'none';
  }
  const level = permissionFrom(data);
  if (level === undefined) {
    ctx.logger.warn(`Unexpected permission answer for ${login}; treating it as none.`);
    return 'none';
  }
  return level;
}

function permissionFrom(data: unknown): PermissionLevel | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { role_name: role, permission } = data as { role_name?: unknown; permission?: unknown };
  for (const value of [role, permission]) {
    if (typeof value === 'string' && LEVELS.has(value)) return value as PermissionLevel;
  }
  if (permission === 'none') return 'none';
  return undefined;
}
