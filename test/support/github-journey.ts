import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createExecutor } from '../../src/adapters/executors/index.js';
import { GitRepositoryReader } from '../../src/adapters/git/git-repository-reader.js';
import { SimpleGitWorkspace } from '../../src/adapters/git/simple-git-workspace.js';
import { createOctokit } from '../../src/adapters/github/octokit.js';
import { OctokitIssueHost } from '../../src/adapters/github/octokit-issue-host.js';
import { FsSessionStore } from '../../src/adapters/local/fs-session-store.js';
import { ScriptedModel } from '../../src/adapters/model/scripted-model.js';
import { defaultConfig } from '../../src/core/config/config-schema.js';
import { priceTable, UsageLedger } from '../../src/core/usage/usage-ledger.js';
import type { ExecutionDeps, GitHubDeps } from '../../src/engine/github/github-deps.js';
import type { IssueEvent } from '../../src/engine/github/issue-events.js';
import { memoryCacheStore } from '../../src/ports/cache-port.js';
import { systemClock } from '../../src/ports/clock-port.js';
import { silentLogger } from '../../src/ports/logger-port.js';
import { bareOrigin } from './bare-origin.js';
import { appBot, type FakeActor, FakeGitHub } from './fake-github.js';
import { testSandbox } from './sandbox.js';
import { git, tempDir } from './temp-repo.js';

/**
 * The pieces of a GitHub journey on the demo's sample project: a fake GitHub (HTTP edge), a real
 * git repository with a bare origin, the real Octokit adapter, and the demo's recorded model
 * session (the planning answer recorded twice: once for the first plan, once for the answer round).
 */
export const APP_TOKEN = `ghs_${'A'.repeat(36)}`;
export const ALICE: FakeActor = { login: 'alice', id: 501, type: 'User' };
export const MALLORY: FakeActor = { login: 'mallory', id: 666, type: 'User' };

const DEMO = join(import.meta.dirname, '..', '..', 'demo');

export interface Journey {
  fake: FakeGitHub;
  root: string;
  origin: ReturnType<typeof bareOrigin>;
  host: OctokitIssueHost;
  model: ScriptedModel;
  ledger: UsageLedger;
  modelCalls: () => number;
  deps: GitHubDeps;
  execution(options?: { dryRun?: boolean; signal?: AbortSignal }): Promise<ExecutionDeps>;
  issueText: { title: string; body: string };
  dispose(): void;
}

export function demoIssue(): { title: string; body: string } {
  const text = readFileSync(join(DEMO, 'issue.md'), 'utf8').replace(/^---[\s\S]*?---\n/, '');
  const [first, ...rest] = text.trim().split('\n');
  return { title: (first ?? '').replace(/^#\s*/, ''), body: rest.join('\n').trim() };
}

export function demoSession(): unknown {
  const session = JSON.parse(readFileSync(join(DEMO, 'session.json'), 'utf8')) as {
    entries: Array<{ name: string }>;
  };
  const plan = session.entries[0];
  return { ...session, entries: [plan, plan, ...session.entries.slice(1)] };
}

export function startJourney(options: { session?: unknown; config?: string } = {}): Journey {
  const dir = tempDir();
  const root = dir.path;
  cpSync(join(DEMO, 'sample'), root, { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'sample');
  const origin = bareOrigin(root);

  const fake = new FakeGitHub().start();
  // The Action pushes to https://github.com/<owner>/<repo>.git, built from the event, never to the
  // checkout's origin; the runner's (trusted, pre-run) git config sends that URL to the bare origin.
  git(root, 'config', `url.${origin.path}.insteadOf`, `https://github.com/${fake.owner}/${fake.repo}.git`);
  fake.tokens.set(APP_TOKEN, appBot);
  fake.permissions.set(ALICE.login, 'admin');
  fake.permissions.set(MALLORY.login, 'read');
  if (options.config) fake.files.set('.github/maestro.yml', options.config);

  const client = createOctokit({
    token: APP_TOKEN,
    retry: { retryAfterBaseValue: 1 },
    throttle: { enabled: false },
  });
  const host = new OctokitIssueHost({
    client,
    repo: { owner: fake.owner, repo: fake.repo },
    self: appBot,
    secrets: [APP_TOKEN],
    settleMs: 0,
  });
  const ledger = new UsageLedger(priceTable(defaultConfig().model.prices));
  const model = ScriptedModel.fromValue(options.session ?? demoSession(), 'demo session', { ledger });
  let opened = 0;
  const deps: GitHubDeps = {
    host,
    clock: systemClock,
    logger: silentLogger,
    role: 'action',
    openModel: async () => {
      opened += 1;
      return { model, ledger, label: 'replay' };
    },
    checkout: async () => GitRepositoryReader.open(root),
    cache: memoryCacheStore(),
  };
  const stores = tempDir();
  return {
    fake,
    root,
    origin,
    host,
    model,
    ledger,
    modelCalls: () => opened,
    deps,
    async execution(o = {}) {
      const workspace = await SimpleGitWorkspace.open(root);
      return {
        workspace,
        openSandbox: () => testSandbox({ repoRoot: root }),
        executorFor: (config, m, sandbox) =>
          createExecutor(config.executor, { model: m, shell: sandbox.shell, clock: systemClock }),
        store: new FsSessionStore(stores.path),
        signal: o.signal ?? new AbortController().signal,
        defaultToken: true,
        dryRun: o.dryRun,
      };
    },
    issueText: demoIssue(),
    dispose() {
      fake.stop();
      origin.dispose();
      dir.dispose();
      stores.dispose();
    },
  };
}

/** A person posts a comment on the fake GitHub; the event is what its webhook would carry. */
export function commentEvent(j: Journey, issue: number, body: string, user: FakeActor = ALICE): IssueEvent {
  const c = j.fake.comment(issue, body, user);
  return {
    kind: 'comment',
    issue,
    isPullRequest: false,
    comment: { id: c.id, body, author: user, createdAt: c.created_at, updatedAt: c.updated_at, url: '' },
  };
}

/**
 * The demo session plus one post-PR iteration (`implement:FIX1.T1`): one agent turn per entry of
 * `turns` (its tool calls), then the requirement check the iteration's validation asks for.
 */
export function demoSessionWithFix(turns: unknown[][]): unknown {
  const session = demoSession() as { entries: Array<{ name: string }> };
  const check = session.entries.find((e) => e.name === 'check-requirements')!;
  const usage = { inputTokens: 800, outputTokens: 90, cachedInputTokens: 0, cacheWriteTokens: 0 };
  const turn = (toolCalls: unknown[]) => ({
    name: 'implement:FIX1.T1',
    phase: 'implementation',
    toolTurn: { text: '', toolCalls, finishReason: 'tool-calls' },
    usage,
    model: 'claude-sonnet-4-5',
  });
  return { ...session, entries: [...session.entries, ...turns.map(turn), check] };
}
