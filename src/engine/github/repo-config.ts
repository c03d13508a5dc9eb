import { DEFAULT_CONFIG_PATH } from '../../core/config/config-path.js';
import { defaultConfig, type MaestroConfig } from '../../core/config/config-schema.js';
import { formatConfigIssues, parseConfigText } from '../../core/config/load-config.js';
import { ConfigError, errorMessage } from '../../core/errors.js';
import type { IssueHost } from '../../ports/issue-host-port.js';

export type RepoConfig =
  | { kind: 'ok'; config: MaestroConfig; source: 'file' | 'defaults'; sha?: string }
  /** `problem` names each key with its line and what is allowed (ready for a comment). */
  | { kind: 'invalid'; problem: string; sha: string; path: string };

/**
 * The repository's `.github/maestro.yml`, read from the default branch only (a branch or fork
 * cannot change how Maestro behaves), validated by the schema. Absent means every default.
 */
export async function loadRepoConfig(host: IssueHost, path = DEFAULT_CONFIG_PATH): Promise<RepoConfig> {
  const file = await host.readFile(path);
  if (!file) return { kind: 'ok', config: defaultConfig(), source: 'defaults' };
  try {
    return { kind: 'ok', config: parseConfigText(file.text, path), source: 'file', sha: file.sha };
  } catch (error) {
    const problem = error instanceof ConfigError ? formatConfigIssues(error, path) : errorMessage(error);
    return { kind: 'invalid', problem, sha: file.sha, path };
  }
}

/**
 * The one comment an invalid config gets on an issue, keyed by the file's blob sha: the same
 * broken version is reported once, a new broken version once more.
 */
export async function reportInvalidConfig(
  host: IssueHost,
  issue: number,
  invalid: Extract<RepoConfig, { kind: 'invalid' }>,
): Promise<void> {
  await host.reply(
    issue,
    `config:${invalid.sha}`,
    [
      `### ⚠️ Maestro cannot run: \`${invalid.path}\` is invalid`,
      '',
      'Nothing was planned or executed. Fix these keys on the default branch, then remove and re-add the label:',
      '',
      '```',
      invalid.problem,
      '```',
      '',
      'Every key and its allowed values: docs/configuration.md. Editors validate the file with `schema/maestro.schema.json`.',
    ].join('\n'),
  );
}
