import { describe, expect, it } from 'vitest';
import { GitHubApiError } from '../../../src/core/errors.js';
import {
  ALICE,
  BOT,
  bodyRecorder,
  commentJson,
  github,
  issueJson,
  REPO_PATH,
  testHost,
} from './github-test-kit.js';

const LABELS = `${REPO_PATH}/issues/7/labels`;

describe('setStatus', () => {
  it('removes every other maestro: label, keeps the trigger label, then adds the new one', async () => {
    const added = bodyRecorder();
    const scope = github()
      .get(LABELS)
      .query({ per_page: 100 })
      .reply(200, [
        { name: 'maestro' },
        { name: 'maestro:planning' },
        { name: 'Maestro:Running' },
        { name: 'bug' },
      ])
      .delete(`${LABELS}/maestro%3Aplanning`)
      .reply(200, [])
      .delete(`${LABELS}/Maestro%3ARunning`)
      .reply(404, { message: 'Label does not exist' })
      .post(LABELS, added.record)
      .reply(200, [{ name: 'maestro:awaiting-approval' }]);
    const { host } = testHost();

    await host.setStatus(7, 'maestro:awaiting-approval');

    expect(scope.isDone()).toBe(true);
    expect(added.bodies).toEqual([{ labels: ['maestro:awaiting-approval'] }]);
  });

  it('adds nothing when the label is already the only status', async () => {
    const scope = github()
      .get(LABELS)
      .query({ per_page: 100 })
      .reply(200, [{ name: 'maestro' }, { name: 'maestro:running' }]);
    const { host } = testHost();

    await host.setStatus(7, 'maestro:running');

    expect(scope.isDone()).toBe(true);
  });

  it('a 403 on removal is an error naming the permission', async () => {
    const scope = github()
      .get(LABELS)
      .query({ per_page: 100 })
      .reply(200, [{ name: 'maestro:planning' }])
      .delete(`${LABELS}/maestro%3Aplanning`)
      .reply(403, { message: 'Resource not accessible by integration' });
    const { host } = testHost();

    const error = await host.setStatus(7, 'maestro:failed').catch((e: unknown) => e);

    expect(scope.isDone()).toBe(true);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(/Issues: write/);
  });
});

describe('issues and comments', () => {
  it('listOpenIssues asks for open issues with the label and leaves pull requests out', async () => {
    const scope = github()
      .get(`${REPO_PATH}/issues`)
      .query({ labels: 'maestro:running', state: 'open', per_page: 100 })
      .reply(200, [
        issueJson(3, { labels: ['maestro:running'] }),
        issueJson(4, { labels: ['maestro:running'], pr: true }),
        issueJson(5, { labels: ['maestro:running'] }),
      ]);
    const { host } = testHost();

    const issues = await host.listOpenIssues('maestro:running');

    expect(scope.isDone()).toBe(true);
    expect(issues.map((i) => i.number)).toEqual([3, 5]);
    expect(issues[0]).toMatchObject({ labels: ['maestro:running'], author: ALICE, isPullRequest: false });
  });

  it('getIssue maps the fields; a pull request is flagged', async () => {
    const scope = github()
      .get(`${REPO_PATH}/issues/4`)
      .reply(200, issueJson(4, { pr: true, title: 'A PR' }));
    const { host } = testHost();

    expect(await host.getIssue(4)).toEqual({
      number: 4,
      title: 'A PR',
      body: 'Please add a login page.',
      labels: [],
      author: ALICE,
      state: 'open',
      url: 'https://github.com/acme/widgets/issues/4',
      isPullRequest: true,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('getComment returns undefined for a deleted comment and maps a ghost author', async () => {
    const scope = github()
      .get(`${REPO_PATH}/issues/comments/8`)
      .reply(404, { message: 'Not Found' })
      .get(`${REPO_PATH}/issues/comments/9`)
      .reply(200, { ...commentJson(9, 'hi'), user: null });
    const { host } = testHost();

    expect(await host.getComment(8)).toBeUndefined();
    expect((await host.getComment(9))?.author.login).toBe('ghost');
    expect(scope.isDone()).toBe(true);
  });

  it('react posts to the comment or the issue, and only logs a failure', async () => {
    const scope = github()
      .post(`${REPO_PATH}/issues/comments/8/reactions`, { content: 'eyes' })
      .reply(201, {})
      .post(`${REPO_PATH}/issues/7/reactions`, { content: 'rocket' })
      .reply(403, { message: 'Forbidden' });
    const { host, logger } = testHost();

    await host.react({ commentId: 8 }, 'eyes');
    await expect(host.react({ issue: 7 }, 'rocket')).resolves.toBeUndefined();

    expect(scope.isDone()).toBe(true);
    expect(logger.lines.join('\n')).toMatch(/warn: Couldn't react rocket to issue #7 \(HTTP 403\)/);
  });
});

describe('lastLabeled', () => {
  it('returns the actor and time of the last labelling with that label', async () => {
    const events = `${REPO_PATH}/issues/7/events`;
    const actor = (a: typeof ALICE) => ({ login: a.login, id: a.id, type: a.type });
    const scope = github()
      .get(events)
      .query({ per_page: 100 })
      .reply(200, [
        {
          id: 1,
          event: 'labeled',
          actor: actor(ALICE),
          created_at: '2026-01-01T00:00:00Z',
          label: { name: 'maestro' },
        },
        {
          id: 2,
          event: 'unlabeled',
          actor: actor(ALICE),
          created_at: '2026-01-02T00:00:00Z',
          label: { name: 'maestro' },
        },
        {
          id: 3,
          event: 'labeled',
          actor: actor(BOT),
          created_at: '2026-01-03T00:00:00Z',
          label: { name: 'Maestro' },
        },
        {
          id: 4,
          event: 'labeled',
          actor: actor(ALICE),
          created_at: '2026-01-04T00:00:00Z',
          label: { name: 'bug' },
        },
        { id: 5, event: 'renamed', actor: actor(ALICE), created_at: '2026-01-05T00:00:00Z' },
      ])
      .get(`${REPO_PATH}/issues/8/events`)
      .query({ per_page: 100 })
      .reply(200, []);
    const { host } = testHost();

    expect(await host.lastLabeled(7, 'maestro')).toEqual({ actor: BOT, at: '2026-01-03T00:00:00Z' });
    expect(await host.lastLabeled(8, 'maestro')).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });
});
