import type { Answer, PlanRevision } from '../../core/plan/plan-revision.js';
import { openQuestions } from '../../core/plan/plan-revision.js';
import type { CliIo } from '../io.js';

/**
 * Asks each open question at the terminal; an empty reply (or end of input) takes the default.
 * Returns only answers a person typed or accepted — nothing when stdin cannot be read.
 */
export async function askQuestions(revision: PlanRevision, io: CliIo): Promise<Record<string, Answer>> {
  const answers: Record<string, Answer> = {};
  if (!io.readLine) return answers;
  for (const q of openQuestions(revision)) {
    const suffix = q.default ? ` [default: ${q.default}]` : ' (no default — please answer)';
    const reply = (await io.readLine(`[Maestro]   ? ${q.id}: ${q.question}${suffix}\n> `))?.trim();
    if (reply === undefined) break;
    if (reply) answers[q.id] = { answer: reply, by: 'local user' };
    else if (q.default) answers[q.id] = { answer: q.default, by: 'default' };
  }
  return answers;
}

/** `-y`: every open question takes its default, as the seed's auto mode does. */
export function defaultAnswers(revision: PlanRevision): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const q of openQuestions(revision)) {
    if (q.default) answers[q.id] = { answer: q.default, by: 'default' };
  }
  return answers;
}

export async function confirm(io: CliIo, prompt: string): Promise<boolean> {
  const reply = await io.readLine?.(`${prompt} [y/N] `);
  return /^(y|yes)$/i.test(reply?.trim() ?? '');
}
