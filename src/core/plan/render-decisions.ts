import { cell } from '../report/markdown.js';
import { confidenceLabel, type Decision } from './decision.js';

const KIND_TITLES: Record<Decision['kind'], string> = {
  'tech-stack': 'Tech stack',
  architecture: 'Architecture',
  'task-ordering': 'Task ordering',
  other: 'Other',
};

/** Decisions as a table: kind, topic, choice, confidence, rationale and alternatives. */
export function renderDecisions(decisions: readonly Decision[], includeRationale = true): string {
  if (decisions.length === 0) return '';
  const head = includeRationale
    ? ['| Kind | Topic | Choice | Confidence | Rationale | Alternatives |', '|---|---|---|---|---|---|']
    : ['| Kind | Topic | Choice | Confidence |', '|---|---|---|---|'];
  const rows = decisions.map((d) => {
    const base = `| ${KIND_TITLES[d.kind]} | ${cell(d.topic)} | ${cell(d.choice)} | ${confidenceLabel(d.confidence)} (${d.confidence.toFixed(2)}) |`;
    if (!includeRationale) return base;
    const alternatives = d.alternatives.length ? d.alternatives.map(cell).join(', ') : '—';
    return `${base} ${cell(d.rationale)} | ${alternatives} |`;
  });
  return ['### Decisions', '', ...head, ...rows].join('\n');
}
