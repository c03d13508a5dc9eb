/**
 * The HTTP header git sends for one push, e.g. `AUTHORIZATION: basic <base64(x-access-token:TOKEN)>`
 * (what actions/checkout uses for an installation or Actions token).
 */
export function basicAuthHeader(token: string, user = 'x-access-token'): string {
  return `AUTHORIZATION: basic ${Buffer.from(`${user}:${token}`, 'utf8').toString('base64')}`;
}

/**
 * The header as git configuration for ONE process, through `GIT_CONFIG_COUNT` variables rather than
 * `-c` on the command line: a process's argv is readable by every user of the machine
 * (`/proc/<pid>/cmdline`, `ps`), its environment only by its owner. Never in the remote URL, never
 * in `.git/config`. The first, empty value resets any `http.extraHeader` from config files so git
 * does not send two `Authorization` headers.
 */
export function authHeaderEnv(header: string): Record<string, string> {
  return {
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: 'http.extraHeader',
    GIT_CONFIG_VALUE_0: '',
    GIT_CONFIG_KEY_1: 'http.extraHeader',
    GIT_CONFIG_VALUE_1: header,
  };
}

/** Removes credentials from a git message before it is shown (a URL's `user:token@`, the header). */
export function redactGitMessage(message: string, header?: string): string {
  let text = message.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
  if (header) text = text.replaceAll(header, '***');
  return text.replace(/(authorization:\s*\w+\s+)\S+/gi, '$1***');
}
