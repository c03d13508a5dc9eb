import { classifyChecks } from '../../core/ci/check-runs.js';
import type { MaestroConfig } from '../../core/config/config-schema.js';
import { parseCheckpointTrailers } from '../../core/state/checkpoint-trailers.js';
import type { GitHubDeps } from './github-deps.js';
import type { Handled, IssueEvent } from './issue-events.js';
import { fixRequest, issueOfBranch } from './pull-request-link.js';
import { savedRunOf } from './run-setup.js';
import { showChecksInTracking } from './tracking-ci.js';

type ChecksEvent = Extract<IssueEvent, { kind: 'checks' }>;

/**
 * Checks finished on a branch → at most one CI fix iteration, only when every rule holds:
 * - the branch is Maestro's (`maestro/issue-<n>-…`) and has an open PR whose head is this commit;
 * - the commit is Maestro's checkpoint of the run (its trailers name the run's session): a
 *   person's push stops the loop, said once on the PR;
 * - every check on the commit has finished, and one failed that did not fail on the base commit
 *   (failures already red on the base are pre-existing: reported, never "fixed");
 * - fewer than `ci.max_fix_iterations` CI iterations ran for this PR; then it stops and says so.
 * The same head commit is acted on once, whichever check suite finished last. Whenever no fix
 * starts on Maestro's checkpoint, the tracking comment shows its checks as they are now.
 */
export async function handleChecks(
  event: ChecksEvent,
  config: MaestroConfig,
  deps: GitHubDeps,
): Promise<Handled> {
  const { host } = deps;
  const issue = issueOfBranch(event.head);
  if (issue === undefined) return { kind: 'ignored', reason: 'not a Maestro branch' };
  if (config.ci.max_fix_iterations === 0) return { kind: 'ignored', reason: 'ci.max_fix_iterations is 0' };
  const pr = await host.findPullRequest(event.head);
  if (!pr) return { kind: 'ignored', reason: 'no open pull request for the branch' };
  if (pr.headSha && pr.headSha !== event.headSha) return { kind: 'ignored', reason: 'not the PR head' };
  const key = `ci:${event.headSha}`;
  if (await host.findOwnComment(pr.number, { kind: 'notice', key }))
    return { kind: 'ignored', reason: 'this head commit was already handled' };

  const saved = savedRunOf(await host.findOwnComment(issue, { kind: 'tracking' }));
  const trailers = parseCheckpointTrailers((await host.commitMessage(event.headSha)) ?? '');
  if (!saved || trailers?.session !== saved.state.session) {
    await host.reply(pr.number, key, notMaestroHead(event.headSha));
    return { kind: 'replied', reason: "the head commit is not Maestro's checkpoint" };
  }
  const head = await host.checkRuns(event.headSha);
  const checks = classifyChecks(head, pr.baseSha ? await host.checkRuns(pr.baseSha) : []);
  const used = saved.state.ci?.iterations ?? 0;
  const show = () =>
    showChecksInTracking(host, issue, { iterations: used, max: config.ci.max_fix_iterations, checks });
  if (head.some((run) => run.status !== 'completed')) {
    await show();
    return { kind: 'ignored', reason: 'checks still running' };
  }
  const failed = checks.filter((c) => c.state === 'failed');
  const preExisting = checks.filter((c) => c.state === 'pre-existing').map((c) => c.name);
  if (failed.length === 0) {
    await show();
    if (preExisting.length === 0) return { kind: 'ignored', reason: 'no check failed' };
    await host.reply(pr.number, key, onlyPreExisting(preExisting));
    return { kind: 'replied', reason: 'only pre-existing failures' };
  }
  if (used >= config.ci.max_fix_iterations) {
    await show();
    await host.reply(
      pr.number,
      key,
      capReached(
        used,
        failed.map((c) => c.name),
      ),
    );
    return { kind: 'replied', reason: 'ci.max_fix_iterations reached' };
  }
  await host.reply(
    pr.number,
    key,
    startingFix(
      failed.map((c) => c.name),
      preExisting,
      used + 1,
      config,
    ),
  );
  return fixRequest(
    {
      issue,
      pr: pr.number,
      fix: `CI failed on ${event.headSha.slice(0, 7)}: ${failed.map((c) => c.name).join(', ')}`,
      replyTo: { issue: pr.number, key },
      reason: 'ci-fix',
      headSha: event.headSha,
    },
    deps,
  );
}

function notMaestroHead(sha: string): string {
  return `Checks finished on \`${sha.slice(0, 7)}\`, which is not a checkpoint of Maestro's run (someone pushed to the branch), so Maestro does not fix CI on it. Comment \`/maestro fix <what>\` to ask for another iteration.`;
}

function onlyPreExisting(names: string[]): string {
  return `The failing checks (${names.map((n) => `\`${n}\``).join(', ')}) fail on the base branch too: they are pre-existing, so Maestro leaves them alone.`;
}

function capReached(used: number, failed: string[]): string {
  return `CI still fails (${failed.map((n) => `\`${n}\``).join(', ')}) after ${used} CI fix iteration(s), the limit (\`ci.max_fix_iterations\`). Maestro stops here; comment \`/maestro fix <what>\` to ask for another iteration.`;
}

function startingFix(failed: string[], preExisting: string[], n: number, config: MaestroConfig): string {
  const pre = preExisting.length
    ? ` Pre-existing on the base branch, left alone: ${preExisting.map((x) => `\`${x}\``).join(', ')}.`
    : '';
  return `CI failed on Maestro's checkpoint: ${failed.map((x) => `\`${x}\``).join(', ')}. Running CI fix iteration ${n} of ${config.ci.max_fix_iterations} on the same branch.${pre}`;
}
