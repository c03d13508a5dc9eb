import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { routeEvent } from '../../../src/action/event-router.js';
import { readInputs } from '../../../src/action/inputs.js';
import { dispatchInputs } from '../../../src/engine/github/issue-events.js';

// One naming convention: the Action's inputs and outputs, and the workflow_dispatch inputs the
// App sends, are kebab-case; the old snake_case names and `pr` are refused naming the new one.
const KEBAB = /^[a-z]+(?:-[a-z]+)*$/;
const sender = { login: 'octocat', id: 1, type: 'User' as const };
const now = new Date('2026-01-01T00:00:00Z');

describe('names', () => {
  it('are kebab-case in action.yml, for inputs and outputs alike (pr-number both ways)', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
    };
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)])
      expect(name).toMatch(KEBAB);
    expect(action.inputs).toHaveProperty('pr-number');
    expect(action.inputs).not.toHaveProperty('pr');
    expect(action.outputs).toHaveProperty('pr-number');
  });

  it('are kebab-case in what the App dispatches and the example workflows declare', () => {
    const sent = dispatchInputs({
      issue: 1,
      approvalCommentId: 2,
      prdHash: 'abcdef1',
      reason: 'ci-fix',
      fix: 'x',
      pr: 3,
      headSha: 'a'.repeat(40),
      reviewId: 4,
    });
    for (const name of Object.keys(sent)) expect(name).toMatch(KEBAB);
    for (const file of ['examples/workflows/maestro.yml', 'examples/workflows/maestro-app.yml']) {
      const workflow = parse(readFileSync(file, 'utf8')) as { on: { workflow_dispatch: { inputs: object } } };
      for (const name of Object.keys(workflow.on.workflow_dispatch.inputs)) expect(name, file).toMatch(KEBAB);
    }
  });

  it('refuses a dispatch with the old snake_case names, saying what each became', () => {
    const old = { issue: '12', approval_comment_id: '99', prd_hash: 'abcdef1', pr: '3' };
    expect(() => routeEvent('workflow_dispatch', { inputs: old, sender }, now)).toThrow(
      'workflow_dispatch inputs: approval_comment_id was renamed approval-comment-id; prd_hash was renamed prd-hash; pr was renamed pr-number. Rename the workflow’s on.workflow_dispatch.inputs to kebab-case',
    );
  });

  it('refuses the old `pr` input of the Action, naming pr-number', () => {
    const env = {
      'INPUT_GITHUB-TOKEN': 'ghs_x',
      INPUT_MODE: 'execute',
      INPUT_ISSUE: '12',
      'INPUT_APPROVAL-COMMENT-ID': '99',
      'INPUT_PRD-HASH': 'abcdef1',
      INPUT_PR: '3',
    };
    expect(() => readInputs(env)).toThrow('action inputs: pr was renamed pr-number');
  });
});
