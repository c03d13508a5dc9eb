import { cell } from '../report/markdown.js';
import { isAnswered } from './plan-readiness.js';
import type { Answer } from './plan-revision.js';
import type { Question } from './plan-schema.js';

/**
 * Questions with the default assumed if nobody answers, or the answer and who gave it. A blocking
 * question says so: no default stands in for it and the plan cannot be approved until a person
 * answers (plan-readiness.ts); its default, if the planner gave one, is only a suggestion.
 */
export function renderQuestions(questions: readonly Question[], answers: Record<string, Answer>): string {
  if (questions.length === 0) return '';
  const out = ['### Questions', '', '| | Question | Answer |', '|---|---|---|'];
  for (const q of questions) {
    const a = answers[q.id];
    let answer: string;
    if (a && isAnswered(q, a)) answer = `${cell(a.answer)} _(${cell(a.by)})_`;
    else if (q.blocking)
      answer = `**Blocking: needs an answer before approval**${q.default.trim() ? `<br><sub>Suggested: ${cell(q.default)}</sub>` : ''}`;
    else if (q.default.trim()) answer = `_Assumed if nobody answers:_ ${cell(q.default)}`;
    else answer = '**Needs an answer** (no safe default)';
    const id = q.blocking ? `${q.id} 🛑` : q.id;
    out.push(`| ${id} | ${cell(q.question)}${q.why ? `<br><sub>${cell(q.why)}</sub>` : ''} | ${answer} |`);
  }
  return out.join('\n');
}
