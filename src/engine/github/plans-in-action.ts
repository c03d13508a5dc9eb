import type { MaestroConfig } from '../../core/config/config-schema.js';
import type { GitHubDeps } from './github-deps.js';

/**
 * Whether the App hands a planning round to the workflow instead of planning (and opening a
 * model) itself: the repository asks for it (`planning.runs_in: action`), or the App runs where
 * nothing may outlive a webhook's response (serverless: `dispatchPlanning`). The Action plans.
 */
export function plansInAction(config: MaestroConfig, deps: GitHubDeps): boolean {
  return deps.role === 'app' && (deps.dispatchPlanning === true || config.planning.runs_in === 'action');
}
