/**
 * The secret values among a process's environment variables, for the commit scan and redaction:
 * model keys (`*_API_KEY`), tokens (`GITHUB_TOKEN`, `GH_TOKEN`, `*_TOKEN`), and anything named like
 * a secret or password. Values too short to be a credential are dropped by the redactor itself.
 */
const SECRET_NAME = /(^|_)(API_KEY|TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE_KEY|ACCESS_KEY)(_|$)|_KEY$/i;

export function secretsFromEnvironment(env: Record<string, string | undefined>): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '' && SECRET_NAME.test(name)) values.add(value.trim());
  }
  return [...values];
}
