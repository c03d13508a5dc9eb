import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { failureOf } from '../../../src/action/outcome.js';
import { runAction } from '../../../src/action/runner.js';
import type { Logger } from '../../../src/ports/logger-port.js';
import { type FakeRunner, fakeRunner, webhookExamples } from './action-env.js';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const sender = { login: 'octocat', id: 1, type: 'User' };

// These paths end before any adapter is built: no GitHub request (nock refuses the network, and
// no scope is defined), no model, no temp directory under RUNNER_TEMP.
describe('runAction without reaching GitHub', () => {
  const runners: FakeRunner[] = [];
  const runner = (options: Parameters<typeof fakeRunner>[0]) => {
    const r = fakeRunner(options);
    runners.push(r);
    return r;
  };
  afterEach(() => {
    for (const r of runners.splice(0)) r.dispose();
  });

  it('fails a workflow_dispatch without approval inputs with a clear message, before anything else', async () => {
    const r = runner({ eventName: 'workflow_dispatch', payload: { inputs: { issue: '12' }, sender } });
    const outcome = await runAction(r.env, { logger: quiet });
    expect(outcome.kind).toBe('error');
    expect(failureOf(outcome)).toBe(
      'workflow_dispatch inputs: approval-comment-id is missing; prd-hash is missing. Maestro executes only an approved plan: give issue, approval-comment-id and prd-hash from an approved plan (the App and the plan job do this after /maestro approve).',
    );
    expect(r.outputs()).toMatchObject({ status: 'error', issue: '', 'pr-number': '' });
    expect(r.summary()).toContain('## Maestro: error');
    expect(readdirSync(r.env.RUNNER_TEMP!)).toEqual([]);
    expect(r.state()).toEqual({});
  });

  it('reads only the env it is given, never process.env', async () => {
    const r = runner({ eventName: 'push', payload: {} });
    expect(process.env.GITHUB_EVENT_NAME).toBeUndefined();
    const outcome = await runAction(r.env, { logger: quiet });
    expect(outcome).toEqual({
      kind: 'nothing',
      reason:
        'nothing to do for event push: Maestro handles issues, issue_comment, pull_request_review, pull_request_review_comment, check_suite, workflow_run and workflow_dispatch',
    });
    expect(failureOf(outcome)).toBeUndefined();
    expect(r.outputs().status).toBe('ignored');
  });

  it('fails on bad inputs and names them', async () => {
    const r = runner({ eventName: 'issues', payload: {}, inputs: { mode: 'yolo' } });
    const outcome = await runAction(r.env, { logger: quiet });
    expect(failureOf(outcome)).toBe('action inputs: mode: must be auto, plan, execute or ci-fix, got "yolo"');
    expect(r.outputs().status).toBe('error');
  });

  it('fails on a missing runner variable, naming it, and writes no files it was not told about', async () => {
    const r = runner({ eventName: 'issues', payload: {} });
    delete r.env.GITHUB_REPOSITORY;
    const outcome = await runAction(r.env, { logger: quiet });
    expect(failureOf(outcome)).toMatch(/^runner environment: GITHUB_REPOSITORY is not set\./);
    expect(r.outputs()).toEqual({});
  });

  it('fails when the event file is missing or not JSON', async () => {
    const r = runner({ eventName: 'issues', payload: {} });
    r.env.GITHUB_EVENT_PATH = `${r.root}/missing.json`;
    expect(failureOf(await runAction(r.env, { logger: quiet }))).toMatch(
      /GITHUB_EVENT_PATH \(.*missing\.json\): is not a readable JSON event payload/,
    );
  });

  it('never executes from a plan job: a dispatch to execute is nothing to do in mode plan', async () => {
    const inputs = { issue: '12', 'approval-comment-id': '99', 'prd-hash': 'abcdef1' };
    const r = runner({
      eventName: 'workflow_dispatch',
      payload: { inputs, sender },
      inputs: { mode: 'plan' },
    });
    const outcome = await runAction(r.env, { logger: quiet });
    expect(outcome).toMatchObject({
      kind: 'nothing',
      reason: expect.stringContaining('mode plan never executes'),
    });
    expect(r.outputs().status).toBe('ignored');
  });

  it('refuses an approval handed over in the inputs of a plan job', async () => {
    const [payload] = webhookExamples('issue_comment', 'created');
    const inputs = { mode: 'plan', issue: '1', 'approval-comment-id': '2', 'prd-hash': 'abcdef1' };
    const r = runner({ eventName: 'issue_comment', payload, inputs });
    expect(failureOf(await runAction(r.env, { logger: quiet }))).toMatch(/are for mode execute/);
  });

  it('leaves label events to the plan job in mode execute', async () => {
    const [payload] = webhookExamples('issues', 'labeled');
    const r = runner({ eventName: 'issues', payload, inputs: { mode: 'execute' } });
    const outcome = await runAction(r.env, { logger: quiet });
    expect(outcome).toMatchObject({
      kind: 'nothing',
      reason: expect.stringContaining('not on issues.labeled'),
    });
  });

  // A CI run on one of Maestro's branches, from this repository (the example's run is a fork's).
  const ciRun = () => {
    const [payload] = webhookExamples('workflow_run', 'completed');
    const run = payload!.workflow_run as {
      head_branch: string;
      path: string;
      head_repository: { id: number };
    };
    run.head_branch = 'maestro/issue-7-x';
    run.path = '.github/workflows/ci.yml';
    run.head_repository.id = (payload!.repository as { id: number }).id;
    return { payload: payload!, run };
  };

  it('acts only on CI results in mode ci-fix', async () => {
    const [payload] = webhookExamples('issues', 'labeled');
    const r = runner({ eventName: 'issues', payload, inputs: { mode: 'ci-fix' } });
    expect(await runAction(r.env, { logger: quiet })).toMatchObject({
      kind: 'nothing',
      reason: expect.stringContaining('mode ci-fix acts on workflow_run and check_suite events'),
    });
    expect(r.outputs().status).toBe('ignored');
  });

  it('leaves CI results to the ci-fix job in modes plan and execute', async () => {
    const why = {
      plan: 'mode plan does not act on CI results',
      execute: 'mode execute does not act on CI results; use mode ci-fix (or auto)',
    };
    for (const [mode, reason] of Object.entries(why)) {
      const r = runner({ eventName: 'workflow_run', payload: ciRun().payload, inputs: { mode } });
      expect(await runAction(r.env, { logger: quiet })).toMatchObject({
        kind: 'nothing',
        reason: expect.stringContaining(reason),
      });
    }
  });

  it('has nothing to do in mode ci-fix for a fork’s run or Maestro’s own workflow', async () => {
    const fork = ciRun();
    fork.run.head_repository.id = 1;
    const own = ciRun();
    own.run.path = '.github/workflows/maestro.yml';
    for (const { payload } of [fork, own]) {
      const r = runner({ eventName: 'workflow_run', payload, inputs: { mode: 'ci-fix' } });
      expect(await runAction(r.env, { logger: quiet })).toMatchObject({
        kind: 'nothing',
        reason: expect.stringContaining('workflow_run.completed'),
      });
    }
  });

  it('has nothing to do for an edited comment', async () => {
    const [payload] = webhookExamples('issue_comment', 'edited');
    const r = runner({ eventName: 'issue_comment', payload });
    expect(await runAction(r.env, { logger: quiet })).toMatchObject({ kind: 'nothing' });
  });
});
