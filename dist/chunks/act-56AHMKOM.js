import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  createTempDir,
  removeTempDir
} from "./chunk-LTSYQBIB.js";
import "./chunk-KZWC5CUE.js";
import {
  dispatchNames,
  parseExecuteRequest,
  requestError
} from "./chunk-SP6BMHCB.js";
import {
  DEFAULT_CONFIG_PATH
} from "./chunk-XPD5WE7P.js";
import {
  parseOrThrow
} from "./chunk-PKWDFTBC.js";
import {
  MaestroError,
  ValidationError,
  errorMessage
} from "./chunk-2HGUGDQM.js";
import {
  external_exports
} from "./chunk-37637WGZ.js";
import "./chunk-BCMLP5VT.js";

// src/action/act.ts
import { readFile } from "node:fs/promises";

// src/action/cancellation.ts
var SIGNALS = ["SIGINT", "SIGTERM"];
function runnerCancellation(logger) {
  const controller = new AbortController();
  const handlers = SIGNALS.map((signal) => {
    const handler = () => {
      if (controller.signal.aborted) return;
      logger.warn(`${signal} received: the run checkpoints its work and stops.`);
      controller.abort(
        new MaestroError(`the workflow run was cancelled (${signal})`, { code: "run.cancelled" })
      );
    };
    process.on(signal, handler);
    return [signal, handler];
  });
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    }
  };
}

// src/adapters/github/checks-payloads.ts
function checkSuiteEvent(payload) {
  const suite = payload.check_suite;
  if (!suite.head_branch || fromFork(suite.head_repository, payload.repository)) return void 0;
  return checks("check_suite", suite, payload);
}
function workflowRunEvent(payload) {
  const run = payload.workflow_run;
  if (!run.head_branch || fromFork(run.head_repository, payload.repository)) return void 0;
  if (/(^|\/)maestro[\w.-]*\.ya?ml$/i.test(run.path ?? "")) return void 0;
  return checks("workflow_run", run, payload);
}
function checks(source, run, payload) {
  const pr = (run.pull_requests ?? []).find(
    (p) => (p.base?.repo?.id ?? payload.repository.id) === payload.repository.id
  );
  return {
    kind: "checks",
    source,
    head: run.head_branch,
    headSha: run.head_sha,
    conclusion: run.conclusion,
    ...pr ? { pr: pr.number } : {},
    sender: actor(payload.sender),
    at: run.updated_at ?? (/* @__PURE__ */ new Date(0)).toISOString()
  };
}
function fromFork(head, repository) {
  return head?.id !== void 0 && head.id !== repository.id;
}
function actor(user) {
  return { login: user.login, id: user.id, type: user.type ?? "User" };
}

// src/action/dispatch-inputs.ts
var SOURCE = "workflow_dispatch inputs";
function text(inputs, name) {
  const value = inputs[name];
  if (value === void 0 || value === null) return void 0;
  const s = typeof value === "string" ? value.trim() : String(value);
  return s === "" ? void 0 : s;
}
function dispatchRequest(inputs, sender, now) {
  rejectRenamed(inputs);
  const mode = text(inputs, "mode");
  if (mode !== void 0 && mode !== "plan" && mode !== "execute") {
    throw requestError(SOURCE, ["mode must be plan or execute"], dispatchNames);
  }
  if (mode === "plan") {
    const issue = text(inputs, "issue");
    if (issue === void 0 || !/^[1-9][0-9]{0,9}$/.test(issue)) {
      const problem = issue === void 0 ? "issue is missing" : "issue must be a positive whole number";
      throw new ValidationError(SOURCE, `${problem}: mode plan plans one issue; dispatch with its number.`);
    }
    const commentId = text(inputs, "comment-id");
    if (commentId !== void 0 && !/^[1-9][0-9]{0,15}$/.test(commentId)) {
      throw new ValidationError(
        SOURCE,
        "comment-id must be a positive whole number: the id of the comment (an answer, /maestro revise or /maestro chain) to plan from, or empty for the first plan."
      );
    }
    return {
      kind: "plan",
      issue: Number(issue),
      sender,
      at: now.toISOString(),
      ...commentId === void 0 ? {} : { commentId: Number(commentId) }
    };
  }
  const fields = {};
  for (const [field, name] of Object.entries(dispatchNames)) {
    fields[field] = text(inputs, name);
  }
  return { kind: "execute", request: parseExecuteRequest(fields, dispatchNames, SOURCE) };
}
var RENAMED = {
  approval_comment_id: "approval-comment-id",
  prd_hash: "prd-hash",
  pr: "pr-number",
  head_sha: "head-sha",
  review_id: "review-id",
  comment_id: "comment-id"
};
function rejectRenamed(inputs) {
  const old = Object.keys(RENAMED).filter((name) => text(inputs, name) !== void 0);
  if (old.length === 0) return;
  throw new ValidationError(
    SOURCE,
    `${old.map((name) => `${name} was renamed ${RENAMED[name]}`).join("; ")}. Rename the workflow’s on.workflow_dispatch.inputs to kebab-case, as in examples/workflows/ (the App dispatches the new names).`
  );
}

// src/action/event-router.ts
var actorSchema = external_exports.object({ login: external_exports.string().min(1), id: external_exports.number().int(), type: external_exports.string() });
var nullableActor = actorSchema.nullable().optional();
var issuesSchema = external_exports.object({
  action: external_exports.string(),
  issue: external_exports.object({ number: external_exports.number().int().positive(), updated_at: external_exports.string().nullish() }),
  label: external_exports.object({ name: external_exports.string() }).nullish(),
  sender: actorSchema
});
var issueCommentSchema = external_exports.object({
  action: external_exports.string(),
  issue: external_exports.object({ number: external_exports.number().int().positive(), pull_request: external_exports.unknown().optional() }),
  comment: external_exports.object({
    id: external_exports.number().int().positive(),
    body: external_exports.string().nullish(),
    user: nullableActor,
    created_at: external_exports.string(),
    updated_at: external_exports.string(),
    html_url: external_exports.string()
  })
});
var reviewStates = ["approved", "changes_requested", "commented", "dismissed"];
var reviewSchema = external_exports.object({
  action: external_exports.string(),
  pull_request: external_exports.object({
    number: external_exports.number().int().positive(),
    head: external_exports.object({ ref: external_exports.string(), repo: external_exports.object({ id: external_exports.number().int() }).nullish() })
  }),
  repository: external_exports.object({ id: external_exports.number().int() }).optional(),
  review: external_exports.object({
    id: external_exports.number().int().positive(),
    state: external_exports.string(),
    body: external_exports.string().nullish(),
    user: nullableActor,
    submitted_at: external_exports.string().nullish()
  })
});
var runSchema = external_exports.object({
  head_branch: external_exports.string().nullable(),
  head_sha: external_exports.string().regex(/^[0-9a-f]{40}$/),
  conclusion: external_exports.string().nullable(),
  updated_at: external_exports.string().nullish(),
  path: external_exports.string().nullish(),
  pull_requests: external_exports.array(
    external_exports.object({
      number: external_exports.number().int().positive(),
      base: external_exports.object({ repo: external_exports.object({ id: external_exports.number().int() }) }).optional()
    })
  ).default([]),
  head_repository: external_exports.object({ id: external_exports.number().int() }).nullish()
});
var checkSuiteSchema = external_exports.object({
  action: external_exports.string(),
  check_suite: runSchema,
  repository: external_exports.object({ id: external_exports.number().int() }),
  sender: actorSchema
});
var workflowRunSchema = external_exports.object({
  action: external_exports.string(),
  workflow_run: runSchema,
  repository: external_exports.object({ id: external_exports.number().int() }),
  sender: actorSchema
});
var reviewCommentSchema = external_exports.object({
  action: external_exports.string(),
  pull_request: external_exports.object({
    number: external_exports.number().int().positive(),
    head: external_exports.object({ ref: external_exports.string(), repo: external_exports.object({ id: external_exports.number().int() }).nullish() })
  }),
  repository: external_exports.object({ id: external_exports.number().int() }),
  comment: external_exports.object({
    id: external_exports.number().int().positive(),
    pull_request_review_id: external_exports.number().int().positive().nullish(),
    in_reply_to_id: external_exports.number().int().positive().nullish(),
    user: nullableActor,
    created_at: external_exports.string()
  })
});
var dispatchSchema = external_exports.object({
  inputs: external_exports.record(external_exports.string(), external_exports.unknown()).nullish(),
  sender: actorSchema
});
function routeEvent(eventName, payload, now) {
  const source = `event payload (${eventName})`;
  switch (eventName) {
    case "issues":
      return routeIssues(parseOrThrow(issuesSchema, payload, source), now);
    case "issue_comment":
      return routeComment(parseOrThrow(issueCommentSchema, payload, source));
    case "pull_request_review":
      return routeReview(parseOrThrow(reviewSchema, payload, source), now);
    case "check_suite":
      return routeChecks(
        eventName,
        parseOrThrow(checkSuiteSchema, payload, source),
        (p) => checkSuiteEvent(p)
      );
    case "workflow_run":
      return routeChecks(
        eventName,
        parseOrThrow(workflowRunSchema, payload, source),
        (p) => workflowRunEvent(p)
      );
    case "pull_request_review_comment":
      return routeReviewComment(parseOrThrow(reviewCommentSchema, payload, source));
    case "workflow_dispatch": {
      const dispatch = parseOrThrow(dispatchSchema, payload, source);
      return dispatchRequest(dispatch.inputs ?? {}, dispatch.sender, now);
    }
    default:
      return nothing(
        eventName,
        "Maestro handles issues, issue_comment, pull_request_review, pull_request_review_comment, check_suite, workflow_run and workflow_dispatch"
      );
  }
}
function routeChecks(eventName, payload, map) {
  if (payload.action !== "completed")
    return nothing(`${eventName}.${payload.action}`, "only completed runs are read");
  const event = map(payload);
  return event ? { kind: "event", event } : nothing(`${eventName}.completed`, "no branch, or a fork, or Maestro’s own workflow");
}
function routeReviewComment(payload) {
  if (payload.action !== "created")
    return nothing(`pull_request_review_comment.${payload.action}`, "only new comments are read");
  const { comment, pull_request: pr } = payload;
  if (!comment.user || comment.user.type === "Bot")
    return nothing("pull_request_review_comment.created", "a bot or a deleted account");
  if (pr.head.repo?.id !== payload.repository.id)
    return nothing("pull_request_review_comment.created", "a pull request from a fork");
  if (!comment.pull_request_review_id)
    return nothing("pull_request_review_comment.created", "not part of a review");
  return {
    kind: "event",
    event: {
      kind: "review-comment",
      pr: pr.number,
      head: pr.head.ref,
      reviewId: comment.pull_request_review_id,
      commentId: comment.id,
      author: actor2(comment.user),
      ...comment.in_reply_to_id ? { inReplyTo: comment.in_reply_to_id } : {},
      at: comment.created_at
    }
  };
}
function routeIssues(payload, now) {
  const issue = payload.issue.number;
  const sender = actor2(payload.sender);
  const at = payload.issue.updated_at ?? now.toISOString();
  switch (payload.action) {
    case "labeled":
    case "unlabeled": {
      if (!payload.label) return nothing(`issues.${payload.action}`, "the payload names no label");
      return { kind: "event", event: { kind: payload.action, issue, label: payload.label.name, sender, at } };
    }
    case "edited":
      return { kind: "event", event: { kind: "edited", issue, sender, at } };
    default:
      return nothing(`issues.${payload.action}`, "only labeled, unlabeled and edited matter");
  }
}
function routeComment(payload) {
  if (payload.action !== "created") {
    return nothing(`issue_comment.${payload.action}`, "only new comments are read");
  }
  const { comment } = payload;
  if (!comment.user) return nothing("issue_comment.created", "the comment has no author (deleted account)");
  return {
    kind: "event",
    event: {
      kind: "comment",
      issue: payload.issue.number,
      isPullRequest: payload.issue.pull_request !== void 0 && payload.issue.pull_request !== null,
      comment: {
        id: comment.id,
        body: comment.body ?? "",
        author: actor2(comment.user),
        createdAt: comment.created_at,
        updatedAt: comment.updated_at,
        url: comment.html_url
      }
    }
  };
}
function routeReview(payload, now) {
  if (payload.action !== "submitted") {
    return nothing(`pull_request_review.${payload.action}`, "only submitted reviews are read");
  }
  const { review } = payload;
  const headRepo = payload.pull_request.head.repo?.id;
  if (payload.repository && headRepo !== payload.repository.id)
    return nothing("pull_request_review.submitted", "a pull request from a fork");
  const state = review.state.toLowerCase();
  if (!isReviewState(state))
    return nothing("pull_request_review.submitted", `unknown review state "${state}"`);
  if (!review.user) return nothing("pull_request_review.submitted", "the review has no author");
  return {
    kind: "event",
    event: {
      kind: "review",
      pr: payload.pull_request.number,
      head: payload.pull_request.head.ref,
      state,
      reviewer: actor2(review.user),
      body: review.body ?? "",
      reviewId: review.id,
      at: review.submitted_at ?? now.toISOString()
    }
  };
}
function isReviewState(state) {
  return reviewStates.includes(state);
}
function actor2(user) {
  return { login: user.login, id: user.id, type: user.type };
}
function nothing(event, why) {
  return { kind: "nothing", reason: `nothing to do for event ${event}: ${why}` };
}

// src/action/act.ts
async function routeAndAct(base, now) {
  const route = base.inputs.request ? { kind: "execute", request: base.inputs.request } : routeEvent(base.gh.eventName, await readPayload(base.gh.eventPath), now);
  return act(route, base);
}
async function readPayload(path) {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new ValidationError(`GITHUB_EVENT_PATH (${path})`, "is not a readable JSON event payload", {
      cause: error
    });
  }
}
function skipReason(route, mode) {
  if (mode === "plan" && route.kind === "execute") {
    return "mode plan never executes; this dispatch is for a job with mode execute";
  }
  if (mode === "execute" && route.kind === "plan") return "a mode: plan dispatch is for a job with mode plan";
  if (mode !== "ci-fix" && mode !== "auto" && route.kind === "event" && route.event.kind === "checks")
    return `mode ${mode} does not act on CI results; use mode ci-fix (or auto)`;
  if (mode === "ci-fix" && !(route.kind === "event" && route.event.kind === "checks"))
    return "mode ci-fix acts on workflow_run and check_suite events of Maestro’s pull requests";
  if (mode === "execute" && route.kind === "event" && !["comment", "review", "review-comment"].includes(route.event.kind)) {
    return `mode execute acts on comments, reviews and dispatches, not on issues.${route.event.kind}`;
  }
  return void 0;
}
async function act(route, base) {
  if (route.kind === "nothing") return { kind: "nothing", reason: route.reason };
  const skip = skipReason(route, base.inputs.mode);
  if (skip) return { kind: "nothing", reason: `nothing to do: ${skip}` };
  const [{ gitHubDeps }, { handleIssueEvent }] = await Promise.all([
    import("./wiring-E3NQIOJQ.js"),
    import("./handle-issue-event-EBRBQBYJ.js")
  ]);
  const tempDir = await createTempDir(base.gh.runnerTemp, base.gh.statePath);
  const ctx = { ...base, tempDir };
  try {
    const deps = gitHubDeps(ctx);
    if (route.kind === "execute") return await execute(ctx, deps, route.request);
    const planned = route.kind === "plan" ? await planEvent(route, deps) : route;
    if (planned.kind === "nothing") return { kind: "nothing", reason: `nothing to do: ${planned.reason}` };
    const { event } = planned;
    const handled = await handleIssueEvent(event, deps);
    if (handled.kind === "cancelled") await cancelRun(handled.runId, deps, ctx);
    if (handled.kind !== "execute" || base.inputs.mode === "plan") return { kind: "handled", handled };
    return await execute(ctx, deps, handled.request, handled);
  } finally {
    await removeTempDir(tempDir, base.gh.runnerTemp).catch(() => void 0);
  }
}
async function execute(ctx, deps, request, handled) {
  const [{ executionDeps }, { executeApproved }] = await Promise.all([
    import("./wiring-E3NQIOJQ.js"),
    import("./execute-approved-EWFBXTXI.js")
  ]);
  const cancellation = runnerCancellation(ctx.logger);
  try {
    const execution = await executionDeps(ctx, deps.host, cancellation.signal);
    const result = await executeApproved(request, deps, execution);
    return { kind: "executed", request, result, ...handled ? { handled } : {} };
  } finally {
    cancellation.dispose();
  }
}
async function cancelRun(runId, deps, ctx) {
  if (runId === void 0 || runId === ctx.gh.runId) return;
  try {
    await deps.host.cancelWorkflowRun(runId);
    ctx.logger.info(`cancelled workflow run ${runId}`);
  } catch (error) {
    ctx.logger.warn(
      `could not cancel workflow run ${runId} (${errorMessage(error)}); give this job \`actions: write\` to let /maestro cancel stop a running job`
    );
  }
}
async function planEvent(route, deps) {
  if (route.commentId !== void 0) {
    const { dispatchedComment } = await import("./dispatched-comment-5AEYT5QU.js");
    return dispatchedComment(deps.host, route.issue, route.commentId);
  }
  return { kind: "event", event: await labeledEvent(route, deps) };
}
async function labeledEvent(route, deps) {
  const [{ triggerLabel }, { defaultConfig }] = await Promise.all([
    import("./config-host-YCHUBR7I.js"),
    import("./config-schema-N4I4I6PH.js")
  ]);
  const label = await triggerLabel(
    deps.host,
    deps.configPath ?? DEFAULT_CONFIG_PATH,
    defaultConfig().trigger.label
  );
  const labeled = await deps.host.lastLabeled(route.issue, label);
  const sender = labeled?.actor ?? route.sender;
  return { kind: "labeled", issue: route.issue, label, sender, at: labeled?.at ?? route.at };
}
export {
  routeAndAct
};
