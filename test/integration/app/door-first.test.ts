import { describe, expect, it } from 'vitest';
import { appBot, FakeGitHub } from '../../support/fake-github.js';
import { serveFakeGitHub } from '../../support/fake-github-server.js';
import { cleanups, startApp, untilFinished } from './app-child.js';
import { deliver, example } from './webhook-support.js';

/*
 * `npm start` answers WEBHOOK_PATH ahead of Probot's request logger (webhook-door.ts, doorFirst):
 * at LOG_LEVEL=info a delivery leaves Maestro's own line for its job and no "request completed"
 * line, while Probot's other routes still pass through that logger.
 */

describe('deliveries ahead of Probot’s request logger', () => {
  it('logs a delivery by its job, not by pino-http; /ping is still logged by Probot', async () => {
    const fake = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World' });
    fake.tokens.set(`ghs_${'D'.repeat(36)}`, appBot);
    fake.addIssue({ title: 'one', body: 'text', user: { login: 'Codertocat', id: 21031067, type: 'User' } });
    const github = await serveFakeGitHub(fake);
    cleanups.push(() => github.close());
    const app = await startApp(github);

    const payload = example<{ issue: { number: number } }>('issues', 'labeled');
    payload.issue.number = 1;
    expect((await deliver(app.url, { event: 'issues', payload })).status).toBe(200);
    expect((await fetch(`${app.base}/ping`)).status).toBe(200);
    await untilFinished(app, 1);
    const lines = app
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; name?: string });
    expect(lines.some((l) => l.msg?.includes('ignored (label bug)'))).toBe(true);
    const http = lines.filter((l) => l.name === 'http').map((l) => l.msg ?? '');
    expect(http).toContainEqual(expect.stringMatching(/^GET \/ping 200 - \d+ms$/));
    expect(http.filter((msg) => msg.startsWith('POST'))).toEqual([]);
  }, 60_000);
});
