import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  ValidationError
} from "./chunk-2HGUGDQM.js";

// src/action/execute-request.ts
var dispatchNames = {
  issue: "issue",
  approvalCommentId: "approval-comment-id",
  prdHash: "prd-hash",
  reason: "reason",
  fix: "fix",
  pr: "pr-number",
  headSha: "head-sha",
  reviewId: "review-id"
};
var POSITIVE_INT = /^[1-9][0-9]{0,15}$/;
var HASH = /^[0-9a-f]{7,64}$/;
var REASONS = ["approve", "resume", "fix", "ci-fix", "review"];
var SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
var MAX_FIX_LENGTH = 1e3;
function anyGiven(text) {
  return Object.values(text).some((value) => value !== void 0 && value.trim() !== "");
}
function parseExecuteRequest(text, names, source) {
  const problems = [];
  const get = (field) => {
    const value = text[field]?.trim();
    return value === void 0 || value === "" ? void 0 : value;
  };
  const number = (field, required) => {
    const value = get(field);
    if (value === void 0) {
      if (required) problems.push(`${names[field]} is missing`);
      return void 0;
    }
    if (POSITIVE_INT.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
    problems.push(`${names[field]} must be a positive whole number`);
    return void 0;
  };
  const issue = number("issue", true);
  const approvalCommentId = number("approvalCommentId", true);
  const prdHash = get("prdHash");
  if (prdHash === void 0) problems.push(`${names.prdHash} is missing`);
  else if (!HASH.test(prdHash)) problems.push(`${names.prdHash} must be 7 to 64 lowercase hex characters`);
  const reason = get("reason") ?? "approve";
  if (!REASONS.includes(reason))
    problems.push(`${names.reason} must be approve, resume, fix, ci-fix or review`);
  const fix = get("fix");
  if (fix !== void 0 && fix.length > MAX_FIX_LENGTH) {
    problems.push(`${names.fix} is longer than ${MAX_FIX_LENGTH} characters`);
  }
  const pr = number("pr", false);
  const headSha = get("headSha");
  if (headSha !== void 0 && !SHA.test(headSha))
    problems.push(`${names.headSha} must be a full commit sha`);
  const reviewId = number("reviewId", false);
  if (reason === "ci-fix" && (headSha === void 0 || pr === void 0))
    problems.push(`reason ci-fix needs ${names.headSha} and ${names.pr}`);
  if (reason === "review" && (reviewId === void 0 || pr === void 0))
    problems.push(`reason review needs ${names.reviewId} and ${names.pr}`);
  if (problems.length > 0 || issue === void 0 || approvalCommentId === void 0 || prdHash === void 0) {
    throw requestError(source, problems, names);
  }
  const request = {
    issue,
    approvalCommentId,
    prdHash,
    reason
  };
  if (fix !== void 0) request.fix = fix;
  if (pr !== void 0) request.pr = pr;
  if (headSha !== void 0) request.headSha = headSha;
  if (reviewId !== void 0) request.reviewId = reviewId;
  return request;
}
function requestError(source, problems, names) {
  return new ValidationError(
    source,
    `${problems.join("; ")}. Maestro executes only an approved plan: give ${names.issue}, ${names.approvalCommentId} and ${names.prdHash} from an approved plan (the App and the plan job do this after /maestro approve).`
  );
}

export {
  dispatchNames,
  MAX_FIX_LENGTH,
  anyGiven,
  parseExecuteRequest,
  requestError
};
