import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  statusOf
} from "./chunk-QQ3JTLCE.js";
import {
  appendKeyValues
} from "./chunk-KZWC5CUE.js";
import {
  MAX_FIX_LENGTH
} from "./chunk-SP6BMHCB.js";
import "./chunk-2HGUGDQM.js";
import "./chunk-BCMLP5VT.js";

// src/action/outputs.ts
var outputNames = [
  "status",
  "branch",
  "pr-number",
  "pr-url",
  "iterations",
  "input-tokens",
  "output-tokens",
  "cost-usd",
  "issue",
  "approval-comment-id",
  "prd-hash",
  "reason",
  "fix",
  "head-sha",
  "review-id"
];
function outputsFor(outcome) {
  const outputs = Object.fromEntries(outputNames.map((name) => [name, ""]));
  outputs.status = statusOf(outcome);
  const request = outcome.kind === "executed" ? outcome.request : outcome.kind === "handled" && outcome.handled.kind === "execute" ? outcome.handled.request : void 0;
  if (request) {
    outputs.issue = String(request.issue);
    outputs["approval-comment-id"] = String(request.approvalCommentId);
    outputs["prd-hash"] = request.prdHash;
    outputs.reason = request.reason;
    outputs.fix = request.fix?.slice(0, MAX_FIX_LENGTH) ?? "";
    outputs["pr-number"] = request.pr === void 0 ? "" : String(request.pr);
    outputs["head-sha"] = request.headSha ?? "";
    outputs["review-id"] = request.reviewId === void 0 ? "" : String(request.reviewId);
  }
  if (outcome.kind === "executed") {
    const { result } = outcome;
    outputs.branch = result.branch ?? "";
    if (result.pr) outputs["pr-number"] = String(result.pr.number);
    outputs["pr-url"] = result.pr?.url ?? "";
    outputs.iterations = String(result.iterations);
    outputs["input-tokens"] = String(result.usage.inputTokens);
    outputs["output-tokens"] = String(result.usage.outputTokens);
    outputs["cost-usd"] = result.usage.costUsd.toFixed(4);
  }
  return outputs;
}
async function writeOutputs(outputPath, outcome) {
  await appendKeyValues(outputPath, outputsFor(outcome));
}
export {
  outputNames,
  outputsFor,
  writeOutputs
};
