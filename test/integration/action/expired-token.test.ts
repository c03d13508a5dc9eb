import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failureOf } from '../../../src/action/outcome.js';
import { runAction } from '../../../src/action/runner.js';
import { EXPIRED_TOKEN_HINT } from '../../../src/action/wiring.js';
import { basicAuthHeader } from '../../../src/adapters/git/push-auth.js';
import { SimpleGitWorkspace } from '../../../src/adapters/git/simple-git-workspace.js';
import { parseStateMarker } from '../../../src/core/state/state-marker.js';
import type { GitHubDeps } from '../../../src/engine/github/github-deps.js';
import { handleIssueEvent } from '../../../src/engine/github/handle-issue-event.js';
import { silentLogger } from '../../../src/ports/logger-port.js';
import { appBot } from '../../support/fake-github.js';
import {
  ALICE,
  APP_TOKEN,
  commentEvent,
  demoSession,
  type Journey,
  startJourney,
} from '../../support/github-journey.js';
import { git, tempDir, tempRepo } from '../../support/temp-repo.js';
import { gitHttpServer } from '../app/git-http-server.js';
import { fakeRunner } from './action-env.js';

/*
 * Without app-id/app-private-key, the token handed in cannot be renewed: when it expires mid-run,
 * the run stops with what it kept and a message naming the inputs to add and /maestro resume.
 */

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FRESH_TOKEN = `ghs_${'F'.repeat(36)}`;
const HINT = /`app-id` and `app-private-key`.*\/maestro resume/s;

/** A run stopped by a token that expired after its first tasks: what the resume test continues from. */
interface Stopped {
  j: Journey;
  issue: number;
  outcome: Awaited<ReturnType<typeof runAction>>;
  runner: ReturnType<typeof fakeRunner>;
  /** The name of every model call, in order, across both runs (the model instance is shared). */
  calls: string[];
  openModel: GitHubDeps['openModel'];
  /** The approval the first run executed. */
  request: Extract<Awaited<ReturnType<typeof handleIssueEvent>>, { kind: 'execute' }>['request'];
}

/**
 * The demo recording, with a second copy of the execution's calls for the resumed run (a replay
 * takes each call's first unused entry of its name; what the resume does not need stays unused).
 */
function sessionWithResume(): unknown {
  const session = demoSession() as { entries: Array<{ name: string }> };
  const again = session.entries.filter((e) => /^(implement:|check-requirements)/.test(e.name));
  return { ...session, entries: [...session.entries, ...again] };
}

/**
 * From now on origin refuses pushes as GitHub does a dead token's (git reports the remote's
 * words; the local bare origin cannot answer HTTP 401 itself).
 */
function refusePushes(origin: string): void {
  const hook = join(origin, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\necho "Invalid username or password." >&2\nexit 1\n');
  chmodSync(hook, 0o755);
}

async function stopWithExpiredToken(
  expiresAt = 'implement:T3',
  pushes: 'refused' | 'accepted' = 'refused',
): Promise<Stopped> {
  const j: Journey = startJourney({ session: sessionWithResume() });
  cleanups.push(() => j.dispose());
  const issue = j.fake.addIssue({ ...j.issueText, user: ALICE });
  const at = j.fake.label(issue.number, 'maestro', ALICE);
  await handleIssueEvent(
    { kind: 'labeled', issue: issue.number, label: 'maestro', sender: ALICE, at },
    j.deps,
  );
  await handleIssueEvent(commentEvent(j, issue.number, 'Q1: Code points, please'), j.deps);
  const approved = await handleIssueEvent(commentEvent(j, issue.number, '/maestro approve'), j.deps);
  if (approved.kind !== 'execute') throw new Error(`expected execute, got ${approved.kind}`);
  const { request } = approved;

  // The token "expires" once the run has checkpointed its first task: from then on GitHub
  // answers every request with 401 Bad credentials.
  let expired = false;
  const calls: string[] = [];
  const openModel: GitHubDeps['openModel'] = async (config) => {
    const opened = await j.deps.openModel(config);
    const model = opened.model;
    const expiring = new Proxy(model, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const name = (args[0] as { name?: unknown } | undefined)?.name;
          if (typeof name === 'string') calls.push(name);
          // T1 and T2 (one parallel group) are done and pushed; as T3 starts, the token is gone.
          if (name === expiresAt && !expired) {
            expired = true;
            j.fake.failures.push({ match: /.*/, status: 401, times: Number.POSITIVE_INFINITY });
            if (pushes === 'refused') refusePushes(j.origin.path);
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    return { ...opened, model: expiring };
  };

  const runner = fakeRunner({
    eventName: 'workflow_dispatch',
    payload: {},
    inputs: {
      'github-token': APP_TOKEN,
      mode: 'execute',
      issue: String(request.issue),
      'approval-comment-id': String(request.approvalCommentId),
      'prd-hash': request.prdHash,
      reason: request.reason,
    },
    workspace: j.root,
  });
  cleanups.push(() => runner.dispose());
  runner.env.GITHUB_REPOSITORY = `${j.fake.owner}/${j.fake.repo}`;
  const outcome = await runAction(runner.env, { logger: silentLogger, openModel });
  expect(expired).toBe(true);
  return { j, issue: issue.number, outcome, runner, calls, openModel, request };
}

/**
 * What actions/checkout gives a new job: a clone of the default branch (the first job's unpushed
 * checkpoints are not in it), with the runner's URL rewrite to the bare origin.
 */
function freshCheckout(j: Journey): string {
  const dir = tempDir();
  cleanups.push(dir.dispose);
  git(dir.path, 'clone', '-q', '--branch', 'main', j.origin.path, 'checkout');
  const root = join(dir.path, 'checkout');
  git(
    root,
    'config',
    `url.${j.origin.path}.insteadOf`,
    `https://github.com/${j.fake.owner}/${j.fake.repo}.git`,
  );
  return root;
}

/** The run branch's commits on origin, oldest first. */
function originCommits(j: Journey): { branch: string; commits: string[] } {
  const branch = git(
    j.origin.path,
    'for-each-ref',
    '--format=%(refname:short)',
    'refs/heads/maestro/',
  ).trim();
  const commits = git(j.origin.path, 'rev-list', '--reverse', `refs/heads/${branch}`).trim().split('\n');
  return { branch, commits };
}

function checkpointTasks(j: Journey, branch: string): string[] {
  return git(
    j.origin.path,
    'log',
    '--reverse',
    '--format=%(trailers:key=Maestro-Task,valueonly)',
    `refs/heads/${branch}`,
  )
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * A run whose token expired as a given model call started, then `/maestro resume` in a new job with a fresh token,
 * on a fresh checkout: checks what every resume must do, returns what the first run had kept and
 * what the resumed run asked the model.
 */
async function expireThenResume(
  pushes: 'refused' | 'accepted',
  expiresAt: string,
): Promise<{ keptTasks: string[]; resumedCalls: string[] }> {
  const { j, issue, outcome, calls, openModel } = await stopWithExpiredToken(expiresAt, pushes);
  expect(failureOf(outcome) ?? '').toMatch(HINT);
  const before = originCommits(j);
  expect(before.branch).toMatch(/^maestro\/issue-1-/);
  const keptTasks = checkpointTasks(j, before.branch);
  expect(keptTasks.length).toBeGreaterThan(0);
  const callsBefore = calls.length;
  j.fake.failures.splice(0);

  // The dead job could not say so: its tracking comment still says running. While GitHub says
  // its workflow run is in progress, a resume is refused; once the run has ended, it goes.
  const early = await handleIssueEvent(commentEvent(j, issue, '/maestro resume'), j.deps);
  expect(early).toMatchObject({ kind: 'replied', reason: 'already running' });
  j.fake.workflowRuns.set(4242, { status: 'completed', conclusion: 'failure' });
  const handled = await handleIssueEvent(commentEvent(j, issue, '/maestro resume'), j.deps);
  if (handled.kind !== 'execute') throw new Error(`expected execute, got ${JSON.stringify(handled)}`);
  expect(handled.request.reason).toBe('resume');
  const resumed = { request: handled.request };

  // A new job, a new token: the expired one no longer names anyone, and pushes go through.
  rmSync(join(j.origin.path, 'hooks', 'pre-receive'), { force: true });
  j.fake.tokens.set(FRESH_TOKEN, appBot);
  j.fake.tokens.delete(APP_TOKEN);

  const runner = fakeRunner({
    eventName: 'workflow_dispatch',
    payload: {},
    inputs: {
      'github-token': FRESH_TOKEN,
      mode: 'execute',
      issue: String(resumed.request.issue),
      'approval-comment-id': String(resumed.request.approvalCommentId),
      'prd-hash': resumed.request.prdHash,
      reason: resumed.request.reason,
    },
    workspace: freshCheckout(j),
  });
  cleanups.push(() => runner.dispose());
  runner.env.GITHUB_REPOSITORY = `${j.fake.owner}/${j.fake.repo}`;
  const again = await runAction(runner.env, { logger: silentLogger, openModel });

  // The model was not asked again for the kept tasks, nor to generate tasks again.
  const resumedCalls = calls.slice(callsBefore);
  for (const task of keptTasks) expect(resumedCalls).not.toContain(`implement:${task}`);
  expect(resumedCalls).not.toContain('generate-tasks');
  expect(failureOf(again)).toBeUndefined();
  expect(runner.outputs().status).toBe('pr-open');
  // The checkpoints kept before the stop are the base of the branch, unchanged.
  const after = originCommits(j);
  expect(after.branch).toBe(before.branch);
  expect(after.commits.slice(0, before.commits.length)).toEqual(before.commits);
  // The remaining tasks ran.
  const ran = checkpointTasks(j, after.branch);
  expect(ran).toEqual(expect.arrayContaining(['T1', 'T2', 'T3', 'T4']));
  for (const task of ['T2', 'T3', 'T4'].filter((t) => !keptTasks.includes(t))) {
    expect(resumedCalls).toContain(`implement:${task}`);
  }

  // The PR is open and the tracking comment ends in the PR-open state.
  const [pr] = j.fake.pulls();
  expect(pr?.state).toBe('open');
  expect(pr?.pull?.head).toBe(after.branch);
  const tracking = j.fake
    .commentsOn(issue)
    .map((c) => ({ c, m: parseStateMarker(c.body) }))
    .filter(({ m }) => m.kind === 'found' && m.state.kind === 'tracking');
  expect(tracking).toHaveLength(1);
  expect(tracking[0]?.c.body).toContain(`#${pr?.number}`);
  expect(tracking[0]?.m.kind === 'found' && tracking[0].m.state.status).toBe('pr-open');
  return { keptTasks, resumedCalls };
}

describe('a token that expires mid-run, without the App’s credentials', () => {
  it(
    'fails resumably: checkpoints pushed before stay on the branch, the failure names the inputs',
    { timeout: 90_000 },
    async () => {
      const { j, outcome, runner } = await stopWithExpiredToken();
      const failure = failureOf(outcome) ?? '';
      expect(failure).toMatch(/HTTP 401/);
      expect(failure).toMatch(HINT);
      expect(runner.summary()).toMatch(/app-id/);
      // Nothing was lost that had reached origin: the run branch is there with its checkpoints.
      const branches = git(j.origin.path, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/maestro/');
      expect(branches).toMatch(/^maestro\/issue-1-/);
    },
  );

  it(
    '/maestro resume with a fresh token continues: kept tasks are not redone, the rest run, the PR opens',
    { timeout: 120_000 },
    async () => {
      // The dead token could push no more either: T1 and T2 reached origin, T3 did not.
      const { keptTasks, resumedCalls } = await expireThenResume('refused', 'implement:T3');
      expect([...keptTasks].sort()).toEqual(['T1', 'T2']); // one parallel group: either order
      expect(resumedCalls).toEqual(expect.arrayContaining(['implement:T3', 'implement:T4']));
    },
  );

  /*
   * The 401s hit only the API here (pushes go on), from the first task on: the first run
   * checkpoints every task and fails at the end, while the tracking comment's run state stopped at
   * its last milestone before the token expired — the generated tasks, written at once rather than
   * debounced. The resume takes the task plan from the comment and what is done from the branch.
   */
  it(
    'a comment that lags the branch: what the branch holds is not done again',
    { timeout: 120_000 },
    async () => {
      const { keptTasks, resumedCalls } = await expireThenResume('accepted', 'implement:T1');
      expect(keptTasks).toEqual(expect.arrayContaining(['T1', 'T2', 'T3', 'T4']));
      expect(resumedCalls.filter((c) => c.startsWith('implement:'))).toEqual([]);
    },
  );

  it('a push the remote refuses (expired token) says the same, naming the inputs', async () => {
    const served = tempDir();
    cleanups.push(served.dispose);
    const bare = join(served.path, 'o', 'r.git');
    mkdirSync(bare, { recursive: true });
    git(bare, 'init', '-q', '--bare', '-b', 'main');
    git(bare, 'config', 'http.receivepack', 'true');
    // The server accepts only the token that is current now; the workspace still has the old one.
    const server = await gitHttpServer(served.path, {
      authorization: basicAuthHeader('ghs_current').replace(/^AUTHORIZATION: /, ''),
    });
    cleanups.push(server.close);
    const repo = tempRepo({ 'a.txt': 'a\n' });
    cleanups.push(repo.dispose);
    const ws = await SimpleGitWorkspace.open(repo.root, {
      pushAuth: { header: basicAuthHeader('ghs_expired') },
      pushUrl: `${server.url}/o/r.git`,
      authFailureHint: EXPIRED_TOKEN_HINT,
    });
    await ws.checkoutRunBranch('maestro/issue-1');
    writeFileSync(join(ws.root, 'a.txt'), 'b\n');
    await ws.commitAll(
      'change',
      { session: 'mae-20261207-100000-abcd', task: 'T1', checkpoint: 1 },
      { protectedPaths: [] },
    );

    const error = await ws.push('maestro/issue-1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/the remote refused the credentials/);
    expect(String(error)).toMatch(HINT);
    expect(String(error)).not.toContain('ghs_expired');
    expect(server.requests.some((r) => r.authorization?.startsWith('basic '))).toBe(true);
  });
});
