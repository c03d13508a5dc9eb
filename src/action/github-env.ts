import { isAbsolute } from 'node:path';
import { ValidationError } from '../core/errors.js';
import type { RepoRef } from '../ports/issue-host-port.js';

/** The runner's standard variables the Action needs, validated once. */
export interface GitHubEnv {
  eventName: string;
  eventPath: string;
  repo: RepoRef;
  /** `https://api.github.com`, or `https://HOST/api/v3` on GitHub Enterprise Server. */
  apiUrl: string;
  serverUrl: string;
  workspace: string;
  runId: number;
  /** This run's page, linked from the tracking comment and the job summary. */
  runUrl: string;
  stepSummaryPath: string;
  outputPath: string;
  /** The post step's state file; older runners and local tests may not set it. */
  statePath?: string;
  runnerTemp: string;
}

const HOW =
  'Maestro runs as a step of a GitHub Actions workflow, where the runner sets it; when testing locally, set it yourself';

/**
 * Reads `GITHUB_*` and `RUNNER_TEMP` from `env` (never `process.env` directly). Each problem names
 * the variable, so a self-hosted runner or a local test with a missing value says what to set.
 */
export function readGitHubEnv(env: Record<string, string | undefined>): GitHubEnv {
  const problems: string[] = [];
  const get = (name: string, check?: (value: string) => string | undefined): string => {
    const value = env[name]?.trim() ?? '';
    if (value === '') {
      problems.push(`${name} is not set`);
      return '';
    }
    const problem = check?.(value);
    if (problem) problems.push(`${name} ${problem}`);
    return value;
  };
  const absolute = (value: string) =>
    isAbsolute(value) ? undefined : `must be an absolute path, got "${value}"`;
  const url = (value: string) =>
    /^https?:\/\/[^\s/]+/.test(value) ? undefined : `must be an http(s) URL, got "${value}"`;

  const eventName = get('GITHUB_EVENT_NAME', (v) =>
    /^[a-z_]+$/.test(v) ? undefined : `must be an event name such as issues, got "${v}"`,
  );
  const eventPath = get('GITHUB_EVENT_PATH', absolute);
  const repository = get('GITHUB_REPOSITORY', (v) =>
    /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(v) ? undefined : `must be owner/name, got "${v}"`,
  );
  const apiUrl = get('GITHUB_API_URL', url).replace(/\/+$/, '');
  const serverUrl = get('GITHUB_SERVER_URL', url).replace(/\/+$/, '');
  const workspace = get('GITHUB_WORKSPACE', absolute);
  const runId = get('GITHUB_RUN_ID', (v) =>
    /^[1-9][0-9]{0,15}$/.test(v) && Number.isSafeInteger(Number(v))
      ? undefined
      : `must be a number, got "${v}"`,
  );
  const stepSummaryPath = get('GITHUB_STEP_SUMMARY', absolute);
  const outputPath = get('GITHUB_OUTPUT', absolute);
  const runnerTemp = get('RUNNER_TEMP', absolute);
  const statePath = env.GITHUB_STATE?.trim() || undefined;

  if (problems.length > 0) throw new ValidationError('runner environment', `${problems.join('; ')}. ${HOW}.`);
  const [owner = '', repo = ''] = repository.split('/');
  return {
    eventName,
    eventPath,
    repo: { owner, repo },
    apiUrl,
    serverUrl,
    workspace,
    runId: Number(runId),
    runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`,
    stepSummaryPath,
    outputPath,
    statePath,
    runnerTemp,
  };
}
