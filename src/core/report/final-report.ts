import { GITHUB_BODY_LIMIT, truncateBody } from '../policy/outbound/truncate-body.js';
import type { FinalReportInput } from './final-report-input.js';
import { renderChainSteps } from './render-chain-steps.js';
import { renderChanges } from './render-changes.js';
import { renderCheckpoints } from './render-checkpoints.js';
import { renderCost } from './render-cost.js';
import { renderGates } from './render-gates.js';
import { renderNextSteps } from './render-next-steps.js';
import { renderRecovery } from './render-recovery.js';
import { renderReportDecisions } from './render-report-decisions.js';
import { renderReportHeader, renderReportSummary } from './render-report-summary.js';
import { renderTaskSection } from './render-task-section.js';
import { renderTraceability } from './render-traceability.js';
import { type ReportLimits, reportLimitLevels } from './report-limits.js';

/**
 * The default size bound. It leaves headroom under GitHub's 65,536 because the outbound redactor
 * runs after this and its escaping can only make the body longer; if it then had to cut, the cut
 * would fall on the known gaps and next steps at the end.
 */
export const FINAL_REPORT_MAX_LENGTH = GITHUB_BODY_LIMIT - 4_096;

export interface FinalReportOptions {
  /** Maximum length in UTF-16 units; never above GitHub's body limit. */
  maxLength?: number;
}

/**
 * The final report (product.md §6): the PR body on GitHub and `final-report.md` locally.
 *
 *  1. Header, `Closes #N`, Summary and Known gaps and next steps are bounded by construction and
 *     always kept whole.
 *  2. The sections between are rendered at the most detailed level that fits (`reportLimitLevels`:
 *     fold and trim the changes, trim evidence, drop the Mermaid graph, trim task summaries).
 *  3. When even the leanest level is too long, only those middle sections are cut.
 */
export function renderFinalReport(input: FinalReportInput, options: FinalReportOptions = {}): string {
  const maxLength = Math.min(GITHUB_BODY_LIMIT, options.maxLength ?? FINAL_REPORT_MAX_LENGTH);
  const head = `${renderReportHeader(input)}\n\n${renderReportSummary(input)}`;
  const tail = renderNextSteps(input);
  let middle = '';
  for (const limits of reportLimitLevels) {
    middle = renderMiddle(input, limits);
    const report = assemble(head, middle, tail);
    if (report.length <= maxLength) return report;
  }
  const room = maxLength - assemble(head, '', tail).length - CLOSERS_RESERVE;
  const report = assemble(head, cutMiddle(middle, room), tail);
  // Only reached when maxLength is smaller than the bounded parts themselves.
  return report.length <= maxLength ? report : truncateBody(report, maxLength).text;
}

function renderMiddle(input: FinalReportInput, limits: ReportLimits): string {
  return [
    renderChainSteps(input.steps, input.planDrift),
    renderTraceability(input.requirements, limits),
    renderReportDecisions(input.decisions, input.includeRationale ?? true, limits),
    renderTaskSection(input.plan, input.tasks, limits),
    renderChanges(input.changes, limits),
    renderGates(input.gates, input.iterations, limits),
    renderCheckpoints(input.checkpoints, limits),
    renderCost(input.usage),
    renderRecovery(input.recoveries, input.blockedActions, input.sandbox),
  ]
    .filter((block) => block !== '')
    .join('\n\n');
}

function assemble(head: string, middle: string, tail: string): string {
  return `${[head, middle, tail].filter((part) => part !== '').join('\n\n')}\n`;
}

const CLOSER = '\n\n</details>';
// Folds are never nested, so at most one is open wherever the cut falls.
const CLOSERS_RESERVE = CLOSER.length;

/**
 * The middle cut to `room` characters. A `<details>` left open by the cut would fold the next
 * steps out of sight, so it is closed. Model text has `<` escaped, so every line that starts a
 * fold is the report's own.
 */
function cutMiddle(middle: string, room: number): string {
  if (room <= 0) return '';
  const cut = truncateBody(middle, room).text;
  const opened = cut.match(/^<details>$/gm)?.length ?? 0;
  const closed = cut.match(/^<\/details>$/gm)?.length ?? 0;
  return cut + CLOSER.repeat(Math.max(0, opened - closed));
}
