import { MAX_FIX_LENGTH } from './execute-request.js';
import type { ActionOutcome } from './outcome.js';
import { statusOf } from './outcome.js';
import { appendKeyValues } from './workflow-files.js';

/** Every output action.yml declares; each is always set ("" when it does not apply). */
export const outputNames = [
  'status',
  'branch',
  'pr-number',
  'pr-url',
  'iterations',
  'input-tokens',
  'output-tokens',
  'cost-usd',
  'issue',
  'approval-comment-id',
  'prd-hash',
  'reason',
  'fix',
  'head-sha',
  'review-id',
] as const;
export type OutputName = (typeof outputNames)[number];

/**
 * The outputs of one step. Setting every name, even to "", means a later job's
 * `needs.<job>.outputs.<name>` is never undefined and comparisons behave the same on every path.
 */
export function outputsFor(outcome: ActionOutcome): Record<OutputName, string> {
  const outputs = Object.fromEntries(outputNames.map((name) => [name, ''])) as Record<OutputName, string>;
  outputs.status = statusOf(outcome);
  // The approval being (or, from a plan job, to be) executed; the execute job re-verifies it.
  const request =
    outcome.kind === 'executed'
      ? outcome.request
      : outcome.kind === 'handled' && outcome.handled.kind === 'execute'
        ? outcome.handled.request
        : undefined;
  if (request) {
    outputs.issue = String(request.issue);
    outputs['approval-comment-id'] = String(request.approvalCommentId);
    outputs['prd-hash'] = request.prdHash;
    outputs.reason = request.reason;
    // The same limit the App's dispatch applies, which the execute job's input check enforces.
    outputs.fix = request.fix?.slice(0, MAX_FIX_LENGTH) ?? '';
    outputs['pr-number'] = request.pr === undefined ? '' : String(request.pr);
    outputs['head-sha'] = request.headSha ?? '';
    outputs['review-id'] = request.reviewId === undefined ? '' : String(request.reviewId);
  }
  if (outcome.kind === 'executed') {
    const { result } = outcome;
    outputs.branch = result.branch ?? '';
    if (result.pr) outputs['pr-number'] = String(result.pr.number);
    outputs['pr-url'] = result.pr?.url ?? '';
    outputs.iterations = String(result.iterations);
    outputs['input-tokens'] = String(result.usage.inputTokens);
    outputs['output-tokens'] = String(result.usage.outputTokens);
    outputs['cost-usd'] = result.usage.costUsd.toFixed(4);
  }
  return outputs;
}

/** Writes the outputs to the `GITHUB_OUTPUT` file in the runner's documented format. */
export async function writeOutputs(outputPath: string, outcome: ActionOutcome): Promise<void> {
  await appendKeyValues(outputPath, outputsFor(outcome));
}
