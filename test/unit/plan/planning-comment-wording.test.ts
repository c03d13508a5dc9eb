import { describe, expect, it } from 'vitest';
import { notReadyAdvice } from '../../../src/cli/local/planning-outcome.js';
import { approveRevision } from '../../../src/core/plan/approval.js';
import { estimateBudget } from '../../../src/core/plan/budget-estimate.js';
import { planReadiness } from '../../../src/core/plan/plan-readiness.js';
import {
  type PlanningCommentInput,
  renderPlanningComment,
} from '../../../src/core/plan/render-planning-comment.js';
import { draft, revision } from '../../support/plan-fixtures.js';

/** Issue 13, items 4 and 8: blocking questions block, and the planning comment's words match its state. */

const blockingQ = {
  id: 'Q1',
  question: 'Which JSON shape?',
  default: 'An array',
  why: 'clients parse it',
  blocking: true,
};

function render(
  r = revision(),
  respond: PlanningCommentInput['respond'] = 'comment',
  more: Partial<PlanningCommentInput> = {},
) {
  return renderPlanningComment({
    revision: r,
    chainSource: 'label `enhancement`',
    estimate: estimateBudget(r.draft, { inputPerMtok: 3, outputPerMtok: 15 }, 10),
    planningUsage: { tokens: 1_000, usd: 0.01 },
    respond,
    ...more,
  });
}

describe('a blocking question', () => {
  it('is shown as blocking, with its default only as a suggestion', () => {
    const md = render(revision({ draft: draft({ questions: [blockingQ] }) }));
    expect(md).toContain(
      '| Q1 🛑 | Which JSON shape?<br><sub>clients parse it</sub> | **Blocking: needs an answer before approval**<br><sub>Suggested: An array</sub> |',
    );
    expect(md).not.toContain('Assumed if nobody answers');
    expect(md).toContain('**Status:** awaiting answers');
    expect(md).toContain('**Not ready for approval yet:**');
    expect(md).not.toContain('/maestro approve');
  });

  it('is not answered by its default (-y, Enter): approval is refused, on GitHub as at the terminal', () => {
    const r = revision({
      draft: draft({ questions: [blockingQ] }),
      answers: { Q1: { answer: 'An array', by: 'default' } },
    });
    expect(planReadiness(r)).toMatchObject({ kind: 'not-ready' });
    const outcome = approveRevision({ revision: r, approver: 'octocat', at: new Date() });
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'not-ready' });
    expect(render(r)).toContain('**Blocking: needs an answer before approval**');
  });

  it('is settled by a person’s answer', () => {
    const r = revision({
      draft: draft({ questions: [blockingQ] }),
      answers: { Q1: { answer: 'An object', by: 'octocat' } },
    });
    expect(planReadiness(r).kind).toBe('ready');
    expect(render(r)).toContain('| An object _(octocat)_ |');
  });
});

describe('how to respond', () => {
  it('does not ask for answers in a reply when there are no open questions', () => {
    const md = render(revision({ draft: draft({ questions: [] }) }));
    expect(md).not.toContain('Answer the questions');
    expect(md).toContain('- Send `/maestro revise <feedback>` to change the plan');
  });

  it('asks for answers in a reply when questions are open', () => {
    expect(render()).toContain('- Answer the questions in a reply, or send `/maestro revise <feedback>`');
  });

  it('never tells a dry run to approve with `y`', () => {
    const md = render(revision(), 'dry-run');
    expect(md).not.toContain('`y`');
    expect(md).toContain('Dry run: nothing is executed. Run the same command without `--dry-run`');
  });

  it('says approved, and by whom, once approved', () => {
    const md = render(revision(), 'terminal', { approvedBy: 'local user' });
    expect(md).toContain('**Status:** approved by local user');
    expect(md).not.toContain('ready for approval');
    expect(md).not.toContain('Approve this exact revision');
  });
});

describe('the advice for a plan that cannot be approved', () => {
  it('asks for answers only when a question blocks', () => {
    const r = revision({ draft: draft({ questions: [blockingQ] }) });
    expect(notReadyAdvice(r)).toBe(
      'Answer Q1: run again at a terminal without -y, or write the answer in the issue file.',
    );
  });

  it('asks to re-plan, not to answer questions, when the task graph is invalid', () => {
    const d = draft({ questions: [] });
    const [task] = d.taskPreview.epics[0]!.tasks;
    d.taskPreview.epics[0]!.tasks = [{ ...task!, dependsOn: [task!.id] }];
    const r = revision({ draft: d });
    expect(planReadiness(r)).toMatchObject({ kind: 'not-ready' });
    const advice = notReadyAdvice(r);
    expect(advice).not.toContain('Answer');
    expect(advice).toContain('The plan itself is incomplete: run again to re-plan');
  });
});
