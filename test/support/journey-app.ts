import type { Probot } from 'probot';
import { OctokitIssueHost } from '../../src/adapters/github/octokit-issue-host.js';
import { type MaestroApp, type MaestroAppOptions, maestroApp } from '../../src/app/index.js';
import type { GitHubDeps } from '../../src/engine/github/github-deps.js';
import { example, listen, testProbot } from '../integration/app/webhook-support.js';
import { appBot } from './fake-github.js';
import type { Journey } from './github-journey.js';

export interface JourneyAppOptions {
  concurrency?: number;
  env?: MaestroAppOptions['env'];
  handle?: MaestroAppOptions['handle'];
  /** Replaces parts of the App's dependencies (e.g. a model that must never be opened). */
  deps?: Partial<GitHubDeps>;
}

/**
 * The App as a webhook server in front of a journey: Probot's real middleware and the App's
 * queue, its own client (Probot's installation Octokit) talking to the journey's fake GitHub as
 * the App's bot, and the journey's model and checkout. Pushes its closers onto `cleanups`.
 */
export async function startJourneyApp(
  j: Journey,
  cleanups: Array<() => unknown>,
  options: JourneyAppOptions = {},
): Promise<{ url: string; maestro: MaestroApp }> {
  let maestro!: MaestroApp;
  const server = await listen((app: Probot) => {
    maestro = maestroApp(app, {
      concurrency: options.concurrency ?? 4,
      reconcileMinutes: 0,
      gitBaseUrl: 'https://github.com',
      secrets: [],
      ...(options.env ? { env: options.env } : {}),
      ...(options.handle ? { handle: options.handle } : {}),
      depsFor: (target): GitHubDeps => ({
        ...j.deps,
        role: 'app',
        host: new OctokitIssueHost({ client: target.client, repo: target.repo, self: appBot, settleMs: 0 }),
        ...options.deps,
      }),
    });
  }, testProbot());
  cleanups.push(server.close, () => maestro.stop());
  return { url: server.url, maestro };
}

/** GitHub's recorded repository, renamed to the journey's fake one. */
export function journeyRepository(j: Journey) {
  const base = example('issues', 'labeled').repository as { owner: object };
  return {
    ...base,
    name: j.fake.repo,
    full_name: `${j.fake.owner}/${j.fake.repo}`,
    owner: { ...base.owner, login: j.fake.owner },
  };
}

/** GitHub's recorded issue, carrying the fake issue's number, text, author, labels and time. */
export function journeyIssuePayload(j: Journey, n: number) {
  const issue = j.fake.issues.get(n)!;
  return {
    ...(example('issues', 'labeled').issue as object),
    number: n,
    title: issue.title,
    body: issue.body,
    user: issue.user,
    labels: issue.labels.map((name) => ({ name })),
    updated_at: issue.events.at(-1)?.created_at,
  };
}
