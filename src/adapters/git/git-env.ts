import type { SimpleGitOptions } from 'simple-git';

/** The identity every Maestro commit is made with unless the host configures another one. */
export const DEFAULT_AUTHOR = { name: 'Maestro', email: 'maestro@users.noreply.github.com' } as const;

export interface GitIdentity {
  name: string;
  email: string;
}

/**
 * Variables that would silently redirect git to another repository or index (set when Maestro
 * itself runs inside a git hook), change the commit identity, print command lines with secrets
 * (`GIT_TRACE`), inject config, or start an editor or pager in a non-interactive process.
 */
const DROPPED = [
  /^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|NAMESPACE|PREFIX|EXEC_PATH|TEMPLATE_DIR)$/,
  /^GIT_(AUTHOR|COMMITTER)_/,
  /^GIT_TRACE/,
  /^GIT_CONFIG_(COUNT|KEY_\d+|VALUE_\d+|PARAMETERS)$/,
  /^GIT_(EDITOR|SEQUENCE_EDITOR|PAGER|EXTERNAL_DIFF)$/,
  /^(EDITOR|VISUAL|PAGER)$/,
];

/**
 * The orchestrator's environment for git (it may hold the push credentials the user configured,
 * e.g. `GIT_SSH_COMMAND`; the coding agent never runs with it), minus `DROPPED`, with prompts off
 * so a missing credential fails fast instead of hanging a runner.
 */
export function gitEnvironment(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined || DROPPED.some((re) => re.test(key))) continue;
    env[key] = value;
  }
  env.GIT_TERMINAL_PROMPT = '0';
  return env;
}

/**
 * `-c` options on every call. Hooks are off (`core.hooksPath`): a husky hook is repository
 * content the coding agent can edit, and the orchestrator's process holds the tokens. fsmonitor
 * and rerere are off so results never depend on state outside the repository.
 */
export function gitConfig(identity: GitIdentity): string[] {
  return [
    `user.name=${identity.name}`,
    `user.email=${identity.email}`,
    'commit.gpgsign=false',
    'core.hooksPath=/dev/null',
    'core.fsmonitor=false',
    'rerere.enabled=false',
    'advice.detachedHead=false',
  ];
}

/**
 * simple-git blocks some options and variables by default; these are the ones Maestro sets on
 * purpose (hooks off, the one-call auth header) or passes through from the user's own environment.
 */
export const ALLOWED_UNSAFE: NonNullable<SimpleGitOptions['unsafe']> = {
  allowUnsafeHooksPath: true,
  allowUnsafeFsMonitor: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeSshCommand: true,
  allowUnsafeAskPass: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeGitProxy: true,
};
