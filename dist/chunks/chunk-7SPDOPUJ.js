import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  newSessionId
} from "./chunk-MLPUMHQ2.js";
import {
  cell,
  chainNames,
  chains,
  code,
  formatTokens,
  formatUsd,
  oneLine,
  resolveChainName,
  sanitizeInbound,
  taskPlanSchema,
  unpackState
} from "./chunk-2D3RJZIZ.js";
import {
  formatConfigIssues,
  parseConfigText
} from "./chunk-5VUDFWK2.js";
import {
  defaultConfig
} from "./chunk-WH3D7LMG.js";
import {
  DEFAULT_CONFIG_PATH
} from "./chunk-XPD5WE7P.js";
import {
  reviewFindingSchema
} from "./chunk-F3VFRSSZ.js";
import {
  INVISIBLE_CHARACTER
} from "./chunk-LNBFH3O3.js";
import {
  ConfigError,
  MaestroError,
  errorMessage
} from "./chunk-2HGUGDQM.js";
import {
  external_exports
} from "./chunk-37637WGZ.js";

// src/core/report/report-text.ts
function textCell(text, maxChars = Number.POSITIVE_INFINITY) {
  return cell(clip(text, maxChars).replace(/</g, "&lt;"));
}
function textLine(text, maxChars = Number.POSITIVE_INFINITY) {
  return oneLine(clip(text, maxChars)).replace(/</g, "&lt;");
}
function clip(text, maxChars) {
  if (text.length <= maxChars) return text;
  if (maxChars <= 0) return "";
  let head = text.slice(0, maxChars - 1);
  const last = head.charCodeAt(head.length - 1);
  if (last >= 55296 && last <= 56319) head = head.slice(0, -1);
  return `${head}…`;
}
function firstOf(items, max) {
  return items.length <= max ? { shown: items, more: 0 } : { shown: items.slice(0, max), more: items.length - max };
}
function moreNote(more, what) {
  return more > 0 ? `_…and ${more} more ${what}_` : "";
}
function codeCell(text, maxChars = 120) {
  return cell(code(clip(text, maxChars)));
}
function codeLine(text, maxChars = 200) {
  return code(clip(text, maxChars).replace(/[\r\n\u2028\u2029]+/g, " "));
}
function fold(summary, body) {
  return `<details>
<summary>${summary}</summary>

${body}

</details>`;
}
function section(title, ...blocks) {
  return [`## ${title}`, ...blocks.filter((block) => block.trim() !== "")].join("\n\n");
}
function formatDuration(startedAt, endedAt) {
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms < 0) return "unknown";
  const seconds = Math.round(ms / 1e3);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

// src/core/state/branch-name.ts
function slugify(title, max = 40) {
  const slug = title.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, max).replace(/-+$/g, "");
  return slug || "change";
}
function runBranchName(title, options) {
  if (options.issueNumber !== void 0) return `maestro/issue-${options.issueNumber}-${slugify(title)}`;
  const suffix = (options.suffix ?? "").toLowerCase().replace(/[^a-z0-9]/g, "");
  return `maestro/${slugify(title)}${suffix ? `-${suffix}` : ""}`;
}

// src/core/state/resume-from-checkpoints.ts
function resumeFromCheckpoints(saved, commits) {
  const results = { ...saved.results };
  const onBranch = new Set(commits.map((c) => c.sha));
  const lost = [];
  for (const [id, result] of Object.entries(results)) {
    if (result.status === "done" && result.checkpoint && !onBranch.has(result.checkpoint.sha)) {
      lost.push(id);
      delete results[id];
    } else if (result.status !== "done") delete results[id];
  }
  const found = [];
  for (const commit of [...commits].reverse()) {
    if (/^(wip|rollback)$/.test(commit.task) || results[commit.task]?.status === "done") continue;
    const known = saved.results[commit.task];
    results[commit.task] = {
      id: commit.task,
      status: "done",
      attempts: known?.attempts ?? 1,
      summary: known?.summary || commit.subject,
      hints: known?.hints ?? "",
      blocked: known?.blocked ?? [],
      checkpoint: { n: commit.checkpoint, sha: commit.sha }
    };
    found.unshift(commit);
  }
  const state = {
    ...saved,
    results,
    stop: void 0,
    checkpoints: Math.max(saved.checkpoints, ...commits.map((c) => c.checkpoint)),
    // A resume validates again before it hands off: the branch may hold more than was validated.
    phase: saved.phase === "handoff" ? "validation" : saved.phase
  };
  return { state, found, lost };
}

// src/core/ci/check-runs.ts
var checkStates = [
  "queued",
  "running",
  "passed",
  "failed",
  "pre-existing",
  "skipped",
  "neutral",
  "cancelled",
  "needs-approval",
  "stale",
  "not-started",
  "unknown"
];
var CONCLUDED = {
  success: "passed",
  failure: "failed",
  timed_out: "failed",
  neutral: "neutral",
  skipped: "skipped",
  cancelled: "cancelled",
  action_required: "needs-approval",
  stale: "stale",
  startup_failure: "not-started"
};
function concludedState(conclusion) {
  return Object.hasOwn(CONCLUDED, conclusion ?? "") ? CONCLUDED[conclusion] : "unknown";
}
function isFailed(run) {
  return run.status === "completed" && concludedState(run.conclusion) === "failed";
}
function classifyChecks(head, base) {
  const failedOnBase = new Set(base.filter(isFailed).map((r) => r.name));
  return latestByName(head).map((run) => ({
    id: run.id,
    name: run.name,
    state: stateOf(run, failedOnBase),
    ...run.url ? { url: run.url } : {}
  }));
}
function stateOf(run, failedOnBase) {
  if (run.status === "in_progress") return "running";
  if (run.status === "waiting") return "needs-approval";
  if (run.status !== "completed") return "queued";
  const state = concludedState(run.conclusion);
  return state === "failed" && failedOnBase.has(run.name) ? "pre-existing" : state;
}
function latestByName(runs) {
  const byName = /* @__PURE__ */ new Map();
  for (const run of runs) {
    const seen = byName.get(run.name);
    if (!seen || run.id > seen.id) byName.set(run.name, run);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

// src/core/state/step-record.ts
var stepStatusSchema = external_exports.enum(["pending", "running", "done", "failed", "skipped"]);
var reproductionSchema = external_exports.object({
  status: external_exports.enum(["reproduced", "not-reproduced", "no-test"]),
  /** Test files the analyse step wrote. */
  tests: external_exports.array(external_exports.string()).default([]),
  /** Failing test names the reproducing run showed that the baseline did not. */
  failures: external_exports.array(external_exports.string()).default([]),
  /** The failing run's output tail (redacted before it is shown). */
  output: external_exports.string().default(""),
  /** Why there is no reproducing test, or why it did not fail. */
  why: external_exports.string().default(""),
  /** After the fix: the reproducing test passes. Absent until `verify` ran. */
  greenAfterFix: external_exports.boolean().optional(),
  afterOutput: external_exports.string().optional()
});
var coverageSchema = external_exports.object({
  command: external_exports.string(),
  before: external_exports.number().optional(),
  after: external_exports.number().optional()
});
var releaseCheckRecordSchema = external_exports.object({ name: external_exports.string(), ok: external_exports.boolean(), detail: external_exports.string() });
var stepRecordSchema = external_exports.object({
  id: external_exports.string(),
  status: stepStatusSchema,
  /** What the step found or did, max ~500 characters (the seed's `findings`). */
  summary: external_exports.string().default(""),
  qualityScore: external_exports.number().optional(),
  hints: external_exports.string().default(""),
  /** The seed's codes that applied: E003 (timed out twice), E004 (no JSON), W001 (no hints). */
  codes: external_exports.array(external_exports.string()).default([]),
  /** What the policy refused the step's agent (payload-free), for the report. */
  blocked: external_exports.array(
    external_exports.object({
      kind: external_exports.enum(["path-escape", "protected-path", "command-not-allowed", "command-timeout", "other"]),
      what: external_exports.string()
    })
  ).default([]),
  startedAt: external_exports.string().optional(),
  endedAt: external_exports.string().optional(),
  reproduction: reproductionSchema.optional(),
  /** Test files added or changed (the test chain). */
  testsAdded: external_exports.array(external_exports.string()).optional(),
  coverage: coverageSchema.optional(),
  /** The review chain's findings. */
  findings: external_exports.array(reviewFindingSchema).optional(),
  /** The release chain: current → next version and the deterministic checks of the edits. */
  release: external_exports.object({
    convention: external_exports.string(),
    from: external_exports.string().optional(),
    to: external_exports.string().optional(),
    checks: external_exports.array(releaseCheckRecordSchema).default([]),
    readiness: external_exports.string().default("")
  }).optional()
});

// src/core/state/run-state.ts
var blockedSchema = external_exports.object({
  kind: external_exports.enum(["path-escape", "protected-path", "command-not-allowed", "command-timeout", "other"]),
  what: external_exports.string()
});
var taskResultSchema = external_exports.object({
  id: external_exports.string(),
  status: external_exports.enum(["pending", "done", "failed", "skipped", "blocked"]),
  attempts: external_exports.number().int().default(0),
  summary: external_exports.string().default(""),
  qualityScore: external_exports.number().optional(),
  hints: external_exports.string().default(""),
  /** The checkpoint commit that holds this task's work; absent for tasks that changed nothing. */
  checkpoint: external_exports.object({ n: external_exports.number().int(), sha: external_exports.string() }).optional(),
  blocked: external_exports.array(blockedSchema).default([]),
  error: external_exports.string().optional()
});
var recoveryCountsSchema = external_exports.object({
  retry: external_exports.number().int().default(0),
  "alternative-approach": external_exports.number().int().default(0),
  "conflict-rerun": external_exports.number().int().default(0),
  rollback: external_exports.number().int().default(0),
  "asked-human": external_exports.number().int().default(0)
});
var stopSchema = external_exports.object({
  reason: external_exports.enum([
    "budget",
    "wall-clock",
    "iterations",
    "files-changed",
    "cancelled",
    "security",
    "needs-human",
    /** A chain step could not do what the chain promises (a red baseline for refactor, …). */
    "step-failed",
    /** Task generation dropped work the approved plan had: re-approve before anything runs. */
    "plan-changed",
    /** Origin did not take a push of the checkpoints (the branch moved, a rule or hook declined it). */
    "push-rejected",
    "error"
  ]),
  detail: external_exports.string(),
  /** What to do before resuming, when it is more than fixing the cause (e.g. merge a rescue branch). */
  next: external_exports.string().optional()
});
var runStateSchema = external_exports.object({
  session: external_exports.string(),
  branch: external_exports.string(),
  /** The commit the run branch started from. */
  baseSha: external_exports.string(),
  phase: external_exports.enum(["task-generation", "implementation", "validation", "handoff", "done"]),
  iteration: external_exports.number().int().default(0),
  tasks: taskPlanSchema.optional(),
  results: external_exports.record(external_exports.string(), taskResultSchema).default({}),
  /** After the PR opened: CI fix iterations used, and the checks on the PR head as last seen. */
  ci: external_exports.object({
    iterations: external_exports.number().int().nonnegative().default(0),
    headSha: external_exports.string().optional(),
    checks: external_exports.array(
      external_exports.object({
        id: external_exports.number().int(),
        name: external_exports.string(),
        state: external_exports.enum(checkStates),
        url: external_exports.string().optional()
      })
    ).default([])
  }).optional(),
  /** The chain's steps in order, with what each did; filled in as they run. */
  steps: external_exports.array(stepRecordSchema).default([]),
  checkpoints: external_exports.number().int().default(0),
  /** How the generated tasks differ from the approved preview (a `PlanDrift`; opaque here). */
  planDrift: external_exports.unknown().optional(),
  /** Gate results before any change (opaque here; the engine owns their shape). */
  baseline: external_exports.unknown().optional(),
  recoveries: recoveryCountsSchema.prefault({}),
  /** Usage calls recorded so far, to rebuild the ledger on resume. */
  usage: external_exports.array(external_exports.record(external_exports.string(), external_exports.unknown())).default([]),
  stop: stopSchema.optional(),
  startedAt: external_exports.string(),
  /** Wall-clock time spent running in earlier processes (a resumed run counts only time it ran). */
  elapsedMs: external_exports.number().nonnegative().default(0)
});

// src/engine/github/run-setup.ts
var savedRunSchema = external_exports.object({ revisionHash: external_exports.string(), state: runStateSchema });
function savedRunOf(tracking) {
  const parsed = savedRunSchema.safeParse(unpackState(tracking?.state.data?.run));
  return parsed.success ? parsed.data : void 0;
}
async function prepareRun(input) {
  const { request, workspace, clock } = input;
  const reuse = input.saved && input.saved.revisionHash === input.revision.hash && request.reason !== "approve";
  if (reuse && input.saved) {
    let state2 = { ...input.saved.state, stop: void 0 };
    let origin;
    if (state2.branch !== "") {
      const fetched2 = await workspace.fetchRunBranch(state2.branch);
      if (fetched2.kind === "fetched") origin = fetched2.sha;
      await workspace.checkoutRunBranch(state2.branch, state2.baseSha);
      if (request.reason === "resume")
        state2 = resumeFromCheckpoints(state2, await workspace.checkpoints(state2.session, state2.baseSha)).state;
    }
    if (input.iteration) await addIteration(state2, input.iteration, workspace, origin);
    return state2;
  }
  const chain = resolveChainName(input.revision.chain);
  if (chain !== void 0 && !chains[chain].changesCode)
    return newRunState(newSessionId(clock.now()), "", await workspace.head(), clock);
  const branch = runBranchName(input.issue.title, { issueNumber: input.issue.number });
  const fetched = await workspace.fetchRunBranch(branch);
  const baseSha = fetched.kind === "fetched" ? fetched.sha : await workspace.head();
  await workspace.checkoutRunBranch(branch, baseSha);
  const state = newRunState(newSessionId(clock.now()), branch, baseSha, clock);
  if (input.iteration)
    await addIteration(
      state,
      input.iteration,
      workspace,
      fetched.kind === "fetched" ? fetched.sha : void 0
    );
  return state;
}
var BranchMovedError = class extends MaestroError {
  head;
  constructor(head, expected) {
    super(
      `The branch is at ${head.slice(0, 7)}, not at the checkpoint ${expected.slice(0, 7)} whose checks failed (someone pushed since): the CI loop stops here. Comment \`/maestro fix <what>\` to ask for another iteration.`,
      { code: "ci.branch-moved" }
    );
    this.head = head;
  }
};
async function addIteration(state, iteration, workspace, origin) {
  if (iteration.kind === "ci") {
    for (const head of [origin, await workspace.head()])
      if (head !== void 0 && head !== iteration.headSha)
        throw new BranchMovedError(head, iteration.headSha);
    state.ci = {
      iterations: (state.ci?.iterations ?? 0) + 1,
      headSha: iteration.headSha,
      checks: iteration.checks
    };
  }
  if (iteration.kind === "text") addFixTask(state, iteration.text);
  else addTask(state, iteration.title, iteration.text);
}
function addFixTask(state, what) {
  const text = sanitizeInbound(what).text.trim() || "Address the review comments.";
  addTask(
    state,
    text.split("\n")[0] ?? text,
    `A maintainer asked for one more iteration on the pull request:

${text}`
  );
}
function addTask(state, title, description) {
  const plan = state.tasks ?? { epics: [] };
  const k = plan.epics.filter((e) => e.id.startsWith("FIX")).length + 1;
  const task = {
    id: `FIX${k}.T1`,
    title: clip(title, 70),
    description,
    category: "general",
    dependsOn: [],
    files: [],
    acceptance: ["The requested change is made", "The quality gates pass"],
    requirements: []
  };
  if (!state.tasks) return task.id;
  state.tasks = { epics: [...plan.epics, { id: `FIX${k}`, title: "Review follow-up", tasks: [task] }] };
  state.phase = "implementation";
  state.iteration += 1;
  reopenTaskSteps(state);
  return task.id;
}
function reopenTaskSteps(state) {
  const first = state.steps.findIndex((s) => s.id === "implement" || s.id === "write-tests");
  if (first < 0) return;
  state.steps = state.steps.map((s, i) => i >= first ? { ...s, status: "pending" } : s);
}
function newRunState(session, branch, baseSha, clock) {
  return {
    session,
    branch,
    baseSha,
    phase: "task-generation",
    iteration: 0,
    results: {},
    steps: [],
    checkpoints: 0,
    recoveries: { retry: 0, "alternative-approach": 0, "conflict-rerun": 0, rollback: 0, "asked-human": 0 },
    usage: [],
    startedAt: clock.now().toISOString(),
    elapsedMs: 0
  };
}

// src/engine/github/repo-config.ts
async function loadRepoConfig(host, path = DEFAULT_CONFIG_PATH) {
  const file = await host.readFile(path);
  if (!file) return { kind: "ok", config: defaultConfig(), source: "defaults" };
  try {
    return { kind: "ok", config: parseConfigText(file.text, path), source: "file", sha: file.sha };
  } catch (error) {
    const problem = error instanceof ConfigError ? formatConfigIssues(error, path) : errorMessage(error);
    return { kind: "invalid", problem, sha: file.sha, path };
  }
}
async function reportInvalidConfig(host, issue, invalid2) {
  await host.reply(
    issue,
    `config:${invalid2.sha}`,
    [
      `### ⚠️ Maestro cannot run: \`${invalid2.path}\` is invalid`,
      "",
      "Nothing was planned or executed. Fix these keys on the default branch, then remove and re-add the label:",
      "",
      "```",
      invalid2.problem,
      "```",
      "",
      "Every key and its allowed values: docs/configuration.md. Editors validate the file with `schema/maestro.schema.json`."
    ].join("\n")
  );
}

// src/core/report/tracking-view.ts
var trackingStatuses = [
  "queued",
  "running",
  "pr-open",
  "reviewed",
  "failed",
  "cancelled",
  "refused"
];
var trackingTaskStatuses = ["pending", "running", "done", "failed", "skipped", "blocked"];
var gateOutcomes = ["pass", "fail", "skipped"];
var phaseNumberSchema = external_exports.number().int().min(1).max(5);
var trackingTaskSchema = external_exports.object({
  id: external_exports.string(),
  title: external_exports.string(),
  /** The `k` of `[P:Group-k]` (1-based): tasks of one group may run in parallel. */
  group: external_exports.number().int().nonnegative(),
  status: external_exports.enum(trackingTaskStatuses)
});
var trackingGateSchema = external_exports.object({
  name: external_exports.string(),
  /** On the base commit, before any change. */
  baseline: external_exports.enum(gateOutcomes).optional(),
  /** After the latest iteration. */
  current: external_exports.enum(gateOutcomes).optional(),
  /** One line, e.g. `127/127` or `3 failed`. */
  summary: external_exports.string().optional()
});
var trackingViewSchema = external_exports.object({
  issue: external_exports.number().int().positive(),
  status: external_exports.enum(trackingStatuses),
  /** The phase running now (or where the run stopped). */
  phase: external_exports.object({ number: phaseNumberSchema, title: external_exports.string() }).optional(),
  /** Phases finished, by number (1 Planning … 5 Handoff). */
  phasesDone: external_exports.array(phaseNumberSchema),
  tasks: external_exports.array(trackingTaskSchema).optional(),
  /** The chain's steps: id, status and one line of what each found. */
  steps: external_exports.array(external_exports.object({ id: external_exports.string(), status: external_exports.string(), summary: external_exports.string().default("") })).optional(),
  /** How the generated tasks differ from the approved preview, already rendered (markdown). */
  planDrift: external_exports.string().optional(),
  /** After the PR opened: CI fix iterations used and the checks on the PR head. */
  ci: external_exports.object({
    iterations: external_exports.number().int().nonnegative(),
    max: external_exports.number().int().nonnegative(),
    checks: external_exports.array(external_exports.object({ name: external_exports.string(), state: external_exports.string(), url: external_exports.string().optional() }))
  }).optional(),
  /** Validation iteration, 0 before the first. */
  iteration: external_exports.number().int().nonnegative(),
  maxIterations: external_exports.number().int().nonnegative(),
  gates: external_exports.array(trackingGateSchema).optional(),
  usage: external_exports.object({
    inputTokens: external_exports.number().nonnegative(),
    outputTokens: external_exports.number().nonnegative(),
    costUsd: external_exports.number().nonnegative()
  }),
  /** ISO timestamps; elapsed time is `updatedAt - startedAt`. */
  startedAt: external_exports.string(),
  updatedAt: external_exports.string(),
  /** The workflow run doing the work. */
  run: external_exports.object({ url: external_exports.string(), id: external_exports.number().int() }).optional(),
  branch: external_exports.string().optional(),
  /** Where gates and agent commands run; `off` is shown as a warning. */
  sandbox: external_exports.object({ kind: external_exports.enum(["bubblewrap", "off"]), summary: external_exports.string() }).optional(),
  pr: external_exports.object({ number: external_exports.number().int().positive(), url: external_exports.string() }).optional(),
  /** The last progress lines (`→ …`, `✓ …`, `⚠ …`), oldest first. */
  lastLines: external_exports.array(external_exports.string()),
  /** Set when the run failed or stopped: what failed, what was kept, how to continue. */
  failure: external_exports.object({
    what: external_exports.string(),
    /** Branch and last checkpoint sha. */
    kept: external_exports.string(),
    next: external_exports.string()
  }).optional()
});
var trackingPhases = [
  { number: 1, name: "Planning" },
  { number: 2, name: "Task generation" },
  { number: 3, name: "Implementation" },
  { number: 4, name: "Validation" },
  { number: 5, name: "Handoff" }
];
var TRACKING_LAST_LINES = 8;
var TRACKING_TITLE_CHARS = 80;
var LINE_CHARS = 300;
var FAILURE_CHARS = 2e3;
var SUMMARY_CHARS = 200;
function compactTrackingView(view) {
  return {
    ...view,
    phasesDone: [...new Set(view.phasesDone)].sort((a, b) => a - b),
    lastLines: view.lastLines.slice(-TRACKING_LAST_LINES).map((line) => clip(line, LINE_CHARS)),
    ...view.tasks ? { tasks: view.tasks.map((task) => ({ ...task, title: clip(task.title, TRACKING_TITLE_CHARS) })) } : {},
    ...view.gates ? {
      gates: view.gates.map(
        (gate) => gate.summary === void 0 ? gate : { ...gate, summary: clip(gate.summary, SUMMARY_CHARS) }
      )
    } : {},
    ...view.failure ? {
      failure: {
        what: clip(view.failure.what, FAILURE_CHARS),
        kept: clip(view.failure.kept, FAILURE_CHARS),
        next: clip(view.failure.next, FAILURE_CHARS)
      }
    } : {}
  };
}

// src/core/report/render-tracking-tasks.ts
var FOLD_ABOVE_TASKS = 30;
var BIG_GROUP = 5;
var LISTED_IDS = 50;
function nameText(text, maxChars) {
  return text.includes("<") ? textLine(text, maxChars) : codeLine(text, maxChars);
}
var taskIcon = {
  pending: "⬜",
  running: "🔄",
  done: "✅",
  failed: "❌",
  skipped: "⏭️",
  blocked: "⛔"
};
function renderTasks(tasks, titleChars) {
  const many = tasks.length > FOLD_ABOVE_TASKS;
  const doneCount = tasks.filter((task) => task.status === "done").length;
  const blocks = groupsOf(tasks).map(([group, members]) => {
    const done = members.filter((task) => task.status === "done");
    const title = `**Group ${group}** (${done.length}/${members.length} done)`;
    if (!many || members.length <= BIG_GROUP || done.length === 0) {
      return [title, ...members.map((task) => taskLine(task, titleChars))].join("\n");
    }
    const open = members.filter((task) => task.status !== "done");
    const folded = fold(`✅ ${done.length} done`, done.map((task) => taskLine(task, titleChars)).join("\n"));
    return [[title, ...open.map((task) => taskLine(task, titleChars))].join("\n"), folded].join("\n\n");
  });
  return [`### Tasks (${doneCount}/${tasks.length} done)`, ...blocks].join("\n\n");
}
function renderTaskCounts(tasks) {
  const doneCount = tasks.filter((task) => task.status === "done").length;
  const lines = groupsOf(tasks).map(([group, members]) => {
    const counts = Object.entries(countBy(members)).map(([status, n]) => `${taskIcon[status]} ${n} ${status}`).join(" · ");
    return `- **Group ${group}** (${members.length}): ${counts}`;
  });
  const notable = tasks.filter((task) => task.status !== "done" && task.status !== "pending");
  const shown = notable.slice(0, LISTED_IDS).map((task) => `${taskIcon[task.status]} ${nameText(task.id, 40)}`);
  const more = notable.length > shown.length ? ` …and ${notable.length - shown.length} more` : "";
  return [
    `### Tasks (${doneCount}/${tasks.length} done)`,
    lines.join("\n"),
    shown.length ? `${shown.join(" · ")}${more}` : ""
  ].filter(Boolean).join("\n\n");
}
function taskLine(task, titleChars) {
  const title = titleChars > 0 && task.title.trim() ? ` ${textLine(task.title, titleChars)}` : "";
  return `- ${taskIcon[task.status]} ${nameText(task.id, 40)}${title}`;
}
function groupsOf(tasks) {
  const groups = /* @__PURE__ */ new Map();
  for (const task of tasks) groups.set(task.group, [...groups.get(task.group) ?? [], task]);
  return [...groups.entries()].sort(([a], [b]) => a - b);
}
function countBy(tasks) {
  const counts = {};
  for (const task of tasks) counts[task.status] = (counts[task.status] ?? 0) + 1;
  return counts;
}

// src/core/report/render-tracking.ts
var TRACKING_MAX_CHARS = 2e4;
var MAX_GATES = 30;
var heading = {
  queued: "⏳ Maestro: queued",
  running: "🔄 Maestro: running",
  "pr-open": "✅ Maestro: pull request open",
  reviewed: "🔍 Maestro: review posted",
  failed: "❌ Maestro: failed",
  cancelled: "⏹️ Maestro: cancelled",
  refused: "🚫 Maestro: refused"
};
var currentMark = {
  queued: "⏳ next",
  running: "🔄 in progress",
  "pr-open": "🔄 in progress",
  reviewed: "🔄 in progress",
  failed: "❌ failed here",
  cancelled: "⏹️ stopped here",
  refused: "🚫 stopped here"
};
var gateIcon = {
  pass: "✅ pass",
  fail: "❌ fail",
  skipped: "⏭️ skipped"
};
var taskDetail = [{ titleChars: 80 }, { titleChars: 48 }, { titleChars: 0 }];
function renderTrackingComment(input) {
  const view = compactTrackingView(input);
  for (const detail of taskDetail) {
    const body = renderWith(view, (tasks) => renderTasks(tasks, detail.titleChars));
    if (body.length <= TRACKING_MAX_CHARS) return body;
  }
  return renderWith(view, (tasks) => renderTaskCounts(tasks));
}
function renderWith(view, tasksBlock) {
  return [
    // `issue #n`, not a bare `#n`: beside "pull request open" a bare number reads as the PR's.
    `## ${heading[view.status]} · issue #${view.issue}`,
    renderFacts(view),
    renderPhases(view),
    renderSteps(view),
    view.tasks?.length ? tasksBlock(view.tasks) : "",
    renderGates(view),
    renderCi(view),
    renderLastLines(view.lastLines),
    renderFailure(view)
  ].filter((block) => block !== "").join("\n\n").concat("\n");
}
function renderFacts(view) {
  const { usage } = view;
  const facts = [
    view.phase ? `**Phase:** ${view.phase.number} / 5 · ${textLine(view.phase.title, 80)}` : "",
    `**Iteration:** ${view.iteration} / ${view.maxIterations}`,
    `**Elapsed:** ${formatElapsed(view.startedAt, view.updatedAt)}`,
    `**Tokens:** ${formatTokens(usage.inputTokens)} in · ${formatTokens(usage.outputTokens)} out`,
    `**Cost:** ${formatUsd(usage.costUsd)}`,
    view.branch ? `**Branch:** ${nameText(view.branch, 120)}` : "",
    view.pr ? `**Pull request:** ${link(`#${view.pr.number}`, view.pr.url)}` : "",
    view.sandbox ? view.sandbox.kind === "off" ? `**Sandbox:** ⚠️ none — ${textLine(view.sandbox.summary, 200)}` : `**Sandbox:** ${textLine(view.sandbox.summary, 200)}` : "",
    view.run ? `**Run:** ${link(`workflow run ${view.run.id}`, view.run.url)}` : ""
  ];
  return facts.filter(Boolean).map((fact) => `- ${fact}`).join("\n");
}
function renderPhases(view) {
  const done = new Set(view.phasesDone);
  const current = view.phase?.number;
  const lines = trackingPhases.map(({ number, name }) => {
    if (done.has(number)) return `- [x] ${number} ${name}`;
    if (number === current) return `- [ ] **${number} ${name}** — ${currentMark[view.status]}`;
    return `- [ ] ${number} ${name}`;
  });
  return ["### Phases", ...lines].join("\n");
}
var stepIcon = {
  pending: "⏳",
  running: "🔄",
  done: "✅",
  failed: "❌",
  skipped: "⏭️"
};
function renderSteps(view) {
  const steps = view.steps ?? [];
  if (steps.length === 0)
    return view.planDrift ? `### Tasks against the approved plan

${view.planDrift}` : "";
  const lines = steps.map(
    (step, i) => `${i + 1}. ${stepIcon[step.status] ?? "•"} ${nameText(step.id, 40)}${step.summary ? ` — ${textLine(step.summary, 160)}` : ""}`
  );
  return [`### Steps`, lines.join("\n"), view.planDrift ?? ""].filter(Boolean).join("\n\n");
}
var checkIcon = {
  queued: "⏳ queued",
  running: "🔄 running",
  passed: "✅ passed",
  failed: "❌ failed",
  "pre-existing": "⚪ failing on the base too (pre-existing)",
  skipped: "⏭️ skipped",
  neutral: "⚪ neutral",
  cancelled: "🚫 cancelled",
  "needs-approval": "✋ needs approval",
  stale: "⌛ stale",
  "not-started": "⚠️ could not start",
  unknown: "❔ unknown result"
};
function renderCi(view) {
  const ci = view.ci;
  if (!ci) return "";
  const rows = ci.checks.slice(0, MAX_GATES).map((check) => {
    const name = check.url && check.state === "failed" ? link(nameText(check.name, 60), check.url) : nameText(check.name, 60);
    return `| ${cell(name)} | ${checkIcon[check.state] ?? cell(textLine(check.state, 20))} |`;
  });
  return [
    "### CI on the pull request",
    `**CI fix iterations:** ${ci.iterations} / ${ci.max}`,
    rows.length ? ["| Check | State |", "|---|---|", ...rows].join("\n") : ""
  ].filter(Boolean).join("\n\n");
}
function renderGates(view) {
  const gates = view.gates ?? [];
  if (gates.length === 0) return "";
  const rows = gates.slice(0, MAX_GATES).map((gate) => {
    const notes = gate.summary ? cell(textLine(gate.summary)) : "—";
    return `| ${cell(nameText(gate.name, 60))} | ${outcome(gate.baseline)} | ${outcome(gate.current)} | ${notes} |`;
  });
  const more = gates.length > MAX_GATES ? `_…and ${gates.length - MAX_GATES} more gates_` : "";
  const table = ["| Gate | Before (baseline) | After | Notes |", "|---|---|---|---|", ...rows].join("\n");
  return ["### Quality gates", table, more].filter(Boolean).join("\n\n");
}
function outcome(value) {
  return value ? gateIcon[value] : "—";
}
function renderLastLines(lines) {
  if (lines.length === 0) return "";
  return ["### Latest", ...lines.map((line) => `- ${textLine(line) || "…"}`)].join("\n");
}
function renderFailure(view) {
  const { failure } = view;
  if (!failure) return "";
  return [
    "### What failed",
    textLine(failure.what) || "Unknown.",
    "### What was kept",
    textLine(failure.kept) || "Nothing.",
    "### How to continue",
    `${textLine(failure.next)} When ready, comment \`/maestro resume\` to continue from the last checkpoint.`.trim()
  ].join("\n\n");
}
function link(text, url) {
  const safe = url.replace(/[\s()<>]/g, (ch) => encodeURIComponent(ch));
  return `[${text}](${safe})`;
}
function formatElapsed(startedAt, updatedAt) {
  const ms = Date.parse(updatedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms)) return "unknown";
  const total = Math.max(0, Math.floor(ms / 1e3));
  const h = Math.floor(total / 3600);
  const m = Math.floor(total % 3600 / 60);
  const s = total % 60;
  const pad = (n) => String(n).padStart(2, "0");
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

// src/core/commands/parse-command.ts
var commandNames = [
  "approve",
  "revise",
  "chain",
  "cancel",
  "resume",
  "status",
  "help",
  "fix"
];
var REVISION_HASH = /^[0-9a-f]{7,64}$/;
var CHAIN_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
var ECHOABLE_WORD = /^[A-Za-z0-9_-]{1,32}$/;
var COMMAND_LINE = /^ {0,3}\/[Mm][Aa][Ee][Ss][Tt][Rr][Oo](?:[ \t]+([^ \t]+)[ \t]*(.*))?[ \t]*$/;
var NONE = { kind: "none" };
function parseCommand(body) {
  const lines = stripHtmlComments(body).split(/\r\n|\r|\n/);
  const first = lines.findIndex((line2) => !isBlank(line2));
  const line = lines[first];
  if (line === void 0 || INVISIBLE_CHARACTER.test(line)) return NONE;
  const match = COMMAND_LINE.exec(line);
  if (!match) return NONE;
  const [, word, rest = ""] = match;
  if (word === void 0) return { kind: "help" };
  const name = asCommandName(word);
  if (name === void 0) return ECHOABLE_WORD.test(word) ? { kind: "unknown", word } : NONE;
  return withArgument(name, rest.trim(), lines.slice(first + 1).join("\n"));
}
function withArgument(name, argument, more) {
  switch (name) {
    case "approve":
      return parseApprove(argument);
    case "chain":
      return CHAIN_NAME.test(argument.toLowerCase()) && resolveChainName(argument) !== void 0 ? { kind: "chain", name: argument.toLowerCase() } : invalid(
        name,
        argument,
        `E002: unknown chain; valid chains: ${chainNames.join(", ")} (also deploy for release)`
      );
    case "revise":
    case "fix": {
      const text = `${argument}
${more}`.trim();
      if (text === "") return invalid(name, "", `say what to ${name === "fix" ? "fix" : "change"}`);
      return name === "fix" ? { kind: "fix", what: text } : { kind: "revise", feedback: text };
    }
    // The remaining commands take no argument; trailing words ("/maestro cancel please") are
    // harmless, so they are ignored rather than refused.
    default:
      return { kind: name };
  }
}
function parseApprove(argument) {
  if (argument === "") return { kind: "approve" };
  const hash = argument.toLowerCase();
  if (REVISION_HASH.test(hash)) return { kind: "approve", hash };
  return invalid("approve", argument, "expected a revision hash of 7 to 64 hex digits, or nothing");
}
function invalid(command, argument, problem) {
  return { kind: "invalid", command, argument, problem };
}
function asCommandName(word) {
  if (!/^[A-Za-z]+$/.test(word)) return void 0;
  const lower = word.toLowerCase();
  return commandNames.find((name) => name === lower);
}
function isBlank(line) {
  return /^[ \t]*$/.test(line);
}
function stripHtmlComments(body) {
  const closed = body.replace(/<!--[\s\S]*?-->/g, "");
  const open = closed.indexOf("<!--");
  return open === -1 ? closed : closed.slice(0, open);
}

export {
  classifyChecks,
  textCell,
  textLine,
  clip,
  firstOf,
  moreNote,
  codeCell,
  codeLine,
  fold,
  section,
  formatDuration,
  savedRunOf,
  prepareRun,
  BranchMovedError,
  trackingViewSchema,
  TRACKING_LAST_LINES,
  compactTrackingView,
  renderTrackingComment,
  commandNames,
  parseCommand,
  loadRepoConfig,
  reportInvalidConfig
};
