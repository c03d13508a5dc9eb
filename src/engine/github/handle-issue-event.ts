import { meetsPermission } from '../../core/commands/command-permissions.js';
import type { Actor } from '../../ports/issue-host-port.js';
import type { GitHubDeps } from './github-deps.js';
import { handleChecks } from './handle-checks.js';
import { handleComment } from './handle-comment.js';
import { handleReview, handleReviewComment } from './handle-review.js';
import { type Handled, type IssueEvent, subjectOf } from './issue-events.js';
import { isBotOrSelf } from './issue-snapshot.js';
import { planOnGitHub } from './plan-on-github.js';
import { readPlan, updateRecord } from './plan-record.js';
import { plansInAction } from './plans-in-action.js';
import { loadRepoConfig, reportInvalidConfig } from './repo-config.js';
import { cancelPlan } from './run-control.js';

/**
 * One GitHub event → what Maestro does about it (product.md §2–§3): plan on the trigger label,
 * cancel on its removal, invalidate a pending approval on an edit, and commands and answers in
 * comments. Bots and Maestro itself are ignored before anything else; every permission comes from
 * GitHub's permission API (failing closed) before any model call. Idempotent: handling the same
 * event twice changes nothing the second time.
 */
export async function handleIssueEvent(event: IssueEvent, deps: GitHubDeps): Promise<Handled> {
  const { host } = deps;
  const self = await host.self();
  // Checks are sent by CI's own app: they are judged by branch and commit (handle-checks.ts).
  if (event.kind !== 'checks' && isBotOrSelf(senderOf(event), self))
    return { kind: 'ignored', reason: 'sent by a bot or by Maestro' };

  const loaded = await loadRepoConfig(host, deps.configPath);
  const issueOf = subjectOf(event) ?? 0;
  if (loaded.kind === 'invalid') {
    if (
      event.kind === 'labeled' ||
      (event.kind === 'comment' && /^\s{0,3}\/maestro\b/i.test(event.comment.body))
    ) {
      await reportInvalidConfig(host, issueOf, loaded);
      return { kind: 'config-invalid', problem: loaded.problem };
    }
    return { kind: 'ignored', reason: 'invalid configuration' };
  }
  const { config } = loaded;

  switch (event.kind) {
    case 'labeled': {
      if (event.label !== config.trigger.label) return { kind: 'ignored', reason: `label ${event.label}` };
      const existing = await readPlan(host, event.issue);
      if (existing && existing.record.status !== 'cancelled')
        return { kind: 'ignored', reason: 'already planned' };
      const level = await host.permission(event.sender.login);
      if (!meetsPermission(level, 'write', { isIssueAuthor: false })) {
        await host.reply(
          event.issue,
          `label-denied:${event.at}`,
          `@${event.sender.login} Maestro starts only when someone with write permission adds the \`${config.trigger.label}\` label (your permission: ${level}). Ask a maintainer to add it.`,
        );
        return { kind: 'replied', reason: 'labeller lacks write permission' };
      }
      await host.react({ issue: event.issue }, 'eyes');
      if (plansInAction(config, deps)) {
        await host.setStatus(event.issue, 'maestro:planning');
        return { kind: 'plan-in-action', issue: event.issue };
      }
      return planOnGitHub({ issue: event.issue, by: event.sender, at: event.at }, config, deps);
    }
    case 'unlabeled': {
      if (event.label !== config.trigger.label) return { kind: 'ignored', reason: `label ${event.label}` };
      const level = await host.permission(event.sender.login);
      if (!meetsPermission(level, 'write', { isIssueAuthor: false }))
        return { kind: 'ignored', reason: 'remover lacks write permission' };
      return cancelPlan(event.issue, event.sender.login, deps);
    }
    case 'edited': {
      const plan = await readPlan(host, event.issue);
      if (!plan?.record.approval || plan.record.dispatchedAt)
        return { kind: 'ignored', reason: 'no pending approval' };
      await updateRecord(host, event.issue, plan, { approval: undefined, status: 'awaiting-approval' });
      await host.setStatus(event.issue, 'maestro:awaiting-approval');
      await host.reply(
        event.issue,
        `edited:${event.at}`,
        'The issue was edited after the plan was approved, so the approval no longer holds. Comment `/maestro revise` to re-plan with the new text, then approve the new revision.',
      );
      return { kind: 'replied', reason: 'approval invalidated by an edit' };
    }
    case 'comment':
      return handleComment(event, config, deps);
    case 'review':
      return handleReview(event, config, deps);
    case 'review-comment':
      return handleReviewComment(event, config, deps);
    case 'checks':
      return handleChecks(event, config, deps);
  }
}

function senderOf(event: Exclude<IssueEvent, { kind: 'checks' }>): Actor {
  switch (event.kind) {
    case 'comment':
      return event.comment.author;
    case 'review':
      return event.reviewer;
    case 'review-comment':
      return event.author;
    default:
      return event.sender;
  }
}
