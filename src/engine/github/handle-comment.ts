import { commandHelp } from '../../core/commands/command-help.js';
import {
  type ActionableCommand,
  authorizeCommand,
  meetsPermission,
} from '../../core/commands/command-permissions.js';
import { parseCommand } from '../../core/commands/parse-command.js';
import type { MaestroConfig } from '../../core/config/config-schema.js';
import { openQuestions } from '../../core/plan/plan-revision.js';
import { approvePlan } from './approve-plan.js';
import type { GitHubDeps } from './github-deps.js';
import type { Handled, IssueEvent } from './issue-events.js';
import { parseAnswers } from './parse-answers.js';
import { planOnGitHub } from './plan-on-github.js';
import { readPlan, updateRecord } from './plan-record.js';
import { plansInAction } from './plans-in-action.js';
import { fixRequest, issueOfBranch } from './pull-request-link.js';
import { activeRun, cancelPlan } from './run-control.js';
import { refreshStatus } from './status-reply.js';

type CommentEvent = Extract<IssueEvent, { kind: 'comment' }>;

/**
 * A new comment (product.md §2): a command on its first line, or a plain reply answering open
 * questions. The sender's permission comes from the permission API at this moment (failing
 * closed) and is checked before any model call; a refusal is one reply, keyed by the comment so a
 * redelivery never posts it twice.
 */
export async function handleComment(
  event: CommentEvent,
  config: MaestroConfig,
  deps: GitHubDeps,
): Promise<Handled> {
  const { host } = deps;
  const { comment } = event;
  const command = parseCommand(comment.body);
  const replyKey = `reply:${comment.id}`;

  if (command.kind === 'none') return answersOrNothing(event, config, deps);

  const issue = await host.getIssue(event.issue);
  const level = await host.permission(comment.author.login);
  const auth = authorizeCommand(command, level, {
    isIssueAuthor: issue.author.id === comment.author.id,
    approvers: config.trigger.approvers,
  });
  if (auth.kind === 'denied') {
    await host.reply(
      event.issue,
      replyKey,
      `@${comment.author.login} \`/maestro ${commandWord(command)}\` needs ${auth.required === 'write-or-author' ? 'write permission or being the issue author' : `${auth.required} permission`}; GitHub reports ${level === 'none' ? 'none (or it could not be checked — try again later)' : level} for you. Nothing was done.`,
    );
    return { kind: 'replied', reason: 'permission denied' };
  }

  switch (command.kind) {
    case 'help':
    case 'unknown':
      await host.reply(
        event.issue,
        replyKey,
        `${command.kind === 'unknown' ? `I don't know \`${command.word}\`.\n\n` : ''}${commandHelp()}`,
      );
      return { kind: 'replied', reason: command.kind };
    case 'invalid':
      await host.reply(event.issue, replyKey, `\`/maestro ${command.command}\`: ${command.problem}`);
      return { kind: 'replied', reason: 'invalid command' };
    case 'status':
      await refreshStatus(event.issue, replyKey, deps);
      return { kind: 'replied', reason: 'status' };
    case 'fix':
      return fix(event, command.what, deps);
    default:
      break;
  }
  if (event.isPullRequest) {
    await host.reply(
      event.issue,
      replyKey,
      `\`/maestro ${command.kind}\` works on the issue, not on the pull request; \`/maestro fix <what>\` works here.`,
    );
    return { kind: 'replied', reason: 'issue command on a PR' };
  }
  const plan = await readPlan(host, event.issue);
  if (!plan) {
    await host.reply(
      event.issue,
      replyKey,
      `There is no Maestro plan on this issue yet: add the \`${config.trigger.label}\` label to start one.`,
    );
    return { kind: 'replied', reason: 'no plan' };
  }
  const by = { login: comment.author.login, id: comment.author.id };
  // The sender is authorised; with `planning.runs_in: action` the round is the workflow's, and the
  // comment stays unhandled in the record until the workflow plans it.
  if ((command.kind === 'revise' || command.kind === 'chain') && plansInAction(config, deps))
    return handOffPlanning(event, deps);
  const handled = await (async (): Promise<Handled> => {
    switch (command.kind) {
      case 'approve':
        return approvePlan(event, plan, command.hash, config, deps);
      case 'revise':
        return planOnGitHub(
          {
            issue: event.issue,
            by,
            at: comment.createdAt,
            feedback: `@${by.login}: ${command.feedback}`,
            commentId: comment.id,
          },
          config,
          deps,
        );
      case 'chain':
        return planOnGitHub(
          {
            issue: event.issue,
            by,
            at: comment.createdAt,
            chainOverride: command.name,
            commentId: comment.id,
          },
          config,
          deps,
        );
      case 'cancel':
        return cancelPlan(event.issue, by.login, deps);
      case 'resume':
        return resume(event, plan, deps);
    }
  })();
  await markHandled(event, deps);
  return handled;
}

/** A plain reply while questions are open, from a writer or the issue author, is a round of answers. */
async function answersOrNothing(
  event: CommentEvent,
  config: MaestroConfig,
  deps: GitHubDeps,
): Promise<Handled> {
  if (event.isPullRequest) return { kind: 'ignored', reason: 'not a command' };
  const plan = await readPlan(deps.host, event.issue);
  if (plan?.record.status === 'approved') return duringRun(event, plan, deps);
  // Questions with defaults leave the plan approvable, but a reply still answers them.
  const answerable = plan?.record.status === 'needs-answers' || plan?.record.status === 'awaiting-approval';
  if (!plan || !answerable) return { kind: 'ignored', reason: 'not a command' };
  if (event.comment.id <= plan.record.lastCommentId) return { kind: 'ignored', reason: 'already handled' };
  const open = openQuestions(plan.record.revision);
  if (open.length === 0) return { kind: 'ignored', reason: 'no open questions' };
  const { author } = event.comment;
  const issue = await deps.host.getIssue(event.issue);
  const level = await deps.host.permission(author.login);
  const auth = authorizeCommand({ kind: 'revise', feedback: '' }, level, {
    isIssueAuthor: issue.author.id === author.id,
    approvers: config.trigger.approvers,
  });
  if (auth.kind === 'denied') return { kind: 'ignored', reason: 'answer from someone who may not answer' };
  if (plansInAction(config, deps)) return handOffPlanning(event, deps);
  const parsed = parseAnswers(event.comment.body, open, author.login);
  return planOnGitHub(
    {
      issue: event.issue,
      by: { login: author.login, id: author.id },
      at: event.comment.createdAt,
      answers: parsed.answers,
      feedback: parsed.feedback,
      commentId: event.comment.id,
    },
    config,
    deps,
  );
}

/**
 * A writer's comment while the approved plan runs is not silently dropped: one reply per run says
 * what the run is bound to and how to change it. The comment is part of the issue the next
 * revision reads (`/maestro revise` takes the comments made before it).
 */
async function duringRun(
  event: CommentEvent,
  plan: NonNullable<Awaited<ReturnType<typeof readPlan>>>,
  deps: GitHubDeps,
): Promise<Handled> {
  const issue = await deps.host.getIssue(event.issue);
  if (!issue.labels.includes('maestro:running')) return { kind: 'ignored', reason: 'not a command' };
  const level = await deps.host.permission(event.comment.author.login);
  if (!meetsPermission(level, 'write', { isIssueAuthor: false }))
    return { kind: 'ignored', reason: 'a comment from someone without write permission' };
  const { revision } = plan.record;
  await deps.host.reply(
    event.issue,
    `during-run:${plan.record.approval?.commentId ?? revision.hash}`,
    `Maestro is running the approved plan, revision ${revision.number} (\`${revision.hash}\`); comments do not change a run in progress. To change it: \`/maestro cancel\` now, or \`/maestro revise <what>\` after it finishes — the next revision reads this comment too.`,
  );
  return { kind: 'replied', reason: 'comment during a run' };
}

async function resume(
  event: CommentEvent,
  plan: NonNullable<Awaited<ReturnType<typeof readPlan>>>,
  deps: GitHubDeps,
): Promise<Handled> {
  const { approval } = plan.record;
  const replyKey = `reply:${event.comment.id}`;
  if (!approval?.commentId) {
    await deps.host.reply(
      event.issue,
      replyKey,
      'There is no approved run to resume: approve the plan first.',
    );
    return { kind: 'replied', reason: 'nothing to resume' };
  }
  const active = await activeRun(deps, event.issue);
  if (active) {
    await deps.host.reply(
      event.issue,
      replyKey,
      active.unverified
        ? `The tracking comment says workflow run ${active.id} is still running, and this token may not read workflow runs to check. If that run has ended, give the workflow \`actions: read\` (or cancel with \`/maestro cancel\`) and comment \`/maestro resume\` again.`
        : 'A run is already in progress; its tracking comment shows where it is.',
    );
    return { kind: 'replied', reason: 'already running' };
  }
  if (plan.record.status === 'cancelled')
    await updateRecord(deps.host, event.issue, plan, { status: 'approved' });
  await deps.host.react({ commentId: event.comment.id }, 'rocket');
  return {
    kind: 'execute',
    request: {
      issue: event.issue,
      approvalCommentId: approval.commentId,
      prdHash: approval.revisionHash,
      reason: 'resume',
    },
  };
}

async function fix(event: CommentEvent, what: string, deps: GitHubDeps): Promise<Handled> {
  const replyKey = `reply:${event.comment.id}`;
  if (!event.isPullRequest) {
    await deps.host.reply(
      event.issue,
      replyKey,
      '`/maestro fix <what>` works on the pull request Maestro opened.',
    );
    return { kind: 'replied', reason: 'fix outside a PR' };
  }
  const pr = await deps.host.getPullRequest(event.issue);
  const issue = pr ? issueOfBranch(pr.head) : undefined;
  if (!pr || issue === undefined) {
    await deps.host.reply(
      event.issue,
      replyKey,
      "This pull request is not one of Maestro's (its branch is not `maestro/issue-<n>-…`).",
    );
    return { kind: 'replied', reason: 'not a Maestro PR' };
  }
  return fixRequest(
    {
      issue,
      pr: pr.number,
      fix: what,
      replyTo: { issue: event.issue, key: replyKey, commentId: event.comment.id },
    },
    deps,
  );
}

/**
 * An answer, `/maestro revise` or `/maestro chain` for the workflow: the dispatch names the
 * comment, and the workflow reads it back from GitHub and checks its author again.
 */
async function handOffPlanning(event: CommentEvent, deps: GitHubDeps): Promise<Handled> {
  await deps.host.react({ commentId: event.comment.id }, 'eyes');
  await deps.host.setStatus(event.issue, 'maestro:planning');
  return { kind: 'plan-in-action', issue: event.issue, commentId: event.comment.id };
}

async function markHandled(event: CommentEvent, deps: GitHubDeps): Promise<void> {
  const plan = await readPlan(deps.host, event.issue);
  if (plan && event.comment.id > plan.record.lastCommentId)
    await updateRecord(deps.host, event.issue, plan, { lastCommentId: event.comment.id });
}

function commandWord(command: ActionableCommand): string {
  return command.kind === 'invalid'
    ? command.command
    : command.kind === 'unknown'
      ? command.word
      : command.kind;
}
