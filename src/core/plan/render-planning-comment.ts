import { formatTokens, formatUsd, oneLine } from '../report/markdown.js';
import type { BudgetEstimate } from './budget-estimate.js';
import { planReadiness } from './plan-readiness.js';
import { openQuestions, type PlanRevision } from './plan-revision.js';
import { type PlanStatus, statusBlock } from './plan-status.js';
import { renderDecisions } from './render-decisions.js';
import { renderPrd } from './render-prd.js';
import { renderQuestions } from './render-questions.js';
import { renderTaskPreview } from './render-task-preview.js';

export interface PlanningCommentInput {
  revision: PlanRevision;
  /** Where the chain came from, e.g. `label \`bug\`` or `keywords fix, crash`. */
  chainSource: string;
  estimate: BudgetEstimate;
  /** Tokens and USD spent on planning so far. */
  planningUsage: { tokens: number; usd: number };
  /** Earlier revisions, newest first, folded under the current one. */
  previous?: { number: number; hash: string; markdown: string }[];
  includeRationale?: boolean;
  /** How approval is given here: a comment command on GitHub, a prompt in the terminal, nowhere (a dry run). */
  respond: 'comment' | 'terminal' | 'dry-run';
  /** Who approved this revision, once it is approved: the status says so. */
  approvedBy?: string;
}

/** The one planning comment of product.md §1 step 2, as markdown. */
export function renderPlanningComment(input: PlanningCommentInput): string {
  const { revision } = input;
  const readiness = planReadiness(revision);
  const sections = [
    `## 🎼 Maestro plan — revision ${revision.number} · \`${revision.hash}\``,
    `**Chain:** \`${revision.chain}\` (${oneLine(input.chainSource)}) · ${renderStatus(input, readiness)}`,
    `### What I understood\n\n${revision.draft.understanding.trim()}`,
    renderQuestions(revision.draft.questions, revision.answers),
    renderPrd(revision.draft.prd),
    renderDecisions(revision.decisions, input.includeRationale ?? true),
    renderTaskPreview(revision.draft.taskPreview),
    renderEstimate(input),
    renderHowToRespond(input, readiness),
    renderPrevious(input.previous ?? []),
  ];
  return `${sections.filter((s) => s.trim() !== '').join('\n\n')}\n`;
}

/**
 * On GitHub the status line is a block Maestro rewrites as the plan moves on (plan-status.ts); in
 * the terminal and a dry run it is plain text, written once.
 */
function renderStatus(input: PlanningCommentInput, readiness: ReturnType<typeof planReadiness>): string {
  if (input.respond === 'comment') {
    // Open questions on a PRD that has requirements: an answer is what it waits for.
    const asking =
      openQuestions(input.revision).length > 0 && input.revision.draft.prd.requirements.length > 0;
    const status: PlanStatus =
      readiness.kind === 'ready'
        ? { kind: 'ready' }
        : asking
          ? { kind: 'awaiting-answers' }
          : { kind: 'not-ready' };
    return statusBlock(status);
  }
  const status = input.approvedBy
    ? `approved by ${oneLine(input.approvedBy)}`
    : readiness.kind === 'ready'
      ? 'ready for approval'
      : 'not ready for approval';
  return `**Status:** ${status}`;
}

function renderEstimate({ estimate, planningUsage }: PlanningCommentInput): string {
  const execution = estimate.priced
    ? `${formatUsd(estimate.usdLow)}–${formatUsd(estimate.usdHigh)} (${formatTokens(estimate.tokensLow)}–${formatTokens(estimate.tokensHigh)} tokens)`
    : `${formatTokens(estimate.tokensLow)}–${formatTokens(estimate.tokensHigh)} tokens (model unpriced)`;
  return [
    '### Budget estimate',
    '',
    `- Planning so far: ${formatTokens(planningUsage.tokens)} tokens, ${formatUsd(planningUsage.usd)}`,
    `- Execution of ${estimate.tasks} task(s), rough estimate: ${execution}`,
    `- The run stops and reports at the cap of ${formatUsd(estimate.capUsd)} (\`budget.max_cost_usd\`).`,
  ].join('\n');
}

function renderHowToRespond(
  input: PlanningCommentInput,
  readiness: ReturnType<typeof planReadiness>,
): string {
  const out = ['### How to respond', ''];
  if (readiness.kind === 'not-ready') {
    out.push('**Not ready for approval yet:**', ...readiness.reasons.map((r) => `- ${oneLine(r)}`), '');
  }
  for (const w of readiness.warnings) out.push(`> ⚠️ ${oneLine(w)}`);
  if (readiness.warnings.length) out.push('');
  const asking = openQuestions(input.revision).length > 0;
  if (input.respond === 'dry-run') {
    out.push('Dry run: nothing is executed. Run the same command without `--dry-run` to approve and run it.');
    return out.join('\n');
  }
  if (input.respond === 'terminal') {
    if (readiness.kind === 'not-ready') out.push('Run again once this is settled; nothing was executed.');
    else if (input.approvedBy) out.push('Approved; the run executes this exact revision.');
    else if (asking)
      out.push('Answer the questions at the prompt; then approve the resulting revision with `y`.');
    else out.push('Approve this exact revision with `y` at the prompt.');
    return out.join('\n');
  }
  out.push(
    asking
      ? '- Answer the questions in a reply, or send `/maestro revise <feedback>`: I will post a new revision here.'
      : '- Send `/maestro revise <feedback>` to change the plan: I will post a new revision here.',
    '- `/maestro chain <feature|fix|test|refactor|review|release>` re-plans with another chain.',
  );
  if (readiness.kind === 'ready') {
    out.push(
      `- \`/maestro approve ${input.revision.hash}\` starts the run on this exact revision (write permission).`,
    );
  }
  return out.join('\n');
}

function renderPrevious(previous: NonNullable<PlanningCommentInput['previous']>): string {
  if (previous.length === 0) return '';
  return previous
    .map(
      (p) =>
        `<details><summary>Revision ${p.number} · <code>${p.hash}</code></summary>\n\n${p.markdown.trim()}\n\n</details>`,
    )
    .join('\n\n');
}
