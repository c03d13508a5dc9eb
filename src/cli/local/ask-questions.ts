import { chainNames, resolveChainName } from '../../core/chains/chains.js';
import type { Answer, PlanRevision } from '../../core/plan/plan-revision.js';
import { openQuestions } from '../../core/plan/plan-revision.js';
import type { Question } from '../../core/plan/plan-schema.js';
import type { CliIo } from '../io.js';

/**
 * Asks each open question at the terminal; an empty reply (or end of input) takes the default —
 * except for a blocking question, which only a typed answer settles (its default is shown as a
 * suggestion). Returns only answers a person typed or accepted — nothing when stdin cannot be read.
 */
export async function askQuestions(revision: PlanRevision, io: CliIo): Promise<Record<string, Answer>> {
  const answers: Record<string, Answer> = {};
  if (!io.readLine) return answers;
  for (const q of openQuestions(revision)) {
    const reply = (await io.readLine(`[Maestro]   ? ${q.id}: ${q.question}${promptSuffix(q)}\n> `))?.trim();
    if (reply === undefined) break;
    if (reply) answers[q.id] = { answer: reply, by: 'local user' };
    else if (q.default && !q.blocking) answers[q.id] = { answer: q.default, by: 'default' };
  }
  return answers;
}

function promptSuffix(q: Question): string {
  if (q.blocking)
    return ` (blocking: type an answer${q.default ? `; suggested: ${q.default}` : ''}; Enter leaves it open)`;
  return q.default ? ` [default: ${q.default}]` : ' (no default — please answer)';
}

/** `-y`: every open question takes its default, as the seed's auto mode does — but a blocking one stays open. */
export function defaultAnswers(revision: PlanRevision): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const q of openQuestions(revision)) {
    if (q.default && !q.blocking) answers[q.id] = { answer: q.default, by: 'default' };
  }
  return answers;
}

export async function confirm(io: CliIo, prompt: string): Promise<boolean> {
  const reply = await io.readLine?.(`${prompt} [y/N] `);
  return /^(y|yes)$/i.test(reply?.trim() ?? '');
}

/**
 * The seed's E001 at the terminal: no label or keyword says which chain the request is, so one
 * question asks; an empty reply, end of input or no terminal keeps the feature chain. `undefined`
 * means "keep the default". An unknown name asks once more, then keeps the default.
 */
export async function askChain(io: CliIo): Promise<string | undefined> {
  if (!io.readLine || !io.isTTY) return undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    const reply = (
      await io.readLine(`[Maestro]   ? Which chain is this? ${chainNames.join(', ')} [default: feature]\n> `)
    )?.trim();
    if (!reply) return undefined;
    if (resolveChainName(reply) !== undefined) return reply;
    io.stdout(`[Maestro]   "${reply}" is not a chain.\n`);
  }
  return undefined;
}
