import { ValidationError } from '../core/errors.js';
import type { Actor } from '../ports/issue-host-port.js';
import type { Route } from './event-router.js';
import { dispatchNames, parseExecuteRequest, type RequestText, requestError } from './execute-request.js';

const SOURCE = 'workflow_dispatch inputs';

/** The inputs' values as GitHub sends them: strings, absent or "" when not given. */
function text(inputs: Record<string, unknown>, name: string): string | undefined {
  const value = inputs[name];
  if (value === undefined || value === null) return undefined;
  const s = typeof value === 'string' ? value.trim() : String(value);
  return s === '' ? undefined : s;
}

/**
 * `workflow_dispatch` inputs → a route: `mode: plan` plans the issue; otherwise the inputs must
 * name an approval to execute (execute-request.ts checks each value's shape).
 */
export function dispatchRequest(inputs: Record<string, unknown>, sender: Actor, now: Date): Route {
  rejectRenamed(inputs);
  const mode = text(inputs, 'mode');
  if (mode !== undefined && mode !== 'plan' && mode !== 'execute') {
    throw requestError(SOURCE, ['mode must be plan or execute'], dispatchNames);
  }
  if (mode === 'plan') {
    const issue = text(inputs, 'issue');
    if (issue === undefined || !/^[1-9][0-9]{0,9}$/.test(issue)) {
      const problem = issue === undefined ? 'issue is missing' : 'issue must be a positive whole number';
      throw new ValidationError(SOURCE, `${problem}: mode plan plans one issue; dispatch with its number.`);
    }
    const commentId = text(inputs, 'comment-id');
    if (commentId !== undefined && !/^[1-9][0-9]{0,15}$/.test(commentId)) {
      throw new ValidationError(
        SOURCE,
        'comment-id must be a positive whole number: the id of the comment (an answer, /maestro revise or /maestro chain) to plan from, or empty for the first plan.',
      );
    }
    return {
      kind: 'plan',
      issue: Number(issue),
      sender,
      at: now.toISOString(),
      ...(commentId === undefined ? {} : { commentId: Number(commentId) }),
    };
  }
  const fields: RequestText = {};
  for (const [field, name] of Object.entries(dispatchNames) as Array<[keyof RequestText, string]>) {
    fields[field] = text(inputs, name);
  }
  return { kind: 'execute', request: parseExecuteRequest(fields, dispatchNames, SOURCE) };
}

/** The snake_case names of Maestro's first workflows → today's kebab-case ones. */
const RENAMED: Record<string, string> = {
  approval_comment_id: 'approval-comment-id',
  prd_hash: 'prd-hash',
  pr: 'pr-number',
  head_sha: 'head-sha',
  review_id: 'review-id',
  comment_id: 'comment-id',
};

/**
 * A workflow that still declares the old names gets them from a person's manual dispatch (GitHub
 * refuses the App's dispatch of undeclared names): say which to rename rather than "missing".
 */
function rejectRenamed(inputs: Record<string, unknown>): void {
  const old = Object.keys(RENAMED).filter((name) => text(inputs, name) !== undefined);
  if (old.length === 0) return;
  throw new ValidationError(
    SOURCE,
    `${old.map((name) => `${name} was renamed ${RENAMED[name]}`).join('; ')}. Rename the workflow’s on.workflow_dispatch.inputs to kebab-case, as in examples/workflows/ (the App dispatches the new names).`,
  );
}
