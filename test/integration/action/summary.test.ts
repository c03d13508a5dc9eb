import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../../src/action/summary.js';
import type { RunResult } from '../../../src/engine/github/github-deps.js';

const request = { issue: 12, approvalCommentId: 4567, prdHash: 'a1b2c3d4', reason: 'approve' as const };
const result: RunResult = {
  status: 'pr-open',
  branch: 'maestro/issue-12-add-login',
  pr: { number: 34, url: 'https://github.com/o/r/pull/34' },
  iterations: 2,
  usage: { inputTokens: 12000, outputTokens: 3400, costUsd: 0.5 },
  summary: '## Final report\n\nAll gates passed.',
  reasons: [],
};

describe('job summary', () => {
  it('shows the run: status, branch, PR, iterations, tokens, cost and the report', () => {
    const markdown = renderSummary({ kind: 'executed', request, result });
    expect(markdown).toContain('## Maestro: pr-open');
    expect(markdown).toContain('| Issue | #12 |');
    expect(markdown).toContain('| Branch | `maestro/issue-12-add-login` |');
    expect(markdown).toContain('| Pull request | [#34](https://github.com/o/r/pull/34) |');
    expect(markdown).toContain('| Iterations | 2 |');
    expect(markdown).toContain('| Tokens | 12000 in, 3400 out |');
    expect(markdown).toContain('| Cost | $0.5000 |');
    expect(markdown).toContain('<details><summary>Report</summary>\n\n## Final report\n\nAll gates passed.');
  });

  it('lists why a run failed or was refused', () => {
    const refused: RunResult = {
      ...result,
      status: 'refused',
      pr: undefined,
      branch: undefined,
      summary: '',
      reasons: ['the PRD comment was edited after approval', 'approver lacks write permission'],
    };
    const markdown = renderSummary({ kind: 'executed', request, result: refused });
    expect(markdown).toContain('## Maestro: refused');
    expect(markdown).toContain(
      '- the PRD comment was edited after approval\n- approver lacks write permission',
    );
    expect(markdown).not.toContain('Pull request');
    expect(markdown).not.toContain('<details>');
  });

  it('describes handled events and the approval a plan job hands on', () => {
    expect(
      renderSummary({
        kind: 'handled',
        handled: { kind: 'planned', revision: 3, hash: 'abc1234', ready: false },
      }),
    ).toContain('Plan revision 3 (`abc1234`) is waiting for answers.');
    const approved = renderSummary({ kind: 'handled', handled: { kind: 'execute', request } });
    expect(approved).toContain('## Maestro: approved');
    expect(approved).toContain('Approved: issue #12, PRD `a1b2c3d4` (approve).');
    expect(renderSummary({ kind: 'nothing', reason: 'nothing to do for event push: x' })).toContain(
      'nothing to do for event push',
    );
    expect(renderSummary({ kind: 'error', message: 'action inputs: mode: bad' })).toContain(
      'The step failed before Maestro could act: action inputs: mode: bad',
    );
  });

  it('redacts the run secrets and neutralises what the model wrote', () => {
    const token = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
    const leaky: RunResult = {
      ...result,
      summary: `token ${token}, key sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789 cc @org/everyone <!-- maestro:state v1 {} -->`,
    };
    const markdown = renderSummary({ kind: 'executed', request, result: leaky }, [token]);
    expect(markdown).not.toContain(token);
    expect(markdown).not.toContain('sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789');
    expect(markdown).not.toMatch(/(^|[^`])@org\/everyone/);
    expect(markdown).not.toContain('<!-- maestro:state');
  });
});
