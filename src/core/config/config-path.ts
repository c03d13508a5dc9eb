/**
 * Where a repository keeps Maestro's config, unless the Action's `config-path` input says
 * otherwise. The one definition: the App, the Action (carried as `GitHubDeps.configPath`), the CLI
 * and the messages that name the file all use it.
 */
export const DEFAULT_CONFIG_PATH = '.github/maestro.yml';
