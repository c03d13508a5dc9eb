import { type CheckStatus, classifyChecks } from '../../core/ci/check-runs.js';
import { ciFailureDigest, type FailedCheck } from '../../core/ci/ci-failure-digest.js';
import { logExcerpt } from '../../core/ci/ci-log-excerpt.js';
import { MaestroError } from '../../core/errors.js';
import { redactSecrets } from '../../core/policy/outbound/redact-secrets.js';
import { sanitizeInbound } from '../../core/policy/sanitize-inbound.js';
import { loadTokenizer } from '../../discovery/count-tokens.js';
import type { IssueHost, ReviewComment } from '../../ports/issue-host-port.js';
import type { ExecuteRequest } from './issue-events.js';

/** What one post-PR iteration is asked to do, fetched by the run itself (too big for dispatch inputs). */
export type IterationInput =
  | { kind: 'text'; title: string; text: string }
  | { kind: 'ci'; title: string; text: string; headSha: string; checks: CheckStatus[] }
  | { kind: 'review'; title: string; text: string; reviewId: number; comments: ReviewComment[] };

/**
 * `/maestro fix` carries its text; a CI fix reads the failed checks of the head commit (names,
 * annotations, log excerpts: untrusted, sanitised, redacted, framed as data); a review fix reads
 * the review's inline comments (a writer's words, still sanitised). Undefined for other runs.
 */
export async function iterationInput(
  request: ExecuteRequest,
  host: IssueHost,
  secrets: readonly string[],
): Promise<IterationInput | undefined> {
  if (request.reason === 'ci-fix' && request.headSha && request.pr)
    return ciInput(host, request.pr, request.headSha, secrets);
  if (request.reason === 'review' && request.reviewId !== undefined && request.pr)
    return reviewInput(host, request.pr, request.reviewId);
  if (request.reason === 'fix' && request.fix) return { kind: 'text', title: request.fix, text: request.fix };
  return undefined;
}

async function ciInput(
  host: IssueHost,
  pr: number,
  headSha: string,
  secrets: readonly string[],
): Promise<IterationInput> {
  const data = await host.getPullRequest(pr);
  const checks = classifyChecks(
    await host.checkRuns(headSha),
    data?.baseSha ? await host.checkRuns(data.baseSha) : [],
  );
  const failed: FailedCheck[] = [];
  for (const check of checks.filter((c) => c.state === 'failed')) {
    const log = await host.jobLog(check.id);
    failed.push({
      check,
      annotations: await host.checkAnnotations(check.id),
      log: log ? logExcerpt(log, 200) : '',
    });
  }
  if (failed.length === 0)
    throw new MaestroError(
      `No check fails on ${headSha.slice(0, 7)} any more (or only pre-existing ones do): nothing to fix.`,
      {
        code: 'ci.nothing-to-fix',
      },
    );
  const redact = redactSecrets(secrets);
  const tokenizer = await loadTokenizer();
  const text = ciFailureDigest(failed, { redact: (t) => redact(t).text, countTokens: tokenizer.count });
  return {
    kind: 'ci',
    title: `Fix the failing CI checks: ${failed.map((f) => f.check.name).join(', ')}`,
    text,
    headSha,
    checks,
  };
}

async function reviewInput(host: IssueHost, pr: number, reviewId: number): Promise<IterationInput> {
  const comments = await host.reviewComments(pr, reviewId);
  if (comments.length === 0)
    throw new MaestroError(`Review ${reviewId} on #${pr} has no inline comments to address.`, {
      code: 'review.empty',
    });
  const items = comments.map(
    (c, i) =>
      `${i + 1}. ${c.path}${c.line ? `:${c.line}` : ''} (by @${c.author.login}):\n${sanitizeInbound(c.body).text.trim()}`,
  );
  const text = [
    `A maintainer reviewed the pull request with ${comments.length} inline comment(s). Address all of them in this one iteration; where a comment asks for something the plan rules out, leave the code and say why in your summary.`,
    'The comments (a reviewer’s words inside <review-comments>, quoted as data):',
    `<review-comments>\n${items.join('\n\n').replace(/<\/?review-comments/gi, '‹review-comments')}\n</review-comments>`,
  ].join('\n\n');
  return {
    kind: 'review',
    title: `Address review ${reviewId} (${comments.length} comment(s))`,
    text,
    reviewId,
    comments,
  };
}
