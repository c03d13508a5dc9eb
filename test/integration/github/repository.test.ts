import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GitHubApiError } from '../../../src/core/errors.js';
import { bodyRecorder, commentJson, github, REPO_PATH, testClient, testHost } from './github-test-kit.js';

const CONFIG = `${REPO_PATH}/contents/.github%2Fmaestro.yml`;

describe('repository', () => {
  it('readFile decodes base64 to UTF-8 and returns the blob sha; 404 is undefined', async () => {
    const text = 'trigger:\n  label: maestro # ✓ déjà\n';
    const scope = github()
      .get(CONFIG)
      .query({ ref: 'main' })
      .reply(200, {
        type: 'file',
        sha: 'blob123',
        encoding: 'base64',
        // GitHub wraps the base64 at 60 columns.
        content: Buffer.from(text)
          .toString('base64')
          .replace(/(.{20})/g, '$1\n'),
      })
      .get(CONFIG)
      .reply(404, { message: 'Not Found' });
    const { host } = testHost();

    expect(await host.readFile('.github/maestro.yml', 'main')).toEqual({ text, sha: 'blob123' });
    expect(await host.readFile('.github/maestro.yml')).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it('readFile treats a directory as absent', async () => {
    const scope = github()
      .get(`${REPO_PATH}/contents/src`)
      .reply(200, [{ type: 'file', name: 'a.ts' }]);
    const { host } = testHost();

    expect(await host.readFile('src')).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it('defaultBranch asks once and caches', async () => {
    const scope = github()
      .get(REPO_PATH)
      .once()
      .reply(200, { default_branch: 'trunk', full_name: 'acme/widgets' });
    const { host } = testHost();

    expect(await host.defaultBranch()).toBe('trunk');
    expect(await host.defaultBranch()).toBe('trunk');
    expect(scope.isDone()).toBe(true);
  });

  it('dispatchWorkflow sends the ref and the inputs, and is not retried after a 5xx', async () => {
    const sent = bodyRecorder();
    const scope = github()
      .post(`${REPO_PATH}/actions/workflows/maestro.yml/dispatches`, sent.record)
      .reply(204)
      .post(`${REPO_PATH}/actions/workflows/maestro.yml/dispatches`)
      .once()
      .reply(502, 'Bad Gateway');
    const { host } = testHost();
    const dispatch = { workflow: 'maestro.yml', ref: 'main', inputs: { issue: '12', mode: 'execute' } };

    await host.dispatchWorkflow(dispatch);
    const error = await host.dispatchWorkflow(dispatch).catch((e: unknown) => e);

    expect(scope.isDone()).toBe(true);
    expect(sent.bodies[0]).toEqual({ ref: 'main', inputs: { issue: '12', mode: 'execute' } });
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).code).toBe('github.unavailable');
  });

  it('cancelWorkflowRun tolerates 409 (already finished) and explains a 403', async () => {
    const scope = github()
      .post(`${REPO_PATH}/actions/runs/77/cancel`)
      .reply(202, {})
      .post(`${REPO_PATH}/actions/runs/78/cancel`)
      .reply(409, { message: 'Cannot cancel a workflow run that is completed.' })
      .post(`${REPO_PATH}/actions/runs/79/cancel`)
      .reply(403, { message: 'Resource not accessible by integration' });
    const { host } = testHost();

    await host.cancelWorkflowRun(77);
    await host.cancelWorkflowRun(78);
    const error = await host.cancelWorkflowRun(79).catch((e: unknown) => e);

    expect(scope.isDone()).toBe(true);
    expect((error as Error).message).toMatch(/needs the "Actions: write" permission/);
  });

  it('workflowRunState: in progress or queued is active, completed or gone has ended, 403 cannot tell', async () => {
    const scope = github()
      .get(`${REPO_PATH}/actions/runs/1`)
      .reply(200, { id: 1, status: 'in_progress', conclusion: null })
      .get(`${REPO_PATH}/actions/runs/2`)
      .reply(200, { id: 2, status: 'queued', conclusion: null })
      .get(`${REPO_PATH}/actions/runs/3`)
      .reply(200, { id: 3, status: 'completed', conclusion: 'failure' })
      .get(`${REPO_PATH}/actions/runs/4`)
      .reply(404, { message: 'Not Found' })
      .get(`${REPO_PATH}/actions/runs/5`)
      .reply(403, { message: 'Resource not accessible by integration' });
    const { host } = testHost();

    const states = [];
    for (const id of [1, 2, 3, 4, 5]) states.push(await host.workflowRunState(id));

    expect(scope.isDone()).toBe(true);
    expect(states).toEqual(['active', 'active', 'ended', 'ended', 'unknown']);
  });
});

describe('GitHub Enterprise Server', () => {
  it('uses the /api/v3 base URL for REST and /api/graphql for GraphQL', async () => {
    const ghes = nock('https://github.example.com');
    const scope = ghes
      .get('/api/v3/repos/acme/widgets/issues/7/comments')
      .query({ per_page: 100 })
      .reply(200, [])
      .post('/api/v3/repos/acme/widgets/issues/7/comments')
      .reply(201, (_uri, body) => commentJson(5, (body as { body: string }).body))
      .post('/api/graphql')
      .reply(200, { data: { viewer: { login: 'maestro-app[bot]', databaseId: 9001 } } });
    const client = testClient('https://github.example.com/api/v3');
    const { host } = testHost({ client });

    expect((await host.reply(7, 'reply:1', 'hi')).id).toBe(5);
    expect(await client.graphql('query { viewer { login databaseId } }')).toEqual({
      viewer: { login: 'maestro-app[bot]', databaseId: 9001 },
    });
    expect(scope.isDone()).toBe(true);
  });
});
