import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../../../src/action/runner.js';
import type { Logger } from '../../../src/ports/logger-port.js';
import { FakeGitHub } from '../../support/fake-github.js';
import { type FakeRunner, fakeRunner, webhookExamples } from './action-env.js';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const actionsBot = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const };
const reader = { login: 'reader', id: 501, type: 'User' as const };
const TOKEN = 'ghs_faketokenfaketokenfaketoken0000';

// The wiring, not the engine: runAction builds the Octokit client, the issue host (answering the
// engine's config read from `config-path`) and hands the routed event to the real engine. A label
// added by a reader is the shortest real path: the engine reads the config, asks GitHub for the
// sender's permission and replies, without opening a model.
describe('runAction wiring against a fake GitHub', () => {
  let github: FakeGitHub | undefined;
  const runners: FakeRunner[] = [];
  afterEach(() => {
    github?.stop();
    for (const r of runners.splice(0)) r.dispose();
  });

  it('reads the config from config-path and lets the engine answer a label from a reader', async () => {
    github = new FakeGitHub({ owner: 'octo-org', repo: 'octo-repo' }).start();
    github.tokens.set(TOKEN, actionsBot);
    github.permissions.set('reader', 'read');
    github.files.set('config/maestro.yml', 'trigger:\n  label: ai-please\n');
    const issue = github.addIssue({ title: 'Add login', body: 'Please add a login page.', user: reader });
    const at = github.label(issue.number, 'ai-please', reader);

    const [payload] = webhookExamples('issues', 'labeled');
    Object.assign(payload!, { label: { name: 'ai-please' }, sender: reader });
    Object.assign(payload!.issue as object, { number: issue.number, updated_at: at });
    const r = fakeRunner({ eventName: 'issues', payload, inputs: { 'config-path': 'config/maestro.yml' } });
    runners.push(r);

    const outcome = await runAction(r.env, { logger: quiet });

    expect(outcome).toMatchObject({ kind: 'handled', handled: { kind: 'replied' } });
    expect(r.outputs().status).toBe('replied');
    const replies = github.commentsOn(issue.number);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.user.id).toBe(actionsBot.id);
    expect(replies[0]!.body).toContain('`ai-please` label');
    expect(github.log.map((entry) => decodeURIComponent(entry.path))).toContainEqual(
      expect.stringContaining('/contents/config/maestro.yml'),
    );
  });
  it('mode ci-fix: reads a workflow_run event file and lets the engine judge the PR head, in-process', async () => {
    github = new FakeGitHub({ owner: 'octo-org', repo: 'octo-repo' }).start();
    github.tokens.set(TOKEN, actionsBot);
    const issue = github.addIssue({ title: 'Add login', body: 'Please add a login page.', user: reader });
    const branch = `maestro/issue-${issue.number}-add-login`;
    const head = 'c'.repeat(40);
    const pr = github.addIssue({ title: 'Add login', body: 'Closes #1', user: actionsBot });
    pr.pull = { head: branch, base: 'main', draft: false, requested: [], headSha: head };
    // Someone pushed to Maestro's branch: the head is no checkpoint of a Maestro run.
    github.commits.set(head, 'Tweak the login page by hand\n');

    const [payload] = webhookExamples('workflow_run', 'completed');
    const repository = payload!.repository as { id: number };
    Object.assign(payload!.workflow_run as object, {
      head_branch: branch,
      head_sha: head,
      conclusion: 'failure',
      path: '.github/workflows/ci.yml',
      head_repository: { id: repository.id },
      pull_requests: [{ number: pr.number, base: { repo: { id: repository.id } } }],
    });
    const r = fakeRunner({ eventName: 'workflow_run', payload, inputs: { mode: 'ci-fix' } });
    runners.push(r);

    const outcome = await runAction(r.env, { logger: quiet });

    expect(outcome).toMatchObject({ kind: 'handled', handled: { kind: 'replied' } });
    expect(r.outputs().status).toBe('replied');
    const replies = github.commentsOn(pr.number);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain("not a checkpoint of Maestro's run");
    expect(github.dispatches).toEqual([]);
  });
});
