import type { Context, ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import type { GitHubRequester } from '../../../src/adapters/github/github-client.js';
import { createOctokit } from '../../../src/adapters/github/octokit.js';
import { OctokitIssueHost } from '../../../src/adapters/github/octokit-issue-host.js';
import { BOT, github, memoryLogger, TOKEN } from './github-test-kit.js';

/** Throttling on (the real setting), waits scaled to milliseconds. */
function throttledClient(logger = memoryLogger()) {
  const client = createOctokit({
    token: TOKEN,
    logger,
    retry: { retryAfterBaseValue: 1 },
    throttle: { retryAfterBaseValue: 10 },
  });
  return { client, logger };
}

describe('createOctokit', () => {
  it('waits out a primary rate limit (403, x-ratelimit-remaining: 0) and retries', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 1);
    const scope = github()
      .matchHeader('authorization', `token ${TOKEN}`)
      .get('/repos/acme/widgets')
      .reply(
        403,
        { message: 'API rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset, 'retry-after': '1' },
      )
      .get('/repos/acme/widgets')
      .reply(200, { default_branch: 'main' });
    const { client, logger } = throttledClient();

    const started = Date.now();
    const response = await client.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'widgets' });

    expect(scope.isDone()).toBe(true);
    expect(response.data).toEqual({ default_branch: 'main' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(logger.lines.join('\n')).toMatch(
      /warn: GitHub rate limit hit on GET .*retrying in \d+s \(retry 1\/2\)/,
    );
  });

  it('gives up after two rate-limit retries', async () => {
    const scope = github()
      .get('/repos/acme/widgets')
      .times(3)
      .reply(
        403,
        { message: 'API rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0' },
      );
    const { client, logger } = throttledClient();

    const error = await client.request('GET /repos/acme/widgets').catch((e: unknown) => e);

    expect(scope.isDone()).toBe(true);
    expect((error as { status: number }).status).toBe(403);
    expect(logger.lines.join('\n')).toMatch(/giving up/);
  });

  it('retries a secondary rate limit once', async () => {
    const secondary = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes.' };
    const scope = github().get('/repos/acme/widgets').times(2).reply(403, secondary, { 'retry-after': '1' });
    const { client } = throttledClient();

    const error = await client.request('GET /repos/acme/widgets').catch((e: unknown) => e);

    expect(scope.isDone()).toBe(true);
    expect((error as { status: number }).status).toBe(403);
  });

  it('accepts Probot’s context.octokit without a cast (type check)', () => {
    const fromProbot = (context: Context<'issue_comment.created'>) =>
      new OctokitIssueHost({ client: context.octokit, repo: { owner: 'a', repo: 'b' }, self: BOT });
    const probotClient: (octokit: ProbotOctokit) => GitHubRequester = (octokit) => octokit;
    expect(typeof fromProbot).toBe('function');
    expect(typeof probotClient).toBe('function');
  });
});
