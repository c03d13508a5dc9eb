import { cell, code, indent, oneLine } from '../report/markdown.js';
import type { Prd } from './plan-schema.js';

/** The PRD section: goal, numbered requirements with acceptance criteria, non-goals, areas, risks. */
export function renderPrd(prd: Prd): string {
  const out: string[] = [
    `### PRD: ${oneLine(prd.title)}`,
    '',
    `**Goal.** ${oneLine(prd.goal)}`,
    '',
    '#### Requirements',
  ];
  if (prd.requirements.length === 0) out.push('', '_None yet — the issue does not say what should change._');
  for (const r of prd.requirements) {
    out.push('', `- **${r.id} — ${oneLine(r.title)}** _(${r.priority})_`);
    if (r.description.trim()) out.push(indent(oneLine(r.description), 2));
    // Plain items, not `- [ ]` task-list items: ticking one would edit the planning comment, which
    // Maestro reads as tampering with the approved plan (verify-approval.ts).
    for (const a of r.acceptance) out.push(`  - ${oneLine(a)}`);
  }
  if (prd.nonGoals.length > 0) {
    out.push('', '#### Non-goals', '', ...prd.nonGoals.map((g) => `- ${oneLine(g)}`));
  }
  if (prd.affectedAreas.length > 0) {
    out.push('', '#### Affected areas', '');
    for (const a of prd.affectedAreas) out.push(`- ${code(a.path)}${a.why ? ` — ${oneLine(a.why)}` : ''}`);
  }
  if (prd.risks.length > 0) {
    out.push('', '#### Risks', '', '| Risk | Mitigation |', '|---|---|');
    for (const r of prd.risks) out.push(`| ${cell(r.risk)} | ${cell(r.mitigation)} |`);
  }
  return out.join('\n');
}
