import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failureOf } from '../../../src/action/outcome.js';
import { runAction } from '../../../src/action/runner.js';
import { EXPIRED_TOKEN_HINT } from '../../../src/action/wiring.js';
import { basicAuthHeader } from '../../../src/adapters/git/push-auth.js';
import { SimpleGitWorkspace } from '../../../src/adapters/git/simple-git-workspace.js';
import type { GitHubDeps } from '../../../src/engine/github/github-deps.js';
import { handleIssueEvent } from '../../../src/engine/github/handle-issue-event.js';
import { silentLogger } from '../../../src/ports/logger-port.js';
import { ALICE, APP_TOKEN, commentEvent, type Journey, startJourney } from '../../support/github-journey.js';
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

const HINT = /`app-id` and `app-private-key`.*\/maestro resume/s;

describe('a token that expires mid-run, without the App’s credentials', () => {
  it(
    'fails resumably: checkpoints pushed before stay on the branch, the failure names the inputs',
    { timeout: 90_000 },
    async () => {
      const j: Journey = startJourney();
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
      const openModel: GitHubDeps['openModel'] = async (config) => {
        const opened = await j.deps.openModel(config);
        const model = opened.model;
        let calls = 0;
        const expiring = new Proxy(model, {
          get(target, key, receiver) {
            const value = Reflect.get(target, key, receiver);
            if (typeof value !== 'function') return value;
            return (...args: unknown[]) => {
              calls += 1;
              // Task generation, then the first task: afterwards the token is gone.
              if (calls === 3 && !expired) {
                expired = true;
                j.fake.failures.push({ match: /.*/, status: 401, times: Number.POSITIVE_INFINITY });
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
      const failure = failureOf(outcome) ?? '';
      expect(failure).toMatch(/HTTP 401/);
      expect(failure).toMatch(HINT);
      expect(runner.summary()).toMatch(/app-id/);
      // Nothing was lost that had reached origin: the run branch is there with its checkpoints.
      const branches = git(j.origin.path, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/maestro/');
      expect(branches).toMatch(/^maestro\/issue-1-/);
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
