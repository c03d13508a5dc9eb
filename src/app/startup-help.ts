/**
 * What `npm start` prints when the environment is incomplete: each variable to set, then how to get
 * the values (register the App from app.yml with GitHub's manifest flow). Plain text, no colours,
 * so it reads the same in a terminal, a container log and a systemd journal.
 */
export function startupHelp(problems: readonly string[]): string {
  return [
    'Maestro (GitHub App) cannot start: its environment is incomplete.',
    '',
    ...problems.map((problem) => `  - ${problem}`),
    '',
    'Set these variables in the environment, or in a .env file next to package.json',
    '(copy .env.app.example: every variable is documented there).',
    '',
    'No GitHub App yet? Register one from app.yml (permissions and events are already set):',
    '  1. Follow https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest',
    '     with the contents of app.yml as the manifest (set hook_attributes.url to your public URL',
    '     + /api/github/webhooks), or create it by hand at https://github.com/settings/apps/new',
    '     with the same permissions and events.',
    '  2. Copy the App ID into APP_ID and the webhook secret into WEBHOOK_SECRET,',
    '     generate a private key and point PRIVATE_KEY_PATH at the downloaded .pem file.',
    '  3. Install the App on a repository, add the Maestro workflow (.github/workflows/maestro.yml),',
    '     then run `npm start` again.',
    '',
  ].join('\n');
}
