import { chains, resolveChainName } from '../chains/chains.js';
import { describeProblems, validateTaskGraph } from '../tasks/validate-task-graph.js';
import type { Answer, PlanRevision } from './plan-revision.js';
import type { Question } from './plan-schema.js';

export type PlanReadiness =
  | { kind: 'ready'; warnings: string[] }
  | { kind: 'not-ready'; reasons: string[]; warnings: string[] };

/**
 * Whether a revision may be approved. An empty or "do it" issue produces a plan with no
 * requirements or with blocking questions; approving such a plan is refused until it is answered.
 */
function chainRunsTasks(name: string): boolean {
  const chain = resolveChainName(name);
  return chain === undefined || chains[chain].changesCode;
}

export function planReadiness(revision: PlanRevision): PlanReadiness {
  const reasons: string[] = [];
  const warnings: string[] = [];
  const { prd, taskPreview } = revision.draft;

  if (prd.requirements.length === 0)
    reasons.push('the PRD has no requirements yet — describe what should change');
  const blocking = revision.draft.questions.filter(
    (q) => (q.blocking || q.default.trim() === '') && !isAnswered(q, revision.answers[q.id]),
  );
  for (const q of blocking) reasons.push(`${q.id} needs an answer (there is no safe default): ${q.question}`);
  const tasks = taskPreview.epics.flatMap((e) => e.tasks);
  // A chain that runs no tasks (review) needs no preview of them.
  const runsTasks = chainRunsTasks(revision.chain);
  if (tasks.length === 0 && runsTasks) reasons.push('the task preview is empty');
  const graph = validateTaskGraph(taskPreview);
  if (graph.kind === 'invalid')
    reasons.push(`the task preview is not a valid DAG: ${describeProblems(graph.problems)}`);

  const served = new Set(tasks.flatMap((t) => t.requirements));
  for (const r of prd.requirements) {
    if (runsTasks && !served.has(r.id)) warnings.push(`${r.id} is not served by any previewed task`);
  }
  return reasons.length === 0 ? { kind: 'ready', warnings } : { kind: 'not-ready', reasons, warnings };
}

/**
 * Whether a question has an answer that counts. A blocking question is answered only by a person:
 * its default taken by `-y`, an Enter or a timeout is the planner's guess, which is exactly what
 * "blocking" says must not decide.
 */
export function isAnswered(question: Question, answer: Answer | undefined): boolean {
  if (answer === undefined) return false;
  return !question.blocking || answer.by !== 'default';
}
