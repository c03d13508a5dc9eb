import { describe, expect, it } from 'vitest';
import { appBot, FakeGitHub } from '../../support/fake-github.js';
import { serveFakeGitHub } from '../../support/fake-github-server.js';
import { startTestRedis } from '../../support/redis-server.js';
import { cleanups, startApp, untilFinished } from './app-child.js';
import { deliver, example } from './webhook-support.js';

/*
 * `npm start` as a real process (the job thread, the real engine and Octokit host) against the
 * fake GitHub over HTTP: deliveries that saw the same version of the default branch share one read
 * of `.github/maestro.yml`; a push (a new `pushed_at`) makes the next job read it again, and what
 * it reads takes effect.
 */

const TOKEN = `ghs_${'C'.repeat(36)}`;
const CONFIG = '/repos/Codertocat/Hello-World/contents/.github%2Fmaestro.yml';

/** A signed `issues.labeled` for `issue`, its repository at the version `pushedAt`. */
function labeled(issue: number, label: string, pushedAt: string) {
  const payload = example<{
    issue: { number: number };
    label: { name: string };
    repository: { pushed_at: unknown; default_branch: string };
  }>('issues', 'labeled');
  payload.issue.number = issue;
  payload.label.name = label;
  payload.repository.pushed_at = pushedAt;
  return { event: 'issues', payload };
}

describe('the repository config, read once per version of the default branch', () => {
  it.each([
    ['in memory', false],
    ['with Redis (the version travels with the stored job)', true],
  ])(
    '%s: jobs of one version share a read; after a push the next job reads the new config and acts on it',
    async (_, withRedis) => {
      const fake = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World' });
      fake.tokens.set(TOKEN, appBot);
      fake.permissions.set('Codertocat', 'write');
      for (let i = 0; i < 7; i++)
        fake.addIssue({
          title: `issue ${i}`,
          body: 'text',
          user: { login: 'Codertocat', id: 21031067, type: 'User' },
        });
      const github = await serveFakeGitHub(fake);
      cleanups.push(() => github.close());
      const redis = withRedis ? await startTestRedis() : undefined;
      if (redis) cleanups.push(() => redis.close());
      const app = await startApp(github, redis?.url);
      const configReads = () =>
        fake.log.filter((r) => r.method === 'GET' && r.path.startsWith(CONFIG)).length;

      // Five deliveries that saw the same default branch, a label that is not the trigger: one read.
      for (let issue = 1; issue <= 5; issue++)
        expect((await deliver(app.url, labeled(issue, 'bug', '2026-01-01T00:00:00Z'))).status).toBe(200);
      await untilFinished(app, 5);
      expect(app.output().match(/ignored \(label bug\)/g)).toHaveLength(5);
      expect(configReads()).toBe(1);

      // A push makes `bug` the trigger label: the next delivery carries the push's time, and acts.
      fake.files.set('.github/maestro.yml', 'trigger:\n  label: bug\nplanning:\n  runs_in: action\n');
      expect((await deliver(app.url, labeled(6, 'bug', '2026-01-02T00:00:00Z'))).status).toBe(200);
      await untilFinished(app, 6);
      expect(configReads()).toBe(2);
      expect(fake.issues.get(6)?.reactions).toContain('eyes');
      expect(app.output()).toMatch(/#6: plan-in-action/);
    },
    90_000,
  );

  it('a delivery without the version (no pushed_at) reads the config for itself', async () => {
    const fake = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World' });
    fake.tokens.set(TOKEN, appBot);
    for (let i = 0; i < 3; i++)
      fake.addIssue({
        title: `issue ${i}`,
        body: 'text',
        user: { login: 'Codertocat', id: 21031067, type: 'User' },
      });
    const github = await serveFakeGitHub(fake);
    cleanups.push(() => github.close());
    const app = await startApp(github);

    for (let issue = 1; issue <= 3; issue++) {
      const delivery = labeled(issue, 'bug', 'unused');
      delete (delivery.payload.repository as { pushed_at?: unknown }).pushed_at;
      expect((await deliver(app.url, delivery)).status).toBe(200);
    }
    await untilFinished(app, 3);
    expect(fake.log.filter((r) => r.method === 'GET' && r.path.startsWith(CONFIG))).toHaveLength(3);
  }, 90_000);
});
