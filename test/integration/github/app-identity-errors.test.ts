import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { appBotIdentity } from '../../../src/adapters/github/identity.js';
import { github, testClient } from './github-test-kit.js';

// `GET /app` is the App's first call with its JWT; what failed decides what the operator checks.
describe('appBotIdentity when it cannot read the App', () => {
  afterEach(() => nock.cleanAll());

  it('a DNS failure says GitHub could not be reached, not "HTTP 500: check APP_ID"', async () => {
    github()
      .get('/app')
      .times(4)
      .replyWithError(
        Object.assign(new Error('getaddrinfo ENOTFOUND api.github.com'), { code: 'ENOTFOUND' }),
      );

    const error = await appBotIdentity(testClient()).catch((e: unknown) => e);

    const message = (error as Error).message;
    expect(message).toContain("Couldn't reach GitHub to read the App (");
    expect(message).toContain('ENOTFOUND');
    expect(message).toContain('check the network, DNS and any HTTPS_PROXY');
    expect(message).not.toMatch(/HTTP 500/);
    expect(message).not.toMatch(/check APP_ID/);
  });

  it('a 5xx answer is GitHub’s side: retry later', async () => {
    github().get('/app').times(4).reply(502, 'Bad Gateway');
    const error = await appBotIdentity(testClient()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^GitHub failed to answer for the App \(HTTP 502\); retry later/,
    );
  });

  it('a refusal points at the credentials', async () => {
    github().get('/app').reply(401, { message: 'A JSON web token could not be decoded' });
    const error = await appBotIdentity(testClient()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/HTTP 401\): check APP_ID and the private key/);
  });
});
