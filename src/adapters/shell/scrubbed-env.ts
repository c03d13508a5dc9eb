/**
 * The environment every child process gets (architecture decision 8, security.md rule 7): an
 * allow-list of harmless variables from the parent, plus the caller's extras, minus anything whose
 * NAME looks like a secret — even when a caller passed it on purpose, so a config mistake cannot hand
 * a token to an agent. `NODE_OPTIONS` is deliberately absent: it can load code into every node child.
 */
const inherited = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TERM',
  'TMPDIR',
  'TEMP',
  'TMP',
  'SHELL',
  'TZ',
  'CI',
  // Windows needs these to start anything at all.
  'SystemRoot',
  'ComSpec',
  'PATHEXT',
] as const;

export const secretNamePattern =
  /TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|PRIVATE_KEY|CREDENTIAL|AUTH|SESSION|COOKIE/i;

export function scrubbedEnv(
  extra: Readonly<Record<string, string>> = {},
  parent: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of inherited) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) env[name] = value;
  for (const name of Object.keys(env)) {
    if (secretNamePattern.test(name)) delete env[name];
  }
  // Never wait for a credential prompt that nobody can answer; tools behave non-interactively.
  env.GIT_TERMINAL_PROMPT = '0';
  env.CI = 'true';
  return env;
}
