import type { Answer } from '../../core/plan/plan-revision.js';
import type { Question } from '../../core/plan/plan-schema.js';

const LABELLED = /^\s*(?:[-*]\s*)?(?:\*\*)?(Q\d+)(?:\*\*)?\s*[:.)-]\s*(.+)$/i;

/**
 * A plain reply to the planning comment, read as answers to the open questions:
 * - lines `Q1: …` (also `- Q2. …`, `**Q3**: …`) answer that question;
 * - with a single open question, the whole reply is its answer;
 * - otherwise the reply is returned as feedback for the planner to interpret.
 * Quoted lines (`> …`, GitHub's "quote reply") are the question being answered, not the answer.
 */
export function parseAnswers(
  text: string,
  open: readonly Question[],
  by: string,
): { answers: Record<string, Answer>; feedback?: string } {
  const lines = text.split(/\r?\n/).filter((l) => !/^\s*>/.test(l));
  const ids = new Set(open.map((q) => q.id.toUpperCase()));
  const answers: Record<string, Answer> = {};
  for (const line of lines) {
    const match = LABELLED.exec(line);
    const id = match?.[1]?.toUpperCase();
    if (id && match?.[2] && ids.has(id)) answers[id] = { answer: match[2].trim(), by };
  }
  if (Object.keys(answers).length > 0) return { answers };
  const reply = lines.join('\n').trim();
  if (reply === '') return { answers };
  const only = open.length === 1 ? open[0] : undefined;
  if (only) return { answers: { [only.id]: { answer: reply, by } } };
  return { answers, feedback: `Answers to the open questions from @${by}: ${reply}` };
}
