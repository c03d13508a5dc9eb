import { MaestroError } from '../../core/errors.js';
import { planReadiness } from '../../core/plan/plan-readiness.js';
import { openQuestions, type PlanRevision } from '../../core/plan/plan-revision.js';

/**
 * What to do about a plan that cannot be approved, from what is actually wrong with it: open
 * blocking questions need answers; an incomplete or invalid plan (no requirements, an empty or
 * cyclic task preview) needs another planning round, not answers.
 */
export function notReadyAdvice(revision: PlanRevision): string {
  const blocking = openQuestions(revision).filter((q) => q.blocking || q.default.trim() === '');
  const readiness = planReadiness(revision);
  const other = readiness.kind === 'not-ready' ? readiness.reasons.length - blocking.length : 0;
  const advice: string[] = [];
  if (blocking.length > 0)
    advice.push(
      `Answer ${blocking.map((q) => q.id).join(', ')}: run again at a terminal without -y, or write the answer${blocking.length > 1 ? 's' : ''} in the issue file.`,
    );
  if (other > 0)
    advice.push(
      'The plan itself is incomplete: run again to re-plan, adding detail to the request or the issue file if it says too little.',
    );
  return advice.join(' ');
}

/**
 * An error that ended planning. Advice to "run `maestro resume`" (a model outage, a rate limit)
 * is for a run that has a plan and checkpoints; before approval there is nothing to resume, so
 * the advice becomes running the same command again.
 */
export function planningFailure(error: unknown): unknown {
  if (!(error instanceof MaestroError) || !error.message.includes('`maestro resume`')) return error;
  const message = error.message.replaceAll(
    'run `maestro resume`',
    'run the same `maestro run` again (planning had not finished, so there is nothing to resume)',
  );
  return new MaestroError(message, { code: error.code, cause: error });
}
