import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  redactOutbound
} from "./chunk-6KY3WMZO.js";
import {
  statusOf
} from "./chunk-QQ3JTLCE.js";
import {
  appendSummary
} from "./chunk-KZWC5CUE.js";
import "./chunk-BCMLP5VT.js";

// src/action/summary.ts
var SUMMARY_LIMIT = 9e5;
function renderSummary(outcome, secrets = []) {
  const lines = [`## Maestro: ${statusOf(outcome)}`, ""];
  switch (outcome.kind) {
    case "nothing":
      lines.push(outcome.reason);
      break;
    case "error":
      lines.push(`The step failed before Maestro could act: ${outcome.message}`);
      break;
    case "handled":
      lines.push(describeHandled(outcome.handled));
      break;
    case "executed":
      if (outcome.handled) lines.push(describeHandled(outcome.handled), "");
      lines.push(...describeRun(outcome.request.issue, outcome.result));
      break;
  }
  const issue = outcome.kind === "executed" ? outcome.request.issue : outcome.kind === "handled" && outcome.handled.kind === "execute" ? outcome.handled.request.issue : void 0;
  return redactOutbound(`${lines.join("\n")}
`, { secrets, issueNumber: issue, maxLength: SUMMARY_LIMIT }).text;
}
function describeHandled(handled) {
  switch (handled.kind) {
    case "ignored":
      return `Nothing to do: ${handled.reason}.`;
    case "replied":
      return `Maestro replied on the issue: ${handled.reason}.`;
    case "planned":
      return handled.ready ? `Plan revision ${handled.revision} (\`${code(handled.hash)}\`) is ready for approval.` : `Plan revision ${handled.revision} (\`${code(handled.hash)}\`) is waiting for answers.`;
    case "plan-in-action":
      return `Planning of #${handled.issue} is handed to the workflow.`;
    case "execute": {
      const { request } = handled;
      return `Approved: issue #${request.issue}, PRD \`${code(request.prdHash)}\` (${request.reason}).`;
    }
    case "cancelled":
      return handled.runId ? `Cancelled (run ${handled.runId}).` : "Cancelled.";
    case "config-invalid":
      return `The repository's Maestro config is invalid: ${handled.problem}`;
  }
}
function describeRun(issue, result) {
  const rows = [["Issue", `#${issue}`]];
  if (result.branch) rows.push(["Branch", `\`${code(result.branch)}\``]);
  if (result.pr) rows.push(["Pull request", `[#${result.pr.number}](${result.pr.url})`]);
  rows.push(["Iterations", String(result.iterations)]);
  const { usage, planning } = result;
  const run = `${usage.inputTokens} in, ${usage.outputTokens} out`;
  if (planning === void 0) {
    rows.push(["Tokens", run], ["Cost", `$${usage.costUsd.toFixed(4)}`]);
  } else {
    rows.push(
      ["Planning", `${planning.tokens} tokens, $${planning.usd.toFixed(4)}`],
      ["Execution", `${run}, $${usage.costUsd.toFixed(4)}`],
      ["Total cost", `$${(planning.usd + usage.costUsd).toFixed(4)}`]
    );
  }
  const lines = ["| | |", "|---|---|", ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
  if (result.reasons.length > 0) lines.push("", "**Why**", "", ...result.reasons.map((r) => `- ${r}`));
  if (result.summary.trim() !== "") {
    lines.push("", "<details><summary>Report</summary>", "", result.summary.trim(), "", "</details>");
  }
  return lines;
}
function code(text) {
  return text.replace(/[`\r\n]/g, "");
}
async function writeSummary(path, outcome, secrets) {
  await appendSummary(path, renderSummary(outcome, secrets));
}
export {
  describeHandled,
  renderSummary,
  writeSummary
};
