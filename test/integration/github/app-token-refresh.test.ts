import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OctokitIssueHost } from '../../../src/adapters/github/octokit-issue-host.js';
import { type InstallationClient, installationToken } from '../../../src/app/github-deps.js';
import type { GitHubDeps } from '../../../src/engine/github/github-deps.js';
import { handleIssueEvent } from '../../../src/engine/github/handle-issue-event.js';
import { appBot } from '../../support/fake-github.js';
import { ALICE, APP_TOKEN, type Journey, startJourney } from '../../support/github-journey.js';
import { testProbot } from '../app/webhook-support.js';

/*
 * The App's own long operations run on Probot's installation client (octokit-auth-probot over
 * @octokit/auth-app): a planning that outlives its installation token makes its later requests
 * with a new one. The clock is faked (Date only); the fake GitHub's token endpoint hands out the
 * App's current token, and the old one stops acting as the App once it is replaced.
 */

const INSTALLATION = 4242;
const NEW_TOKEN = `ghs_${'B'.repeat(36)}`;
const MINUTE = 60_000;

let journey: Journey | undefined;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-07T09:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  journey?.dispose();
  journey = undefined;
});

describe("the App's installation token during a long planning", () => {
  it('is minted again once it expires: the planning’s later requests carry the new token', async () => {
    const j = startJourney();
    journey = j;
    const issue = j.fake.addIssue({ ...j.issueText, user: ALICE });
    const at = j.fake.label(issue.number, 'maestro', ALICE);

    const client = (await testProbot().auth(INSTALLATION)) as unknown as InstallationClient;
    const start = Date.now();
    let expiredAt = -1;
    const openModel: GitHubDeps['openModel'] = async (config) => {
      const opened = await j.deps.openModel(config);
      // The model's first answer takes 61 minutes: the token minted at the start has expired,
      // and GitHub now knows the App by its new token only.
      const slow = new Proxy(opened.model, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (expiredAt < 0) {
              vi.setSystemTime(new Date(start + 61 * MINUTE));
              j.fake.tokens.delete(APP_TOKEN);
              j.fake.tokens.set(NEW_TOKEN, appBot);
              expiredAt = j.fake.log.length;
            }
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      return { ...opened, model: slow };
    };
    const deps: GitHubDeps = {
      ...j.deps,
      role: 'app',
      openModel,
      host: new OctokitIssueHost({ client, repo: j.host.repo, self: appBot, settleMs: 0 }),
    };

    const planned = await handleIssueEvent(
      { kind: 'labeled', issue: issue.number, label: 'maestro', sender: ALICE, at },
      deps,
    );

    expect(planned).toMatchObject({ kind: 'planned' });
    expect(expiredAt).toBeGreaterThan(0);
    const mints = j.fake.log.filter((r) => r.path === `/app/installations/${INSTALLATION}/access_tokens`);
    expect(mints).toHaveLength(2);
    const repoRequests = (from: number, to?: number) =>
      j.fake.log.slice(from, to).filter((r) => r.path.startsWith(j.fake.repoPath));
    const before = repoRequests(0, expiredAt);
    const after = repoRequests(expiredAt);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(before.map((r) => r.token))).toEqual(new Set([APP_TOKEN]));
    expect(new Set(after.map((r) => r.token))).toEqual(new Set([NEW_TOKEN]));
    // The plan comment was written as the App (by its new token), not as nobody.
    const plan = j.fake.commentsOn(issue.number).find((c) => c.body.includes('Maestro plan'));
    expect(plan?.user.id).toBe(appBot.id);
    // The discovery clone asks for the token when it starts, never keeps one from earlier.
    expect(await installationToken(client)).toBe(NEW_TOKEN);
  });
});
