import { afterEach, describe, expect, it } from 'vitest';
import { renderSummary } from '../../../src/action/summary.js';
import { executeApproved } from '../../../src/engine/github/execute-approved.js';
import { handleIssueEvent } from '../../../src/engine/github/handle-issue-event.js';
import { readPlan } from '../../../src/engine/github/plan-record.js';
import { ALICE, commentEvent, type Journey, startJourney } from '../../support/github-journey.js';

let journey: Journey | undefined;
afterEach(() => {
  journey?.dispose();
  journey = undefined;
});
function begin(): Journey {
  journey = startJourney();
  return journey;
}

// A plan job plans (model calls, money); the execute job runs. The execute job's summary must
// count both, not only its own calls.
describe('what the Action says an issue cost', () => {
  it('adds the planning recorded on the plan to the execution, in the summary table', async () => {
    const j = begin();
    const issue = j.fake.addIssue({ ...j.issueText, user: ALICE });
    const at = j.fake.label(issue.number, 'maestro', ALICE);
    await handleIssueEvent(
      { kind: 'labeled', issue: issue.number, label: 'maestro', sender: ALICE, at },
      j.deps,
    );
    await handleIssueEvent(commentEvent(j, issue.number, 'Q1: Code points, please'), j.deps);
    const approved = await handleIssueEvent(commentEvent(j, issue.number, '/maestro approve'), j.deps);
    if (approved.kind !== 'execute') throw new Error(`expected execute, got ${approved.kind}`);
    const planning = (await readPlan(j.host, issue.number))?.record.planningUsage;
    expect(planning?.tokens).toBeGreaterThan(0);
    expect(planning?.usd).toBeGreaterThan(0);

    const result = await executeApproved(approved.request, j.deps, await j.execution({ dryRun: true }));
    expect(result.status).toBe('dry-run');
    expect(result.planning).toEqual(planning);

    const withRun = { ...result, usage: { inputTokens: 1000, outputTokens: 100, costUsd: 0.25 } };
    const markdown = renderSummary({ kind: 'executed', request: approved.request, result: withRun });
    expect(markdown).toContain(`| Planning | ${planning!.tokens} tokens, $${planning!.usd.toFixed(4)} |`);
    expect(markdown).toContain('| Execution | 1000 in, 100 out, $0.2500 |');
    expect(markdown).toContain(`| Total cost | $${(planning!.usd + 0.25).toFixed(4)} |`);
  });
});
