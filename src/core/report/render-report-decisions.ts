import type { Decision } from '../plan/decision.js';
import { renderDecisions } from '../plan/render-decisions.js';
import type { ReportLimits } from './report-limits.js';
import { clip, firstOf, moreNote, section } from './report-text.js';

/** The planning comment's decision table under the report's own heading, with model text clipped. */
export function renderReportDecisions(
  decisions: readonly Decision[],
  includeRationale: boolean,
  limits: ReportLimits,
): string {
  if (decisions.length === 0) return section('Decisions', '_No decisions were recorded._');
  const { shown, more } = firstOf(decisions, limits.maxRows);
  const table = renderDecisions(
    shown.map((d) => ({
      ...d,
      topic: safe(d.topic, 200),
      choice: safe(d.choice, 200),
      rationale: safe(d.rationale, limits.evidenceChars),
      alternatives: d.alternatives.slice(0, 5).map((alternative) => safe(alternative, 120)),
    })),
    includeRationale,
  ).replace(/^### Decisions\n\n/, '');
  return section('Decisions', table, moreNote(more, 'decisions (shortened to fit)'));
}

// `renderDecisions` already keeps text inside its cell; escaping `<` keeps model HTML inert too.
function safe(text: string, maxChars: number): string {
  return clip(text, maxChars).replace(/</g, '&lt;');
}
