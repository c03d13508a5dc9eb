import { ValidationError } from '../core/errors.js';
import type { ExecuteRequest } from '../engine/github/issue-events.js';

/*
 * An execute request from text: the `workflow_dispatch` inputs (what the App sends) or the
 * Action's own inputs (what a plan job's outputs hand to the execute job). Anyone with write
 * access can dispatch a workflow or edit one, so these are untrusted: each value is checked for
 * shape here (digits only, a hex hash), and the engine then verifies the approval itself against
 * GitHub before any model call. A value like `1; rm -rf /` gets no further than this file.
 */

export type RequestField =
  | 'issue'
  | 'approvalCommentId'
  | 'prdHash'
  | 'reason'
  | 'fix'
  | 'pr'
  | 'headSha'
  | 'reviewId';
/** The fields as strings, absent or "" when not given. */
export type RequestText = Partial<Record<RequestField, string>>;
/** What each field is called where it came from, for messages. */
export type RequestNames = Record<RequestField, string>;

/** The `workflow_dispatch` inputs: kebab-case, named as the Action's inputs are. */
export const dispatchNames: RequestNames = {
  issue: 'issue',
  approvalCommentId: 'approval-comment-id',
  prdHash: 'prd-hash',
  reason: 'reason',
  fix: 'fix',
  pr: 'pr-number',
  headSha: 'head-sha',
  reviewId: 'review-id',
};

const POSITIVE_INT = /^[1-9][0-9]{0,15}$/;
const HASH = /^[0-9a-f]{7,64}$/;
const REASONS: readonly string[] = ['approve', 'resume', 'fix', 'ci-fix', 'review'];
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
export const MAX_FIX_LENGTH = 1000;

/** True when any field was given (empty strings are "not given"). */
export function anyGiven(text: RequestText): boolean {
  return Object.values(text).some((value) => value !== undefined && value.trim() !== '');
}

/** The validated request; throws a `ValidationError` naming every bad field (never echoing it). */
export function parseExecuteRequest(text: RequestText, names: RequestNames, source: string): ExecuteRequest {
  const problems: string[] = [];
  const get = (field: RequestField) => {
    const value = text[field]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const number = (field: RequestField, required: boolean): number | undefined => {
    const value = get(field);
    if (value === undefined) {
      if (required) problems.push(`${names[field]} is missing`);
      return undefined;
    }
    if (POSITIVE_INT.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
    problems.push(`${names[field]} must be a positive whole number`);
    return undefined;
  };

  const issue = number('issue', true);
  const approvalCommentId = number('approvalCommentId', true);
  const prdHash = get('prdHash');
  if (prdHash === undefined) problems.push(`${names.prdHash} is missing`);
  else if (!HASH.test(prdHash)) problems.push(`${names.prdHash} must be 7 to 64 lowercase hex characters`);
  const reason = get('reason') ?? 'approve';
  if (!REASONS.includes(reason))
    problems.push(`${names.reason} must be approve, resume, fix, ci-fix or review`);
  const fix = get('fix');
  if (fix !== undefined && fix.length > MAX_FIX_LENGTH) {
    problems.push(`${names.fix} is longer than ${MAX_FIX_LENGTH} characters`);
  }
  const pr = number('pr', false);
  const headSha = get('headSha');
  if (headSha !== undefined && !SHA.test(headSha))
    problems.push(`${names.headSha} must be a full commit sha`);
  const reviewId = number('reviewId', false);
  if (reason === 'ci-fix' && (headSha === undefined || pr === undefined))
    problems.push(`reason ci-fix needs ${names.headSha} and ${names.pr}`);
  if (reason === 'review' && (reviewId === undefined || pr === undefined))
    problems.push(`reason review needs ${names.reviewId} and ${names.pr}`);

  if (
    problems.length > 0 ||
    issue === undefined ||
    approvalCommentId === undefined ||
    prdHash === undefined
  ) {
    throw requestError(source, problems, names);
  }
  const request: ExecuteRequest = {
    issue,
    approvalCommentId,
    prdHash,
    reason: reason as ExecuteRequest['reason'],
  };
  if (fix !== undefined) request.fix = fix;
  if (pr !== undefined) request.pr = pr;
  if (headSha !== undefined) request.headSha = headSha;
  if (reviewId !== undefined) request.reviewId = reviewId;
  return request;
}

export function requestError(source: string, problems: string[], names: RequestNames): ValidationError {
  return new ValidationError(
    source,
    `${problems.join('; ')}. Maestro executes only an approved plan: give ${names.issue}, ${names.approvalCommentId} and ${names.prdHash} from an approved plan (the App and the plan job do this after /maestro approve).`,
  );
}
