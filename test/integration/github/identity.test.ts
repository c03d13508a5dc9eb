import { describe, expect, it } from 'vitest';
import { actionsBot, appBotIdentity, identifyTokenOwner } from '../../../src/adapters/github/identity.js';
import { GitHubApiError } from '../../../src/core/errors.js';
import { github, testClient } from './github-test-kit.js';

describe('identifyTokenOwner', () => {
  it('a personal access token: GET /user', async () => {
    const scope = github().get('/user').reply(200, { login: 'octocat', id: 583231, type: 'User' });

    expect(await identifyTokenOwner(testClient())).toEqual({ login: 'octocat', id: 583231, type: 'User' });
    expect(scope.isDone()).toBe(true);
  });

  it('an installation token: /user refuses, GraphQL viewer names the App bot', async () => {
    const scope = github()
      .get('/user')
      .reply(403, { message: 'Resource not accessible by integration' })
      .post('/graphql', (body: { query: string }) => body.query.includes('viewer'))
      .reply(200, { data: { viewer: { login: 'maestro-app[bot]', databaseId: 9001 } } });

    expect(await identifyTokenOwner(testClient())).toEqual({
      login: 'maestro-app[bot]',
      id: 9001,
      type: 'Bot',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('the Actions GITHUB_TOKEN: neither answers, so github-actions[bot]', async () => {
    const scope = github()
      .get('/user')
      .reply(403, { message: 'Resource not accessible by integration' })
      .post('/graphql')
      .reply(200, { errors: [{ message: 'Resource not accessible by integration' }] });

    expect(await identifyTokenOwner(testClient())).toEqual(actionsBot);
    expect(actionsBot).toEqual({ login: 'github-actions[bot]', id: 41898282, type: 'Bot' });
    expect(scope.isDone()).toBe(true);
  });
});

describe('appBotIdentity', () => {
  it('GET /app gives the slug, GET /users/<slug>[bot] the id', async () => {
    const scope = github()
      .get('/app')
      .reply(200, { id: 1234, slug: 'maestro-app', name: 'Maestro' })
      .get('/users/maestro-app%5Bbot%5D')
      .reply(200, { login: 'maestro-app[bot]', id: 9001, type: 'Bot' });

    expect(await appBotIdentity(testClient())).toEqual({ login: 'maestro-app[bot]', id: 9001, type: 'Bot' });
    expect(scope.isDone()).toBe(true);
  });

  it('a bad JWT is a GitHubApiError that says what to check', async () => {
    const scope = github().get('/app').reply(401, { message: 'A JSON web token could not be decoded' });

    const error = await appBotIdentity(testClient()).catch((e: unknown) => e);

    expect(scope.isDone()).toBe(true);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(/HTTP 401.*check APP_ID and the private key/);
  });
});

describe('identifyTokenOwner when GitHub does not answer', () => {
  it('a 5xx is an error, never a guess of github-actions[bot]', async () => {
    const scope = github().get('/user').times(4).reply(502, 'Bad Gateway');

    const error = await identifyTokenOwner(testClient()).catch((e: unknown) => e);

    expect(scope.isDone()).toBe(true);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(/Couldn't tell which account/);
  });
});
