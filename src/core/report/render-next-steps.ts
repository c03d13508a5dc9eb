import { flattenTasks } from '../tasks/task-schema.js';
import type { FinalReportInput } from './final-report-input.js';
import { codeLine, firstOf, moreNote, section, textLine } from './report-text.js';

const MAX_GAPS = 25;

/**
 * Known gaps, computed from facts rather than written by the model: requirements not met, gates
 * failing, tasks that did not finish, blocked actions. Then what to do next, including how to
 * continue the run. Bounded (at most MAX_GAPS lines of clipped text): this section is never cut.
 */
export function renderNextSteps(input: FinalReportInput): string {
  const gaps = knownGaps(input);
  const { shown, more } = firstOf(gaps, MAX_GAPS);
  const gapBlock = shown.length
    ? ['### Known gaps', '', ...shown.map((gap) => `- ${gap}`)].join('\n')
    : '### Known gaps\n\nNone found: every requirement is met and no gate is failing because of this change.';
  // Resuming continues a run that stopped; a completed run has nothing to resume, so its gaps
  // are work for the branch (or a follow-up issue), not for `resume`.
  const stopped = input.outcome.kind !== 'completed';
  const steps = [
    ...(stopped ? [`Continue the run: ${textLine(input.resumeHint, 500)}`] : []),
    ...(!stopped && gaps.length > 0
      ? ['Close the gaps above with commits on this branch, or in a follow-up issue.']
      : []),
    'Review the implementation: the diff, the checkpoints and the traceability table above.',
    'Run manual testing if the change needs it.',
    'Merge when the review is done and the gates pass; Maestro never approves or merges.',
  ];
  return section(
    'Known gaps and next steps',
    gapBlock,
    moreNote(more, 'gaps'),
    ['### Next steps', '', ...steps.map((step) => `- ${step}`)].join('\n'),
  );
}

function knownGaps(input: FinalReportInput): string[] {
  const gaps: string[] = [];
  for (const r of input.requirements) {
    // A requirement judged met can still name a gap (shown in its traceability row): listed here too.
    if (r.status === 'met') {
      if (r.gaps.trim()) gaps.push(`${textLine(r.id, 20)} is met, with a gap: ${textLine(r.gaps, 200)}`);
      continue;
    }
    const why = r.gaps.trim() || r.evidence.trim();
    gaps.push(`${textLine(r.id, 20)} is ${r.status}${why ? `: ${textLine(why, 200)}` : ''}`);
  }
  for (const gate of input.gates) {
    const name = codeLine(gate.name, 60);
    if (gate.status === 'broken-by-change' || gate.status === 'new-failures') {
      gaps.push(`Gate ${name} fails because of this change; fix it before merging.`);
    } else if (gate.status === 'still-failing (pre-existing)') {
      gaps.push(
        `Gate ${name} was already failing on the base commit (pre-existing, not caused by this change).`,
      );
    } else if (gate.after === undefined) {
      gaps.push(`Gate ${name} was not run after the change.`);
    }
  }
  const ran = new Set(input.tasks.map((task) => task.id));
  for (const task of input.tasks) {
    if (task.status === 'done') continue;
    const summary = task.summary.trim() ? `: ${textLine(task.summary, 160)}` : '';
    const attempts = task.status === 'failed' ? ` after ${task.attempts} attempt(s)` : '';
    gaps.push(`Task ${codeLine(task.id, 60)} ${task.status}${attempts}${summary}`);
  }
  const notRun = flattenTasks(input.plan).filter((task) => !ran.has(task.id));
  if (notRun.length) gaps.push(`${notRun.length} planned task(s) did not run.`);
  if (input.sandbox?.kind === 'off') {
    gaps.push(
      '⚠️ No sandbox: gates and agent commands ran with the same user and secrets as Maestro (`sandbox.mode: off`). Review every changed file, including tests, before running it yourself.',
    );
  }
  if (input.blockedActions.length) {
    gaps.push(`${input.blockedActions.length} action(s) were blocked by policy; see Recovery and security.`);
  }
  return gaps;
}
