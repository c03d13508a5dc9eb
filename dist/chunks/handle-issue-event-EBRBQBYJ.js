import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  classifyChecks,
  commandNames,
  loadRepoConfig,
  parseCommand,
  renderTrackingComment,
  reportInvalidConfig,
  savedRunOf,
  trackingViewSchema
} from "./chunk-7SPDOPUJ.js";
import {
  parseCheckpointTrailers
} from "./chunk-MLPUMHQ2.js";
import {
  planOnGitHub
} from "./chunk-O3H6GJ2W.js";
import {
  approveRevision,
  authorizeCommand,
  isBotOrSelf,
  meetsPermission,
  openQuestions,
  readPlan,
  requiredPermission,
  snapshotHashOf,
  trustedSnapshot,
  updateRecord
} from "./chunk-2D3RJZIZ.js";
import "./chunk-6KY3WMZO.js";
import "./chunk-5VUDFWK2.js";
import "./chunk-WH3D7LMG.js";
import "./chunk-T7Y64LFU.js";
import "./chunk-XPD5WE7P.js";
import "./chunk-F3VFRSSZ.js";
import "./chunk-LNBFH3O3.js";
import "./chunk-MX6WFV4Q.js";
import "./chunk-2HGUGDQM.js";
import "./chunk-37637WGZ.js";
import "./chunk-BCMLP5VT.js";

// src/engine/github/pull-request-link.ts
var RUN_BRANCH = /^maestro\/issue-(\d+)(?:-|$)/;
function issueOfBranch(branch) {
  const match = RUN_BRANCH.exec(branch);
  const n = match?.[1] ? Number(match[1]) : Number.NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : void 0;
}
async function fixRequest(input, deps) {
  const plan = await readPlan(deps.host, input.issue);
  const approval = plan?.record.approval;
  if (!plan || !approval?.commentId || plan.record.status !== "approved") {
    await deps.host.reply(
      input.replyTo.issue,
      input.replyTo.key,
      `Issue #${input.issue} has no approved Maestro plan, so there is nothing to iterate on.`
    );
    return { kind: "replied", reason: "no approved plan" };
  }
  if (input.replyTo.commentId) await deps.host.react({ commentId: input.replyTo.commentId }, "rocket");
  return {
    kind: "execute",
    request: {
      issue: input.issue,
      approvalCommentId: approval.commentId,
      prdHash: approval.revisionHash,
      reason: input.reason ?? "fix",
      fix: input.fix,
      pr: input.pr,
      ...input.headSha ? { headSha: input.headSha } : {},
      ...input.reviewId !== void 0 ? { reviewId: input.reviewId } : {}
    }
  };
}

// src/engine/github/tracking-ci.ts
async function showChecksInTracking(host, issue, ci) {
  const tracking = await host.findOwnComment(issue, { kind: "tracking" });
  const parsed = trackingViewSchema.safeParse(tracking?.state.data?.view);
  if (!tracking || !parsed.success || parsed.data.status === "running") return;
  const shown = {
    iterations: ci.iterations,
    max: ci.max,
    checks: ci.checks.map((c) => ({ name: c.name, state: c.state, ...c.url ? { url: c.url } : {} }))
  };
  if (JSON.stringify(shown) === JSON.stringify(parsed.data.ci)) return;
  const view = { ...parsed.data, ci: shown };
  await host.upsertOwnComment(
    issue,
    { ...tracking.state, kind: "tracking", data: { ...tracking.state.data, view } },
    renderTrackingComment(view)
  );
}

// src/engine/github/handle-checks.ts
async function handleChecks(event, config, deps) {
  const { host } = deps;
  const issue = issueOfBranch(event.head);
  if (issue === void 0) return { kind: "ignored", reason: "not a Maestro branch" };
  if (config.ci.max_fix_iterations === 0) return { kind: "ignored", reason: "ci.max_fix_iterations is 0" };
  const pr = await host.findPullRequest(event.head);
  if (!pr) return { kind: "ignored", reason: "no open pull request for the branch" };
  if (pr.headSha && pr.headSha !== event.headSha) return { kind: "ignored", reason: "not the PR head" };
  const key = `ci:${event.headSha}`;
  if (await host.findOwnComment(pr.number, { kind: "notice", key }))
    return { kind: "ignored", reason: "this head commit was already handled" };
  const saved = savedRunOf(await host.findOwnComment(issue, { kind: "tracking" }));
  const trailers = parseCheckpointTrailers(await host.commitMessage(event.headSha) ?? "");
  if (!saved || trailers?.session !== saved.state.session) {
    await host.reply(pr.number, key, notMaestroHead(event.headSha));
    return { kind: "replied", reason: "the head commit is not Maestro's checkpoint" };
  }
  const head = await host.checkRuns(event.headSha);
  const checks = classifyChecks(head, pr.baseSha ? await host.checkRuns(pr.baseSha) : []);
  const used = saved.state.ci?.iterations ?? 0;
  const show = () => showChecksInTracking(host, issue, { iterations: used, max: config.ci.max_fix_iterations, checks });
  if (head.some((run) => run.status !== "completed")) {
    await show();
    return { kind: "ignored", reason: "checks still running" };
  }
  const failed = checks.filter((c) => c.state === "failed");
  const preExisting = checks.filter((c) => c.state === "pre-existing").map((c) => c.name);
  if (failed.length === 0) {
    await show();
    if (preExisting.length === 0) return { kind: "ignored", reason: "no check failed" };
    await host.reply(pr.number, key, onlyPreExisting(preExisting));
    return { kind: "replied", reason: "only pre-existing failures" };
  }
  if (used >= config.ci.max_fix_iterations) {
    await show();
    await host.reply(
      pr.number,
      key,
      capReached(
        used,
        failed.map((c) => c.name)
      )
    );
    return { kind: "replied", reason: "ci.max_fix_iterations reached" };
  }
  await host.reply(
    pr.number,
    key,
    startingFix(
      failed.map((c) => c.name),
      preExisting,
      used + 1,
      config
    )
  );
  return fixRequest(
    {
      issue,
      pr: pr.number,
      fix: `CI failed on ${event.headSha.slice(0, 7)}: ${failed.map((c) => c.name).join(", ")}`,
      replyTo: { issue: pr.number, key },
      reason: "ci-fix",
      headSha: event.headSha
    },
    deps
  );
}
function notMaestroHead(sha) {
  return `Checks finished on \`${sha.slice(0, 7)}\`, which is not a checkpoint of Maestro's run (someone pushed to the branch), so Maestro does not fix CI on it. Comment \`/maestro fix <what>\` to ask for another iteration.`;
}
function onlyPreExisting(names) {
  return `The failing checks (${names.map((n) => `\`${n}\``).join(", ")}) fail on the base branch too: they are pre-existing, so Maestro leaves them alone.`;
}
function capReached(used, failed) {
  return `CI still fails (${failed.map((n) => `\`${n}\``).join(", ")}) after ${used} CI fix iteration(s), the limit (\`ci.max_fix_iterations\`). Maestro stops here; comment \`/maestro fix <what>\` to ask for another iteration.`;
}
function startingFix(failed, preExisting, n, config) {
  const pre = preExisting.length ? ` Pre-existing on the base branch, left alone: ${preExisting.map((x) => `\`${x}\``).join(", ")}.` : "";
  return `CI failed on Maestro's checkpoint: ${failed.map((x) => `\`${x}\``).join(", ")}. Running CI fix iteration ${n} of ${config.ci.max_fix_iterations} on the same branch.${pre}`;
}

// src/core/commands/command-help.ts
var USAGE = {
  approve: {
    usage: "/maestro approve [hash]",
    effect: "approve the current PRD revision (or the one named); starts execution"
  },
  revise: { usage: "/maestro revise <feedback>", effect: "new PRD revision using the feedback" },
  chain: { usage: "/maestro chain <name>", effect: "re-plan with another chain" },
  cancel: {
    usage: "/maestro cancel",
    effect: "stop planning or the run at the next safe point; keep the work"
  },
  resume: { usage: "/maestro resume", effect: "continue a failed or cancelled run from its last checkpoint" },
  status: { usage: "/maestro status", effect: "refresh the tracking comment" },
  help: { usage: "/maestro help", effect: "list commands" },
  fix: {
    usage: "/maestro fix <what>",
    effect: "one more iteration on the PR’s branch (on the pull request)"
  }
};
var WHO = {
  write: "write+",
  "write-or-author": "write+ or the issue author",
  anyone: "anyone"
};
function commandHelp() {
  const rows = commandNames.map((name) => {
    const { usage, effect } = USAGE[name];
    return `| \`${usage}\` | ${WHO[requiredPermission(name)]} | ${effect} |`;
  });
  return [
    "| command | who | effect |",
    "|---|---|---|",
    ...rows.slice(0, 2),
    "| a plain reply while questions are open | write+ or the issue author | treated as answers: new revision |",
    ...rows.slice(2),
    "",
    "A command counts only as the first line of a new comment, outside quotes and code. Removing the `maestro` label cancels, like `/maestro cancel`."
  ].join("\n");
}

// src/engine/github/approve-plan.ts
async function approvePlan(event, plan, requestedHash, config, deps) {
  const { host } = deps;
  const { comment } = event;
  const replyKey = `reply:${comment.id}`;
  const { record } = plan;
  if (record.status === "cancelled") {
    await host.reply(
      event.issue,
      replyKey,
      `This plan was cancelled; add the \`${config.trigger.label}\` label again to re-plan.`
    );
    return { kind: "replied", reason: "plan cancelled" };
  }
  if (record.approval?.revisionHash === record.revision.hash) {
    await host.reply(
      event.issue,
      replyKey,
      `Revision ${record.revision.number} (\`${record.revision.hash}\`) is already approved by @${record.approval.approver}; the run was started then. Use \`/maestro resume\` if it stopped.`
    );
    return { kind: "replied", reason: "already approved" };
  }
  const [issue, comments] = await Promise.all([host.getIssue(event.issue), host.listComments(event.issue)]);
  const current = snapshotHashOf(await trustedSnapshot(host, issue, comments, record.triggeredAt));
  if (current !== record.revision.issueSnapshotHash) {
    await host.reply(
      event.issue,
      replyKey,
      "The issue changed after this revision was written, so it cannot be approved as it is. Comment `/maestro revise` to re-plan with the current text, then approve the new revision."
    );
    return { kind: "replied", reason: "issue changed since the revision" };
  }
  const outcome = approveRevision({
    revision: record.revision,
    approver: comment.author.login,
    approverId: comment.author.id,
    commentId: comment.id,
    requestedHash,
    at: new Date(comment.createdAt)
  });
  if (outcome.kind === "refused") {
    const why = outcome.reason === "not-ready" ? "The plan is not ready for approval:" : "Not approved:";
    await host.reply(event.issue, replyKey, [why, ...outcome.details.map((d) => `- ${d}`)].join("\n"));
    return { kind: "replied", reason: `approval refused (${outcome.reason})` };
  }
  await updateRecord(
    host,
    event.issue,
    plan,
    {
      status: "approved",
      approval: outcome.approval,
      dispatchedAt: deps.clock.now().toISOString(),
      lastCommentId: Math.max(record.lastCommentId, comment.id)
    },
    {
      kind: "approved",
      by: comment.author.login,
      revision: record.revision.number,
      at: outcome.approval.at
    }
  );
  await host.setStatus(event.issue, "maestro:approved");
  await host.react({ commentId: comment.id }, "rocket");
  await host.reply(
    event.issue,
    replyKey,
    `✅ Revision ${record.revision.number} (\`${record.revision.hash}\`) approved by @${comment.author.login}. The run starts now; its tracking comment will follow progress here.`
  );
  return {
    kind: "execute",
    request: {
      issue: event.issue,
      approvalCommentId: comment.id,
      prdHash: record.revision.hash,
      reason: "approve"
    }
  };
}

// src/engine/github/parse-answers.ts
var LABELLED = /^\s*(?:[-*]\s*)?(?:\*\*)?(Q\d+)(?:\*\*)?\s*[:.)-]\s*(.+)$/i;
function parseAnswers(text, open, by) {
  const lines = text.split(/\r?\n/).filter((l) => !/^\s*>/.test(l));
  const ids = new Set(open.map((q) => q.id.toUpperCase()));
  const answers = {};
  for (const line of lines) {
    const match = LABELLED.exec(line);
    const id = match?.[1]?.toUpperCase();
    if (id && match?.[2] && ids.has(id)) answers[id] = { answer: match[2].trim(), by };
  }
  if (Object.keys(answers).length > 0) return { answers };
  const reply = lines.join("\n").trim();
  if (reply === "") return { answers };
  const only = open.length === 1 ? open[0] : void 0;
  if (only) return { answers: { [only.id]: { answer: reply, by } } };
  return { answers, feedback: `Answers to the open questions from @${by}: ${reply}` };
}

// src/engine/github/plans-in-action.ts
function plansInAction(config, deps) {
  return deps.role === "app" && (deps.dispatchPlanning === true || config.planning.runs_in === "action");
}

// src/engine/github/run-control.ts
async function cancelPlan(issue, by, deps) {
  const { host } = deps;
  const plan = await readPlan(host, issue);
  if (!plan) return { kind: "ignored", reason: "nothing to cancel" };
  if (plan.record.status === "cancelled") return { kind: "ignored", reason: "already cancelled" };
  await updateRecord(host, issue, plan, { status: "cancelled" }, { kind: "cancelled" });
  await host.setStatus(issue, "maestro:cancelled");
  const runId = (await activeRun(deps, issue))?.id;
  await host.reply(
    issue,
    `cancel:${plan.record.revision.hash}:${plan.record.dispatchedAt ?? "plan"}`,
    [
      `Cancelled by @${by}.`,
      runId ? "The run stops at the next safe point; its work so far is kept as a checkpoint on its branch. `/maestro resume` continues it." : plan.record.dispatchedAt ? (
        // Approved and dispatched, but GitHub says that run has ended (or it never started).
        "No run is in progress: the last one has ended. What it pushed stays on its branch; `/maestro resume` continues from its last checkpoint."
      ) : "No run was started. Re-add the label to plan again."
    ].join(" ")
  );
  return runId === void 0 ? { kind: "cancelled" } : { kind: "cancelled", runId };
}
async function activeRun(deps, issue) {
  const tracking = await deps.host.findOwnComment(issue, { kind: "tracking" });
  const view = tracking?.state.data?.view;
  if (!view || view.status !== "running" && view.status !== "queued") return void 0;
  const id = view.run?.id;
  if (typeof id !== "number") return void 0;
  const state = await deps.host.workflowRunState(id);
  if (state === "ended") {
    deps.logger.info(
      `Workflow run ${id} of #${issue} has ended although its tracking comment says ${view.status}.`
    );
    return void 0;
  }
  return { id, unverified: state === "unknown" };
}

// src/engine/github/status-reply.ts
async function refreshStatus(issue, replyKey, deps) {
  const { host } = deps;
  const tracking = await host.findOwnComment(issue, { kind: "tracking" });
  const view = trackingViewSchema.safeParse(tracking?.state.data?.view);
  if (tracking && view.success) {
    const refreshed = {
      ...view.data,
      updatedAt: view.data.status === "running" ? deps.clock.now().toISOString() : view.data.updatedAt
    };
    await host.upsertOwnComment(
      issue,
      { ...tracking.state, kind: "tracking", data: { ...tracking.state.data, view: refreshed } },
      renderTrackingComment(refreshed)
    );
    await host.reply(issue, replyKey, `Tracking comment refreshed: ${tracking.comment.url}`);
    return;
  }
  const plan = await readPlan(host, issue);
  await host.reply(
    issue,
    replyKey,
    plan ? `Plan revision ${plan.record.revision.number} (\`${plan.record.revision.hash}\`): ${plan.record.status.replace("-", " ")}. ${plan.comment.url}` : "There is no Maestro plan or run on this issue."
  );
}

// src/engine/github/handle-comment.ts
async function handleComment(event, config, deps) {
  const { host } = deps;
  const { comment } = event;
  const command = parseCommand(comment.body);
  const replyKey = `reply:${comment.id}`;
  if (command.kind === "none") return answersOrNothing(event, config, deps);
  const issue = await host.getIssue(event.issue);
  const level = await host.permission(comment.author.login);
  const auth = authorizeCommand(command, level, {
    isIssueAuthor: issue.author.id === comment.author.id,
    approvers: config.trigger.approvers
  });
  if (auth.kind === "denied") {
    await host.reply(
      event.issue,
      replyKey,
      `@${comment.author.login} \`/maestro ${commandWord(command)}\` needs ${auth.required === "write-or-author" ? "write permission or being the issue author" : `${auth.required} permission`}; GitHub reports ${level === "none" ? "none (or it could not be checked — try again later)" : level} for you. Nothing was done.`
    );
    return { kind: "replied", reason: "permission denied" };
  }
  switch (command.kind) {
    case "help":
    case "unknown":
      await host.reply(
        event.issue,
        replyKey,
        `${command.kind === "unknown" ? `I don't know \`${command.word}\`.

` : ""}${commandHelp()}`
      );
      return { kind: "replied", reason: command.kind };
    case "invalid":
      await host.reply(event.issue, replyKey, `\`/maestro ${command.command}\`: ${command.problem}`);
      return { kind: "replied", reason: "invalid command" };
    case "status":
      await refreshStatus(event.issue, replyKey, deps);
      return { kind: "replied", reason: "status" };
    case "fix":
      return fix(event, command.what, deps);
    default:
      break;
  }
  if (event.isPullRequest) {
    await host.reply(
      event.issue,
      replyKey,
      `\`/maestro ${command.kind}\` works on the issue, not on the pull request; \`/maestro fix <what>\` works here.`
    );
    return { kind: "replied", reason: "issue command on a PR" };
  }
  const plan = await readPlan(host, event.issue);
  if (!plan) {
    await host.reply(
      event.issue,
      replyKey,
      `There is no Maestro plan on this issue yet: add the \`${config.trigger.label}\` label to start one.`
    );
    return { kind: "replied", reason: "no plan" };
  }
  const by = { login: comment.author.login, id: comment.author.id };
  if ((command.kind === "revise" || command.kind === "chain") && plansInAction(config, deps))
    return handOffPlanning(event, deps);
  const handled = await (async () => {
    switch (command.kind) {
      case "approve":
        return approvePlan(event, plan, command.hash, config, deps);
      case "revise":
        return planOnGitHub(
          {
            issue: event.issue,
            by,
            at: comment.createdAt,
            feedback: `@${by.login}: ${command.feedback}`,
            commentId: comment.id
          },
          config,
          deps
        );
      case "chain":
        return planOnGitHub(
          {
            issue: event.issue,
            by,
            at: comment.createdAt,
            chainOverride: command.name,
            commentId: comment.id
          },
          config,
          deps
        );
      case "cancel":
        return cancelPlan(event.issue, by.login, deps);
      case "resume":
        return resume(event, plan, deps);
    }
  })();
  await markHandled(event, deps);
  return handled;
}
async function answersOrNothing(event, config, deps) {
  if (event.isPullRequest) return { kind: "ignored", reason: "not a command" };
  const plan = await readPlan(deps.host, event.issue);
  if (plan?.record.status === "approved") return duringRun(event, plan, deps);
  const answerable = plan?.record.status === "needs-answers" || plan?.record.status === "awaiting-approval";
  if (!plan || !answerable) return { kind: "ignored", reason: "not a command" };
  if (event.comment.id <= plan.record.lastCommentId) return { kind: "ignored", reason: "already handled" };
  const open = openQuestions(plan.record.revision);
  if (open.length === 0) return { kind: "ignored", reason: "no open questions" };
  const { author } = event.comment;
  const issue = await deps.host.getIssue(event.issue);
  const level = await deps.host.permission(author.login);
  const auth = authorizeCommand({ kind: "revise", feedback: "" }, level, {
    isIssueAuthor: issue.author.id === author.id,
    approvers: config.trigger.approvers
  });
  if (auth.kind === "denied") return { kind: "ignored", reason: "answer from someone who may not answer" };
  if (plansInAction(config, deps)) return handOffPlanning(event, deps);
  const parsed = parseAnswers(event.comment.body, open, author.login);
  return planOnGitHub(
    {
      issue: event.issue,
      by: { login: author.login, id: author.id },
      at: event.comment.createdAt,
      answers: parsed.answers,
      feedback: parsed.feedback,
      commentId: event.comment.id
    },
    config,
    deps
  );
}
async function duringRun(event, plan, deps) {
  const issue = await deps.host.getIssue(event.issue);
  if (!issue.labels.includes("maestro:running")) return { kind: "ignored", reason: "not a command" };
  const level = await deps.host.permission(event.comment.author.login);
  if (!meetsPermission(level, "write", { isIssueAuthor: false }))
    return { kind: "ignored", reason: "a comment from someone without write permission" };
  const { revision } = plan.record;
  await deps.host.reply(
    event.issue,
    `during-run:${plan.record.approval?.commentId ?? revision.hash}`,
    `Maestro is running the approved plan, revision ${revision.number} (\`${revision.hash}\`); comments do not change a run in progress. To change it: \`/maestro cancel\` now, or \`/maestro revise <what>\` after it finishes — the next revision reads this comment too.`
  );
  return { kind: "replied", reason: "comment during a run" };
}
async function resume(event, plan, deps) {
  const { approval } = plan.record;
  const replyKey = `reply:${event.comment.id}`;
  if (!approval?.commentId) {
    await deps.host.reply(
      event.issue,
      replyKey,
      "There is no approved run to resume: approve the plan first."
    );
    return { kind: "replied", reason: "nothing to resume" };
  }
  const active = await activeRun(deps, event.issue);
  if (active) {
    await deps.host.reply(
      event.issue,
      replyKey,
      active.unverified ? `The tracking comment says workflow run ${active.id} is still running, and this token may not read workflow runs to check. If that run has ended, give the workflow \`actions: read\` (or cancel with \`/maestro cancel\`) and comment \`/maestro resume\` again.` : "A run is already in progress; its tracking comment shows where it is."
    );
    return { kind: "replied", reason: "already running" };
  }
  if (plan.record.status === "cancelled")
    await updateRecord(deps.host, event.issue, plan, { status: "approved" });
  await deps.host.react({ commentId: event.comment.id }, "rocket");
  return {
    kind: "execute",
    request: {
      issue: event.issue,
      approvalCommentId: approval.commentId,
      prdHash: approval.revisionHash,
      reason: "resume"
    }
  };
}
async function fix(event, what, deps) {
  const replyKey = `reply:${event.comment.id}`;
  if (!event.isPullRequest) {
    await deps.host.reply(
      event.issue,
      replyKey,
      "`/maestro fix <what>` works on the pull request Maestro opened."
    );
    return { kind: "replied", reason: "fix outside a PR" };
  }
  const pr = await deps.host.getPullRequest(event.issue);
  const issue = pr ? issueOfBranch(pr.head) : void 0;
  if (!pr || issue === void 0) {
    await deps.host.reply(
      event.issue,
      replyKey,
      "This pull request is not one of Maestro's (its branch is not `maestro/issue-<n>-…`)."
    );
    return { kind: "replied", reason: "not a Maestro PR" };
  }
  return fixRequest(
    {
      issue,
      pr: pr.number,
      fix: what,
      replyTo: { issue: event.issue, key: replyKey, commentId: event.comment.id }
    },
    deps
  );
}
async function handOffPlanning(event, deps) {
  await deps.host.react({ commentId: event.comment.id }, "eyes");
  await deps.host.setStatus(event.issue, "maestro:planning");
  return { kind: "plan-in-action", issue: event.issue, commentId: event.comment.id };
}
async function markHandled(event, deps) {
  const plan = await readPlan(deps.host, event.issue);
  if (plan && event.comment.id > plan.record.lastCommentId)
    await updateRecord(deps.host, event.issue, plan, { lastCommentId: event.comment.id });
}
function commandWord(command) {
  return command.kind === "invalid" ? command.command : command.kind === "unknown" ? command.word : command.kind;
}

// src/engine/github/handle-review.ts
async function handleReview(event, config, deps) {
  if (event.state === "approved" || event.state === "dismissed")
    return { kind: "ignored", reason: `review ${event.state}` };
  const issue = issueOfBranch(event.head);
  if (issue === void 0) return { kind: "ignored", reason: "not a Maestro branch" };
  if (!await isWriter(event.reviewer.login, deps))
    return { kind: "ignored", reason: "reviewer lacks write permission" };
  const inline = config.ci.review_threads ? await deps.host.reviewComments(event.pr, event.reviewId) : [];
  if (inline.length > 0) return reviewThreadsRequest(issue, event.pr, event.reviewId, deps);
  if (event.state !== "changes_requested")
    return { kind: "ignored", reason: "a comment review without inline comments" };
  const what = event.body.trim() || "Address the review comments on the pull request.";
  return fixRequest(
    {
      issue,
      pr: event.pr,
      fix: `Review by @${event.reviewer.login}: ${what}`,
      replyTo: { issue: event.pr, key: `review:${event.reviewId}` }
    },
    deps
  );
}
async function handleReviewComment(event, config, deps) {
  if (!config.ci.review_threads) return { kind: "ignored", reason: "ci.review_threads is off" };
  if (event.inReplyTo !== void 0) return { kind: "ignored", reason: "a reply in a thread" };
  const issue = issueOfBranch(event.head);
  if (issue === void 0) return { kind: "ignored", reason: "not a Maestro branch" };
  if (!await isWriter(event.author.login, deps))
    return { kind: "ignored", reason: "commenter lacks write permission" };
  return reviewThreadsRequest(issue, event.pr, event.reviewId, deps);
}
async function reviewThreadsRequest(issue, pr, reviewId, deps) {
  const key = `review:${reviewId}`;
  if (await deps.host.findOwnComment(pr, { kind: "notice", key }))
    return { kind: "ignored", reason: "this review was already handled" };
  const handled = await fixRequest(
    {
      issue,
      pr,
      fix: `Inline comments of review ${reviewId}`,
      replyTo: { issue: pr, key },
      reason: "review",
      reviewId
    },
    deps
  );
  if (handled.kind === "execute")
    await deps.host.reply(
      pr,
      key,
      "Maestro is addressing the comments of this review in one iteration; it will reply in each thread."
    );
  return handled;
}
async function isWriter(login, deps) {
  return meetsPermission(await deps.host.permission(login), "write", { isIssueAuthor: false });
}

// src/engine/github/issue-events.ts
function subjectOf(event) {
  switch (event.kind) {
    case "review":
    case "review-comment":
      return event.pr;
    case "checks":
      return event.pr;
    default:
      return event.issue;
  }
}

// src/engine/github/handle-issue-event.ts
async function handleIssueEvent(event, deps) {
  const { host } = deps;
  const self = await host.self();
  if (event.kind !== "checks" && isBotOrSelf(senderOf(event), self))
    return { kind: "ignored", reason: "sent by a bot or by Maestro" };
  const loaded = await loadRepoConfig(host, deps.configPath);
  const issueOf = subjectOf(event) ?? 0;
  if (loaded.kind === "invalid") {
    if (event.kind === "labeled" || event.kind === "comment" && /^\s{0,3}\/maestro\b/i.test(event.comment.body)) {
      await reportInvalidConfig(host, issueOf, loaded);
      return { kind: "config-invalid", problem: loaded.problem };
    }
    return { kind: "ignored", reason: "invalid configuration" };
  }
  const { config } = loaded;
  switch (event.kind) {
    case "labeled": {
      if (event.label !== config.trigger.label) return { kind: "ignored", reason: `label ${event.label}` };
      const existing = await readPlan(host, event.issue);
      if (existing && existing.record.status !== "cancelled")
        return { kind: "ignored", reason: "already planned" };
      const level = await host.permission(event.sender.login);
      if (!meetsPermission(level, "write", { isIssueAuthor: false })) {
        await host.reply(
          event.issue,
          `label-denied:${event.at}`,
          `@${event.sender.login} Maestro starts only when someone with write permission adds the \`${config.trigger.label}\` label (your permission: ${level}). Ask a maintainer to add it.`
        );
        return { kind: "replied", reason: "labeller lacks write permission" };
      }
      await host.react({ issue: event.issue }, "eyes");
      if (plansInAction(config, deps)) {
        await host.setStatus(event.issue, "maestro:planning");
        return { kind: "plan-in-action", issue: event.issue };
      }
      return planOnGitHub({ issue: event.issue, by: event.sender, at: event.at }, config, deps);
    }
    case "unlabeled": {
      if (event.label !== config.trigger.label) return { kind: "ignored", reason: `label ${event.label}` };
      const level = await host.permission(event.sender.login);
      if (!meetsPermission(level, "write", { isIssueAuthor: false }))
        return { kind: "ignored", reason: "remover lacks write permission" };
      return cancelPlan(event.issue, event.sender.login, deps);
    }
    case "edited": {
      const plan = await readPlan(host, event.issue);
      if (!plan?.record.approval || plan.record.dispatchedAt)
        return { kind: "ignored", reason: "no pending approval" };
      await updateRecord(host, event.issue, plan, { approval: void 0, status: "awaiting-approval" });
      await host.setStatus(event.issue, "maestro:awaiting-approval");
      await host.reply(
        event.issue,
        `edited:${event.at}`,
        "The issue was edited after the plan was approved, so the approval no longer holds. Comment `/maestro revise` to re-plan with the new text, then approve the new revision."
      );
      return { kind: "replied", reason: "approval invalidated by an edit" };
    }
    case "comment":
      return handleComment(event, config, deps);
    case "review":
      return handleReview(event, config, deps);
    case "review-comment":
      return handleReviewComment(event, config, deps);
    case "checks":
      return handleChecks(event, config, deps);
  }
}
function senderOf(event) {
  switch (event.kind) {
    case "comment":
      return event.comment.author;
    case "review":
      return event.reviewer;
    case "review-comment":
      return event.author;
    default:
      return event.sender;
  }
}
export {
  handleIssueEvent
};
