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
 * in `.git/config`. With `url`, the header is scoped to it (`http.<url>.extraHeader`): git sends
 * it only to requests under that URL, whatever else a config or a redirect names. The empty values
 * first reset any `extraHeader` from config files (the generic one, then everything matching the
 * URL), so git does not send two `Authorization` headers.
 */
export function authHeaderEnv(header: string, url?: string): Record<string, string> {
  if (url === undefined) {
    return {
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: 'http.extraHeader',
      GIT_CONFIG_VALUE_1: header,
    };
  }
  return {
    GIT_CONFIG_COUNT: '4',
    GIT_CONFIG_KEY_0: 'http.extraHeader',
    GIT_CONFIG_VALUE_0: '',
    GIT_CONFIG_KEY_1: `http.${url}.extraHeader`,
    GIT_CONFIG_VALUE_1: '',
    GIT_CONFIG_KEY_2: `http.${url}.extraHeader`,
    GIT_CONFIG_VALUE_2: header,
    // A redirect would take the request (and, for some curl versions, the header) elsewhere.
    GIT_CONFIG_KEY_3: 'http.followRedirects',
    GIT_CONFIG_VALUE_3: 'false',
  };
}

/** Removes credentials from a git message before it is shown (a URL's `user:token@`, the header). */
export function redactGitMessage(message: string, header?: string): string {
  let text = message.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
  if (header) text = text.replaceAll(header, '***');
  return text.replace(/(authorization:\s*\w+\s+)\S+/gi, '$1***');
}
