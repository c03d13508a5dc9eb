import { redactOutbound } from '../core/policy/redact-outbound.js';
import type { RunResult } from '../engine/github/github-deps.js';
import type { Handled } from '../engine/github/issue-events.js';
import { type ActionOutcome, statusOf } from './outcome.js';
import { appendSummary } from './workflow-files.js';

/** GitHub refuses step summaries over 1 MiB; stay well under it. */
const SUMMARY_LIMIT = 900_000;

/**
 * The job summary as markdown. It is rendered here rather than with `core.summary`'s builder
 * because that writes to the file named in `process.env` (see workflow-files.ts) and emits HTML
 * that is harder to assert on; the result is the same kind of page.
 *
 * Everything passes through the outbound redactor with the run's secrets: the report was written
 * by a model that may have been obeying an attacker, and the summary is public to anyone who can
 * read the repository's Actions runs.
 */
export function renderSummary(outcome: ActionOutcome, secrets: readonly string[] = []): string {
  const lines = [`## Maestro: ${statusOf(outcome)}`, ''];
  switch (outcome.kind) {
    case 'nothing':
      lines.push(outcome.reason);
      break;
    case 'error':
      lines.push(`The step failed before Maestro could act: ${outcome.message}`);
      break;
    case 'handled':
      lines.push(describeHandled(outcome.handled));
      break;
    case 'executed':
      if (outcome.handled) lines.push(describeHandled(outcome.handled), '');
      lines.push(...describeRun(outcome.request.issue, outcome.result));
      break;
  }
  const issue =
    outcome.kind === 'executed'
      ? outcome.request.issue
      : outcome.kind === 'handled' && outcome.handled.kind === 'execute'
        ? outcome.handled.request.issue
        : undefined;
  return redactOutbound(`${lines.join('\n')}\n`, { secrets, issueNumber: issue, maxLength: SUMMARY_LIMIT })
    .text;
}

export function describeHandled(handled: Handled): string {
  switch (handled.kind) {
    case 'ignored':
      return `Nothing to do: ${handled.reason}.`;
    case 'replied':
      return `Maestro replied on the issue: ${handled.reason}.`;
    case 'planned':
      return handled.ready
        ? `Plan revision ${handled.revision} (\`${code(handled.hash)}\`) is ready for approval.`
        : `Plan revision ${handled.revision} (\`${code(handled.hash)}\`) is waiting for answers.`;
    case 'plan-in-action':
      return `Planning of #${handled.issue} is handed to the workflow.`;
    case 'execute': {
      const { request } = handled;
      return `Approved: issue #${request.issue}, PRD \`${code(request.prdHash)}\` (${request.reason}).`;
    }
    case 'cancelled':
      return handled.runId ? `Cancelled (run ${handled.runId}).` : 'Cancelled.';
    case 'config-invalid':
      return `The repository's Maestro config is invalid: ${handled.problem}`;
  }
}

function describeRun(issue: number, result: RunResult): string[] {
  const rows: Array<[string, string]> = [['Issue', `#${issue}`]];
  if (result.branch) rows.push(['Branch', `\`${code(result.branch)}\``]);
  if (result.pr) rows.push(['Pull request', `[#${result.pr.number}](${result.pr.url})`]);
  rows.push(['Iterations', String(result.iterations)]);
  const { usage, planning } = result;
  const run = `${usage.inputTokens} in, ${usage.outputTokens} out`;
  if (planning === undefined) {
    rows.push(['Tokens', run], ['Cost', `$${usage.costUsd.toFixed(4)}`]);
  } else {
    // Planning ran earlier (the plan job, or earlier rounds): without it the table undercounts.
    rows.push(
      ['Planning', `${planning.tokens} tokens, $${planning.usd.toFixed(4)}`],
      ['Execution', `${run}, $${usage.costUsd.toFixed(4)}`],
      ['Total cost', `$${(planning.usd + usage.costUsd).toFixed(4)}`],
    );
  }
  const lines = ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
  if (result.reasons.length > 0) lines.push('', '**Why**', '', ...result.reasons.map((r) => `- ${r}`));
  if (result.summary.trim() !== '') {
    lines.push('', '<details><summary>Report</summary>', '', result.summary.trim(), '', '</details>');
  }
  return lines;
}

/** Inline code cannot hold a backtick or a line break. */
function code(text: string): string {
  return text.replace(/[`\r\n]/g, '');
}

export async function writeSummary(
  path: string,
  outcome: ActionOutcome,
  secrets: readonly string[],
): Promise<void> {
  await appendSummary(path, renderSummary(outcome, secrets));
}
