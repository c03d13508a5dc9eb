import { describe, expect, it } from 'vitest';
import { GitHubApiError } from '../../../src/core/errors.js';
import type { PullRequestDraft } from '../../../src/ports/issue-host-port.js';
import {
  bodyRecorder,
  CONFIGURED_SECRET,
  github,
  PLANTED_PAT,
  pullJson,
  REPO_PATH,
  testHost,
} from './github-test-kit.js';

const HEAD = 'maestro/issue-12-add-login';
const PULLS = `${REPO_PATH}/pulls`;
const openFromHead = { head: `acme:${HEAD}`, state: 'open' };

const draft: PullRequestDraft = {
  head: HEAD,
  base: 'main',
  title: `Add a login page @everyone ${PLANTED_PAT}`,
  body: `Done.\n\nCloses #12\nFixes #99\nLeaked ${PLANTED_PAT} and ${CONFIGURED_SECRET}`,
  draft: true,
  issue: 12,
};

describe('createOrUpdatePullRequest', () => {
  it('creates a PR (no retries) with a redacted body keeping only Closes #<issue>', async () => {
    const created = bodyRecorder();
    const scope = github()
      .get(PULLS)
      .query(openFromHead)
      .reply(200, [])
      .post(PULLS, created.record)
      .reply(201, pullJson(40, HEAD));
    const { host } = testHost();

    const result = await host.createOrUpdatePullRequest(draft);

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      kind: 'created',
      pr: {
        number: 40,
        url: 'https://github.com/acme/widgets/pull/40',
        draft: true,
        head: HEAD,
        base: 'main',
        state: 'open',
        headSha: 'abc123',
        baseSha: 'def456',
      },
    });
    const sent = created.bodies[0] as {
      title: string;
      body: string;
      head: string;
      base: string;
      draft: boolean;
    };
    expect(sent).toMatchObject({ head: HEAD, base: 'main', draft: true });
    expect(sent.title).toBe('Add a login page `@everyone` [REDACTED]');
    expect(sent.body).toContain('Closes #12');
    expect(sent.body).toContain('`Fixes #99`'); // shown, but no longer closes #99
    expect(created.raw()).not.toContain(PLANTED_PAT);
    expect(created.raw()).not.toContain(CONFIGURED_SECRET);
  });

  it('updates the open PR from the same branch instead of creating one', async () => {
    const patched = bodyRecorder();
    const scope = github()
      .get(PULLS)
      .query(openFromHead)
      .reply(200, [pullJson(41, HEAD)])
      .patch(`${PULLS}/41`, patched.record)
      .reply(200, pullJson(41, HEAD));
    const { host } = testHost();

    const result = await host.createOrUpdatePullRequest(draft);

    expect(scope.isDone()).toBe(true);
    expect(result.kind).toBe('updated');
    expect(Object.keys(patched.bodies[0] ?? {}).sort()).toEqual(['body', 'title']);
  });

  it('treats 422 "A pull request already exists" as success: finds and updates it', async () => {
    const scope = github()
      .get(PULLS)
      .query(openFromHead)
      .reply(200, [])
      .post(PULLS)
      .reply(422, {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `A pull request already exists for acme:${HEAD}.`,
          },
        ],
      })
      .get(PULLS)
      .query(openFromHead)
      .reply(200, [pullJson(42, HEAD)])
      .patch(`${PULLS}/42`)
      .reply(200, pullJson(42, HEAD));
    const { host, logger } = testHost();

    const result = await host.createOrUpdatePullRequest(draft);

    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ kind: 'updated', pr: { number: 42 } });
    expect(logger.lines.join('\n')).toMatch(/already exists; updating it/);
  });

  it('after an ambiguous 502 finds the PR that was opened and updates it: never a second create', async () => {
    const posts = bodyRecorder();
    const scope = github()
      .get(PULLS)
      .query(openFromHead)
      .reply(200, [])
      .post(PULLS, posts.record)
      .reply(502, 'Bad Gateway')
      .get(PULLS)
      .query(openFromHead)
      .reply(200, [pullJson(43, HEAD)])
      .patch(`${PULLS}/43`)
      .reply(200, pullJson(43, HEAD));
    const { host } = testHost();

    const result = await host.createOrUpdatePullRequest(draft);

    expect(scope.isDone()).toBe(true);
    expect(posts.bodies).toHaveLength(1);
    expect(result).toMatchObject({ kind: 'updated', pr: { number: 43 } });
  });

  it('a second ambiguous failure is an error, not a third POST', async () => {
    const scope = github()
      .get(PULLS)
      .query(openFromHead)
      .times(2)
      .reply(200, [])
      .post(PULLS)
      .times(2)
      .reply(503, { message: 'Service Unavailable' });
    const { host } = testHost();

    const error = await host.createOrUpdatePullRequest(draft).catch((e: unknown) => e);

    expect(scope.isDone()).toBe(true);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(/Couldn't open a pull request from maestro\/issue-12-add-login/);
  });

  it('changes the draft state through GraphQL with the PR node id', async () => {
    const queries = bodyRecorder();
    const scope = github()
      .get(PULLS)
      .query(openFromHead)
      .reply(200, [pullJson(44, HEAD, { draft: true })])
      .patch(`${PULLS}/44`)
      .reply(200, pullJson(44, HEAD, { draft: true }))
      .post('/graphql', queries.record)
      .reply(200, { data: { markPullRequestReadyForReview: { clientMutationId: null } } });
    const { host } = testHost();

    const result = await host.createOrUpdatePullRequest({ ...draft, draft: false });

    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ kind: 'updated', pr: { number: 44, draft: false } });
    expect(queries.bodies[0]).toMatchObject({ variables: { id: 'PR_node_44' } });
    expect(String(queries.bodies[0]?.query)).toContain('markPullRequestReadyForReview');
  });
});

describe('other pull request calls', () => {
  it('findPullRequest and getPullRequest (404 → undefined)', async () => {
    const scope = github()
      .get(PULLS)
      .query(openFromHead)
      .reply(200, [pullJson(45, HEAD, { draft: false })])
      .get(`${PULLS}/46`)
      .reply(404, { message: 'Not Found' });
    const { host } = testHost();

    expect(await host.findPullRequest(HEAD)).toMatchObject({ number: 45, draft: false, head: HEAD });
    expect(await host.getPullRequest(46)).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it('requestReview posts the reviewers and tolerates 422', async () => {
    const scope = github()
      .post(`${PULLS}/47/requested_reviewers`, { reviewers: ['alice', 'bob'] })
      .reply(201, {})
      .post(`${PULLS}/48/requested_reviewers`)
      .reply(422, { message: 'Reviews may only be requested from collaborators.' });
    const { host, logger } = testHost();

    await host.requestReview(47, ['alice', 'bob']);
    await host.requestReview(48, ['stranger']);
    await host.requestReview(49, []);

    expect(scope.isDone()).toBe(true);
    expect(logger.lines.join('\n')).toMatch(/warn: GitHub refused the review request on #48/);
  });
});
