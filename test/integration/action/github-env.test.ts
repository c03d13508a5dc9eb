import { describe, expect, it } from 'vitest';
import { readGitHubEnv } from '../../../src/action/github-env.js';

const env = {
  GITHUB_EVENT_NAME: 'issues',
  GITHUB_EVENT_PATH: '/home/runner/work/_temp/_github_workflow/event.json',
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_API_URL: 'https://api.github.com/',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_WORKSPACE: '/home/runner/work/octo-repo/octo-repo',
  GITHUB_RUN_ID: '123456789',
  GITHUB_STEP_SUMMARY: '/home/runner/work/_temp/_runner_file_commands/step_summary',
  GITHUB_OUTPUT: '/home/runner/work/_temp/_runner_file_commands/set_output',
  GITHUB_STATE: '/home/runner/work/_temp/_runner_file_commands/save_state',
  RUNNER_TEMP: '/home/runner/work/_temp',
};

describe('runner environment', () => {
  it('reads the standard variables', () => {
    const gh = readGitHubEnv(env);
    expect(gh).toMatchObject({
      eventName: 'issues',
      repo: { owner: 'octo-org', repo: 'octo-repo' },
      apiUrl: 'https://api.github.com',
      runId: 123456789,
      runUrl: 'https://github.com/octo-org/octo-repo/actions/runs/123456789',
      statePath: env.GITHUB_STATE,
      runnerTemp: '/home/runner/work/_temp',
    });
  });

  it('works on GitHub Enterprise Server URLs', () => {
    const gh = readGitHubEnv({
      ...env,
      GITHUB_API_URL: 'https://ghe.example.com/api/v3',
      GITHUB_SERVER_URL: 'https://ghe.example.com',
    });
    expect(gh.apiUrl).toBe('https://ghe.example.com/api/v3');
    expect(gh.runUrl).toBe('https://ghe.example.com/octo-org/octo-repo/actions/runs/123456789');
  });

  it('names every missing variable and says where it comes from', () => {
    const { GITHUB_EVENT_PATH: _path, RUNNER_TEMP: _temp, ...rest } = env;
    expect(() => readGitHubEnv(rest)).toThrow(
      /GITHUB_EVENT_PATH is not set; RUNNER_TEMP is not set\. Maestro runs as a step of a GitHub Actions workflow/,
    );
  });

  it('names a variable with a bad value', () => {
    expect(() => readGitHubEnv({ ...env, GITHUB_REPOSITORY: 'no-slash' })).toThrow(
      'GITHUB_REPOSITORY must be owner/name, got "no-slash"',
    );
    expect(() => readGitHubEnv({ ...env, GITHUB_RUN_ID: '12a' })).toThrow('GITHUB_RUN_ID must be a number');
    expect(() => readGitHubEnv({ ...env, GITHUB_WORKSPACE: 'relative/dir' })).toThrow(
      'GITHUB_WORKSPACE must be an absolute path',
    );
    expect(() => readGitHubEnv({ ...env, GITHUB_API_URL: 'api.github.com' })).toThrow(
      'GITHUB_API_URL must be an http(s) URL',
    );
  });

  it('treats GITHUB_STATE as optional', () => {
    const { GITHUB_STATE: _state, ...rest } = env;
    expect(readGitHubEnv(rest).statePath).toBeUndefined();
  });
});
