import type { SimpleGitOptions } from 'simple-git';

/** The identity every Maestro commit is made with unless the host configures another one. */
export const DEFAULT_AUTHOR = { name: 'Maestro', email: 'maestro@users.noreply.github.com' } as const;

export interface GitIdentity {
  name: string;
  email: string;
}

/**
 * The only variables git gets from the orchestrator's environment. Everything else (model keys,
 * `GITHUB_TOKEN`, the Action's inputs, any `GIT_*` that would redirect git to another repository,
 * index or config, or trace command lines) stays out: whatever git starts — a filter, a hook, an
 * ssh or credential helper the user configured — inherits this environment. What is kept is what
 * a push genuinely needs: where to find programs and the user's own config (`PATH`, `HOME`,
 * `XDG_CONFIG_HOME`, the chosen global config), the locale, the temp directory, the user's ssh
 * agent and ssh command (a local user's ssh remote), proxies and certificates.
 */
const ALLOWED = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'TMP',
  'TEMP',
  'XDG_CONFIG_HOME',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
  'SSH_AUTH_SOCK',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_SSH_VARIANT',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  // Windows: git and its helpers do not start without these.
  'SYSTEMROOT',
  'SystemRoot',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'USERPROFILE',
  'HOMEDRIVE',
  'HOMEPATH',
  'APPDATA',
  'LOCALAPPDATA',
  'PROGRAMDATA',
]);
const ALLOWED_PREFIX = /^LC_[A-Z]+$/;

/**
 * Git's environment: the allow-list above from `base`, with prompts off so a missing credential
 * fails fast instead of hanging a runner, and no optional locks (a read such as `status` never
 * rewrites the index behind a concurrent command).
 */
export function gitEnvironment(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined || !(ALLOWED.has(key) || ALLOWED_PREFIX.test(key))) continue;
    env[key] = value;
  }
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_OPTIONAL_LOCKS = '0';
  return env;
}

/**
 * `-c` options on every call; command-line config wins over every config file. Hooks are off
 * (`core.hooksPath`): a husky hook is repository content the coding agent can edit. fsmonitor,
 * rerere and the `ext::` transport are off so no command runs a program named in the
 * repository, and results never depend on state outside it. `disabledFilters` names the filter
 * drivers the configuration defined when the workspace opened: each is emptied, so `add` and
 * `checkout` store and write files byte for byte (no clean/smudge program runs).
 */
export function gitConfig(identity: GitIdentity, disabledFilters: readonly string[] = []): string[] {
  return [
    `user.name=${identity.name}`,
    `user.email=${identity.email}`,
    'commit.gpgsign=false',
    'tag.gpgsign=false',
    'core.hooksPath=/dev/null',
    'core.fsmonitor=false',
    'core.untrackedCache=false',
    'rerere.enabled=false',
    'advice.detachedHead=false',
    'protocol.ext.allow=never',
    'submodule.recurse=false',
    'gc.auto=0',
    'maintenance.auto=false',
    ...disabledFilters.flatMap((name) => [
      `filter.${name}.clean=`,
      `filter.${name}.smudge=`,
      `filter.${name}.process=`,
      `filter.${name}.required=false`,
    ]),
  ];
}

/**
 * simple-git blocks some options and variables by default; these are the ones Maestro sets on
 * purpose (hooks off, `protocol.ext.allow=never`, the one-call auth header) or passes through from the user's own environment.
 */
export const ALLOWED_UNSAFE: NonNullable<SimpleGitOptions['unsafe']> = {
  allowUnsafeHooksPath: true,
  allowUnsafeFsMonitor: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeSshCommand: true,
  allowUnsafeAskPass: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeGitProxy: true,
  allowUnsafeProtocolOverride: true,
};
