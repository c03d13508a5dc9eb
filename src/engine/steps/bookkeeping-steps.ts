import type { StepHandler } from './step-context.js';

/** `plan`: done before execution starts (the approved revision); recorded so the steps read in full. */
export const planStep: StepHandler = async (ctx) => {
  const { revision } = ctx.input;
  const { prd } = revision.draft;
  return {
    kind: 'done',
    record: {
      summary: `plan revision ${revision.number} (${revision.hash}) approved: ${prd.requirements.length} requirement(s)`,
    },
  };
};

/** `handoff`: the report is written after the steps; the front door opens or updates the PR. */
export const handoffStep: StepHandler = async () => ({
  kind: 'done',
  record: { summary: 'final report written' },
});
