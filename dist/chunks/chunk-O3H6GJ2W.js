import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  PLANNING_INSTRUCTIONS,
  cell,
  chainAliases,
  chainNameSchema,
  chainNames,
  chains,
  checkedDuration,
  code,
  comparePriority,
  createRevision,
  dependenciesOf,
  dependentsOf,
  describeProblems,
  discover,
  formatTokens,
  formatUsd,
  groupLabel,
  indent,
  isAnswered,
  lowerBound,
  meetsPermission,
  oneLine,
  openQuestions,
  planDraftSchema,
  planReadiness,
  planningPrompt,
  priorityOf,
  readPlan,
  renderDecisions,
  repositoryContextOf,
  resolveChainName,
  sanitizeSnapshot,
  statusBlock,
  taskGraphMermaid,
  taskLevels,
  trustedSnapshot,
  validateTaskGraph,
  writePlan
} from "./chunk-2D3RJZIZ.js";
import {
  findPrice,
  priceTable
} from "./chunk-T7Y64LFU.js";
import {
  MaestroError,
  PlanError,
  errorMessage
} from "./chunk-2HGUGDQM.js";
import {
  external_exports
} from "./chunk-37637WGZ.js";

// src/core/plan/budget-estimate.ts
var PER_TASK = {
  small: { input: 4e4, output: 6e3 },
  medium: { input: 9e4, output: 14e3 },
  large: { input: 18e4, output: 3e4 }
};
function estimateBudget(draft, price, capUsd) {
  const tasks = draft.taskPreview.epics.reduce((n, e) => n + e.tasks.length, 0);
  const per = PER_TASK[draft.complexity];
  const input = tasks * per.input;
  const output = tasks * per.output;
  const usd = price ? (input * price.inputPerMtok + output * price.outputPerMtok) / 1e6 : 0;
  return {
    tasks,
    tokensLow: input + output,
    tokensHigh: 2 * (input + output),
    usdLow: usd,
    usdHigh: 2 * usd,
    capUsd,
    priced: price !== void 0
  };
}

// src/core/plan/render-prd.ts
function renderPrd(prd) {
  const out = [
    `### PRD: ${oneLine(prd.title)}`,
    "",
    `**Goal.** ${oneLine(prd.goal)}`,
    "",
    "#### Requirements"
  ];
  if (prd.requirements.length === 0) out.push("", "_None yet — the issue does not say what should change._");
  for (const r of prd.requirements) {
    out.push("", `- **${r.id} — ${oneLine(r.title)}** _(${r.priority})_`);
    if (r.description.trim()) out.push(indent(oneLine(r.description), 2));
    for (const a of r.acceptance) out.push(`  - ${oneLine(a)}`);
  }
  if (prd.nonGoals.length > 0) {
    out.push("", "#### Non-goals", "", ...prd.nonGoals.map((g) => `- ${oneLine(g)}`));
  }
  if (prd.affectedAreas.length > 0) {
    out.push("", "#### Affected areas", "");
    for (const a of prd.affectedAreas) out.push(`- ${code(a.path)}${a.why ? ` — ${oneLine(a.why)}` : ""}`);
  }
  if (prd.risks.length > 0) {
    out.push("", "#### Risks", "", "| Risk | Mitigation |", "|---|---|");
    for (const r of prd.risks) out.push(`| ${cell(r.risk)} | ${cell(r.mitigation)} |`);
  }
  return out.join("\n");
}

// src/core/plan/render-questions.ts
function renderQuestions(questions, answers) {
  if (questions.length === 0) return "";
  const out = ["### Questions", "", "| | Question | Answer |", "|---|---|---|"];
  for (const q of questions) {
    const a = answers[q.id];
    let answer;
    if (a && isAnswered(q, a)) answer = `${cell(a.answer)} _(${cell(a.by)})_`;
    else if (q.blocking)
      answer = `**Blocking: needs an answer before approval**${q.default.trim() ? `<br><sub>Suggested: ${cell(q.default)}</sub>` : ""}`;
    else if (q.default.trim()) answer = `_Assumed if nobody answers:_ ${cell(q.default)}`;
    else answer = "**Needs an answer** (no safe default)";
    const id = q.blocking ? `${q.id} 🛑` : q.id;
    out.push(`| ${id} | ${cell(q.question)}${q.why ? `<br><sub>${cell(q.why)}</sub>` : ""} | ${answer} |`);
  }
  return out.join("\n");
}

// src/core/plan/render-task-preview.ts
function previewGroups(preview) {
  const validation = validateTaskGraph(preview);
  if (validation.kind === "invalid")
    return { kind: "invalid", problems: describeProblems(validation.problems) };
  const levels = taskLevels(validation.graph);
  const groups = /* @__PURE__ */ new Map();
  levels.forEach((ids, k) => {
    for (const id of ids) groups.set(id, groupLabel(k));
  });
  return { kind: "valid", groups, levels };
}
function renderTaskPreview(preview) {
  const out = ["### Task preview", ""];
  const grouping = previewGroups(preview);
  const groups = grouping.kind === "valid" ? grouping.groups : /* @__PURE__ */ new Map();
  for (const epic of preview.epics) {
    out.push(`- **${epic.id} — ${oneLine(epic.title)}**`);
    for (const t of epic.tasks) {
      const deps = t.dependsOn.length ? ` · after ${t.dependsOn.map(code).join(", ")}` : "";
      const reqs = t.requirements.length ? ` · ${t.requirements.join(", ")}` : "";
      out.push(
        `  - ${code(t.id)} ${oneLine(t.title)} ${groups.get(t.id) ?? ""} _(${t.category})_${deps}${reqs}`
      );
    }
  }
  if (grouping.kind === "invalid") {
    out.push("", `> ⚠️ The previewed graph is not a valid DAG: ${oneLine(grouping.problems)}`);
  } else if (grouping.levels.length > 0) {
    out.push(
      "",
      `${grouping.levels.length} parallel group(s); groups are shown for reading, tasks start as soon as their dependencies are done.`
    );
    out.push("", taskGraphMermaid(preview));
  }
  return out.join("\n");
}

// src/core/plan/render-planning-comment.ts
function renderPlanningComment(input) {
  const { revision } = input;
  const readiness = planReadiness(revision);
  const sections = [
    `## 🎼 Maestro plan — revision ${revision.number} · \`${revision.hash}\``,
    `**Chain:** \`${revision.chain}\` (${oneLine(input.chainSource)}) · ${renderStatus(input, readiness)}`,
    `### What I understood

${revision.draft.understanding.trim()}`,
    renderQuestions(revision.draft.questions, revision.answers),
    renderPrd(revision.draft.prd),
    renderDecisions(revision.decisions, input.includeRationale ?? true),
    renderTaskPreview(revision.draft.taskPreview),
    renderEstimate(input),
    renderHowToRespond(input, readiness),
    renderPrevious(input.previous ?? [])
  ];
  return `${sections.filter((s) => s.trim() !== "").join("\n\n")}
`;
}
function renderStatus(input, readiness) {
  if (input.respond === "comment") {
    const asking = openQuestions(input.revision).length > 0 && input.revision.draft.prd.requirements.length > 0;
    const status2 = readiness.kind === "ready" ? { kind: "ready" } : asking ? { kind: "awaiting-answers" } : { kind: "not-ready" };
    return statusBlock(status2);
  }
  const status = input.approvedBy ? `approved by ${oneLine(input.approvedBy)}` : readiness.kind === "ready" ? "ready for approval" : "not ready for approval";
  return `**Status:** ${status}`;
}
function renderEstimate({ estimate, planningUsage }) {
  const execution = estimate.priced ? `${formatUsd(estimate.usdLow)}–${formatUsd(estimate.usdHigh)} (${formatTokens(estimate.tokensLow)}–${formatTokens(estimate.tokensHigh)} tokens)` : `${formatTokens(estimate.tokensLow)}–${formatTokens(estimate.tokensHigh)} tokens (model unpriced)`;
  return [
    "### Budget estimate",
    "",
    `- Planning so far: ${formatTokens(planningUsage.tokens)} tokens, ${formatUsd(planningUsage.usd)}`,
    `- Execution of ${estimate.tasks} task(s), rough estimate: ${execution}`,
    `- The run stops and reports at the cap of ${formatUsd(estimate.capUsd)} (\`budget.max_cost_usd\`).`
  ].join("\n");
}
function renderHowToRespond(input, readiness) {
  const out = ["### How to respond", ""];
  if (readiness.kind === "not-ready") {
    out.push("**Not ready for approval yet:**", ...readiness.reasons.map((r) => `- ${oneLine(r)}`), "");
  }
  for (const w of readiness.warnings) out.push(`> ⚠️ ${oneLine(w)}`);
  if (readiness.warnings.length) out.push("");
  const asking = openQuestions(input.revision).length > 0;
  if (input.respond === "dry-run") {
    out.push("Dry run: nothing is executed. Run the same command without `--dry-run` to approve and run it.");
    return out.join("\n");
  }
  if (input.respond === "terminal") {
    if (readiness.kind === "not-ready") out.push("Run again once this is settled; nothing was executed.");
    else if (input.approvedBy) out.push("Approved; the run executes this exact revision.");
    else if (asking)
      out.push("Answer the questions at the prompt; then approve the resulting revision with `y`.");
    else out.push("Approve this exact revision with `y` at the prompt.");
    return out.join("\n");
  }
  out.push(
    asking ? "- Answer the questions in a reply, or send `/maestro revise <feedback>`: I will post a new revision here." : "- Send `/maestro revise <feedback>` to change the plan: I will post a new revision here.",
    "- `/maestro chain <feature|fix|test|refactor|review|release>` re-plans with another chain."
  );
  if (readiness.kind === "ready") {
    out.push(
      `- \`/maestro approve ${input.revision.hash}\` starts the run on this exact revision (write permission).`
    );
  }
  return out.join("\n");
}
function renderPrevious(previous) {
  if (previous.length === 0) return "";
  return previous.map(
    (p) => `<details><summary>Revision ${p.number} · <code>${p.hash}</code></summary>

${p.markdown.trim()}

</details>`
  ).join("\n\n");
}

// src/core/chains/classify-intent.ts
var intentClassificationSchema = external_exports.object({
  /** The chain Maestro will run. */
  chain: chainNameSchema,
  /** What decided it: an explicit override, a label, keywords in the text, or nothing (default). */
  source: external_exports.enum(["override", "label", "keyword", "default"]),
  /** What matched: the override or label as written, or keywords as `word (title|body)`. */
  matched: external_exports.array(external_exports.string()),
  /** Anything a reader should know: conflicts, aliases, the seed's E001 default. */
  notes: external_exports.array(external_exports.string())
});
var precedence = ["fix", "test", "refactor", "feature", "review", "release"];
var labelChains = new Map(
  Object.entries({
    bug: "fix",
    bugfix: "fix",
    regression: "fix",
    enhancement: "feature",
    feature: "feature",
    "feature-request": "feature",
    test: "test",
    tests: "test",
    testing: "test",
    refactor: "refactor",
    refactoring: "refactor",
    "tech-debt": "refactor",
    "technical-debt": "refactor",
    review: "review",
    audit: "review",
    release: "release",
    deploy: "release"
  })
);
var keywords = {
  fix: "fix fixes fixed fixing bug bugs buggy error errors broken crash crashes crashed crashing exception exceptions regression fails failing failure".split(
    " "
  ),
  test: "test tests testing spec specs coverage".split(" "),
  refactor: "refactor refactors refactoring refactored cleanup debt restructure simplify".split(" "),
  feature: "feature features implement implements implementing add adds adding build builds building support".split(
    " "
  ),
  review: "review reviews check audit audits".split(" "),
  release: "deploy deployment release releases ship".split(" ")
};
var titleWeight = 2;
function classifyIntent(input) {
  if (input.override !== void 0) return fromOverride(input.override);
  return fromLabels(input.labels) ?? fromKeywords(input.title, input.body ?? "") ?? defaultIntent();
}
function fromOverride(override) {
  const chain = resolveChainName(override);
  if (chain === void 0) {
    const aliases = Object.entries(chainAliases).map(([alias, target]) => `${alias} for ${target}`);
    throw new MaestroError(
      `E002: unknown chain "${override.trim()}". Valid chains: ${chainNames.join(", ")} (also ${aliases.join(", ")}).`,
      { code: "E002" }
    );
  }
  const isAlias = chain !== override.trim().toLowerCase();
  return {
    chain,
    source: "override",
    matched: [override.trim()],
    notes: isAlias ? [`"${override.trim()}" is another name for the ${chain} chain`] : []
  };
}
function fromLabels(labels) {
  const hits = labels.flatMap((label) => {
    const chain2 = labelChains.get(normaliseLabel(label));
    return chain2 === void 0 ? [] : [{ label, chain: chain2 }];
  });
  const chain = pickByPrecedence(new Set(hits.map((hit) => hit.chain)));
  if (chain === void 0) return void 0;
  return {
    chain,
    source: "label",
    matched: hits.filter((hit) => hit.chain === chain).map((hit) => hit.label),
    notes: conflictNote("labels", chain, new Set(hits.map((hit) => hit.chain)))
  };
}
function fromKeywords(title, body) {
  const titleWords = new Set(words(title));
  const bodyWords = new Set(words(body));
  const scores = /* @__PURE__ */ new Map();
  for (const chain2 of precedence) {
    const inTitle = keywords[chain2].filter((word) => titleWords.has(word));
    const inBody = keywords[chain2].filter((word) => bodyWords.has(word));
    const score = titleWeight * inTitle.length + inBody.length;
    if (score === 0) continue;
    scores.set(chain2, {
      score,
      matched: [...inTitle.map((word) => `${word} (title)`), ...inBody.map((word) => `${word} (body)`)]
    });
  }
  const best = Math.max(0, ...[...scores.values()].map((entry) => entry.score));
  if (best === 0) return void 0;
  const tied = new Set([...scores].filter(([, entry]) => entry.score === best).map(([chain2]) => chain2));
  const chain = pickByPrecedence(tied);
  return {
    chain,
    source: "keyword",
    matched: scores.get(chain).matched,
    notes: conflictNote("keywords", chain, tied)
  };
}
function defaultIntent() {
  return {
    chain: "feature",
    source: "default",
    matched: [],
    notes: ["E001: intent unclassifiable, defaulted to feature"]
  };
}
function normaliseLabel(label) {
  return label.trim().toLowerCase().replace(/^(?:type|kind|category)\s*[:/]\s*/, "").replace(/[\s_]+/g, "-");
}
function words(text) {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}
function pickByPrecedence(candidates) {
  return precedence.find((chain) => candidates.has(chain));
}
function conflictNote(what, chosen, candidates) {
  const others = precedence.filter((chain) => chain !== chosen && candidates.has(chain));
  if (others.length === 0) return [];
  return [`${what} also point to ${others.join(", ")}; chose ${chosen}, the more specific`];
}

// src/core/tasks/schedule-tasks.ts
function scheduleTasks(graph, opts) {
  checkWorkers(opts.maxParallel);
  const priorities = priorityOf(graph, opts.duration);
  const run = simulate(graph, graph.order, opts, priorities, 0);
  return finish(run, graph, opts);
}
function simulate(graph, ids, opts, priorities, startAt) {
  const included = new Set(ids);
  const waitingOn = new Map(
    ids.map((id) => [id, dependenciesOf(graph, id).filter((d) => included.has(d)).length])
  );
  const byPriority = (a, b) => comparePriority(priorities.get(a), priorities.get(b));
  const ready = ids.filter((id) => waitingOn.get(id) === 0).sort(byPriority);
  const freeWorkers = Array.from({ length: opts.maxParallel }, (_, worker) => worker);
  const running = [];
  const dispatched = [];
  let now = startAt;
  while (dispatched.length < ids.length || running.length > 0) {
    while (freeWorkers.length > 0 && ready.length > 0) {
      const taskId = ready.shift();
      const worker = freeWorkers.shift();
      const slot = { taskId, worker, start: now, end: now + checkedDuration(graph, taskId, opts.duration) };
      dispatched.push(slot);
      running.push(slot);
    }
    if (running.length === 0) break;
    now = Math.min(...running.map((slot) => slot.end));
    for (const slot of running.filter((s) => s.end === now)) {
      running.splice(running.indexOf(slot), 1);
      insertSorted(freeWorkers, slot.worker, (a, b) => a - b);
      for (const next of dependentsOf(graph, slot.taskId)) {
        if (!included.has(next)) continue;
        const left = waitingOn.get(next) - 1;
        waitingOn.set(next, left);
        if (left === 0) insertSorted(ready, next, byPriority);
      }
    }
  }
  return dispatched;
}
function finish(dispatched, graph, opts) {
  return {
    slots: [...dispatched].sort((a, b) => a.start - b.start || a.worker - b.worker),
    makespan: Math.max(0, ...dispatched.map((slot) => slot.end)),
    order: dispatched.map((slot) => slot.taskId),
    lowerBound: lowerBound(graph, opts.duration, opts.maxParallel)
  };
}
function checkWorkers(maxParallel) {
  if (!Number.isInteger(maxParallel) || maxParallel < 1) {
    throw new PlanError(`maxParallel must be a whole number of at least 1, got ${maxParallel}.`, {
      code: "plan.invalid-parallelism"
    });
  }
}
function insertSorted(values, value, compare) {
  const at = values.findIndex((existing) => compare(value, existing) < 0);
  values.splice(at === -1 ? values.length : at, 0, value);
}

// src/discovery/decisions/decide-task-ordering.ts
function decideTaskOrdering(preview, settings) {
  const workers = settings.parallel_execution ? settings.max_parallel : 1;
  const validation = validateTaskGraph(preview);
  if (validation.kind === "invalid") {
    return {
      kind: "task-ordering",
      topic: "Task ordering",
      choice: "Sequential, in the listed order",
      rationale: "The previewed task graph is not a valid DAG yet; phase 2 regenerates it before anything runs.",
      confidence: 0.4,
      alternatives: ["Critical-path-first parallel scheduling"],
      source: "default"
    };
  }
  const graph = validation.graph;
  const levels = taskLevels(graph);
  const schedule = scheduleTasks(graph, { maxParallel: workers, duration: () => 1 });
  const total = graph.order.length;
  const criticalPath = levels.length;
  const choice = workers > 1 ? `Critical-path-first, up to ${workers} in parallel` : "Sequential (parallel_execution is off)";
  return {
    kind: "task-ordering",
    topic: "Task ordering",
    choice,
    rationale: `${total} task(s) in ${levels.length} group(s); the longest dependency chain has ${criticalPath} task(s). Foundational tasks first, then whichever ready task has the longest remaining path; estimated ${schedule.makespan} task-length(s) of wall time versus ${total} one after another.`,
    confidence: 0.85,
    alternatives: workers > 1 ? ["Group by group with a barrier (slower)", "Strictly sequential"] : ["Critical-path-first parallel"],
    source: "repository"
  };
}

// src/discovery/decisions/stack-facts.ts
var DEFAULT_TEST_RUNNER = {
  TypeScript: "vitest",
  JavaScript: "vitest",
  Python: "pytest",
  Go: "go test",
  Rust: "cargo test",
  Java: "JUnit 5",
  Kotlin: "JUnit 5",
  Ruby: "RSpec",
  PHP: "PHPUnit",
  "C#": "xUnit"
};

// src/discovery/decisions/decide-tech-stack.ts
function decideTechStack(facts, settings) {
  const decisions = [];
  const weight = settings.prefer_existing ? 1 : 0.7;
  const existing = settings.prefer_existing ? "already used here; prefer_existing is on" : "detected (prefer_existing is off)";
  const [main, ...others] = facts.languages;
  if (main) {
    decisions.push({
      kind: "tech-stack",
      topic: "Language",
      choice: main.name,
      rationale: `${main.name} is ${Math.round(main.share * 100)}% of the code; ${existing}.`,
      confidence: round(Math.min(0.95, 0.5 + main.share / 2) * weight),
      alternatives: others.slice(0, 3).map((l) => l.name),
      source: "repository"
    });
  }
  const [pm, ...otherPms] = facts.packageManagers;
  if (pm) {
    decisions.push({
      kind: "tech-stack",
      topic: "Package manager",
      choice: pm,
      rationale: `The repository's lockfile and manifests use ${pm}; ${existing}.`,
      confidence: round(0.95 * weight),
      alternatives: otherPms,
      source: "repository"
    });
  }
  if (facts.frameworks.length > 0) {
    decisions.push({
      kind: "tech-stack",
      topic: "Frameworks",
      choice: facts.frameworks.slice(0, 4).join(", "),
      rationale: `Declared in the manifests; new code follows them rather than adding a parallel framework.`,
      confidence: round(0.9 * weight),
      alternatives: [],
      source: "repository"
    });
  }
  decisions.push(testFrameworkDecision(facts, weight, existing));
  return decisions;
}
function testFrameworkDecision(facts, weight, existing) {
  const [runner, ...others] = facts.testRunners;
  if (runner) {
    return {
      kind: "tech-stack",
      topic: "Test framework",
      choice: runner,
      rationale: `New tests use ${runner}, which the repository's tests already run on; ${existing}.`,
      confidence: round(0.95 * weight),
      alternatives: others,
      source: "repository"
    };
  }
  const language = facts.languages[0]?.name;
  const fallback = (language && DEFAULT_TEST_RUNNER[language]) ?? "the language’s standard test runner";
  return {
    kind: "tech-stack",
    topic: "Test framework",
    choice: fallback,
    rationale: `No test framework was detected; ${fallback} is the common choice for ${language ?? "this code"}.`,
    confidence: 0.5,
    alternatives: [],
    source: "default"
  };
}
function round(n) {
  return Math.round(n * 100) / 100;
}

// src/discovery/decisions/detect-architecture.ts
var RULES = [
  {
    pattern: "Ports and adapters (hexagonal)",
    dirs: ["ports", "adapters", "domain", "core", "application"],
    min: 2,
    advice: "new outside dependencies go behind a port with an adapter"
  },
  {
    pattern: "Monorepo of packages",
    dirs: ["packages", "apps", "libs"],
    min: 1,
    advice: "changes stay inside the package that owns them"
  },
  {
    pattern: "Model–view–controller",
    dirs: ["models", "views", "controllers"],
    min: 2,
    advice: "logic goes to models/controllers, presentation to views"
  },
  {
    pattern: "Layered service architecture",
    dirs: ["services", "repositories", "routes", "handlers", "middleware", "api"],
    min: 2,
    advice: "handlers stay thin and call services"
  },
  {
    pattern: "Feature folders",
    dirs: ["features", "modules"],
    min: 1,
    advice: "a new feature gets its own folder"
  },
  {
    pattern: "Component-based UI",
    dirs: ["components", "pages", "hooks"],
    min: 2,
    advice: "new UI is a component next to its peers"
  },
  {
    pattern: "Command-line tool",
    dirs: ["cli", "bin", "cmd", "commands"],
    min: 1,
    advice: "one file per command"
  },
  {
    pattern: "Library with a flat source tree",
    dirs: ["src", "lib"],
    min: 1,
    advice: "follow the existing module layout"
  }
];
function detectArchitecture(paths) {
  const present = /* @__PURE__ */ new Set();
  for (const p of paths) {
    const parts = p.split("/");
    for (const dir of parts.slice(0, Math.min(parts.length - 1, 4))) present.add(dir.toLowerCase());
  }
  const scored = RULES.map((rule, order) => ({ rule, order, hits: rule.dirs.filter((d) => present.has(d)) })).filter((s) => s.hits.length >= s.rule.min).sort((a, b) => b.hits.length - a.hits.length || a.order - b.order);
  const [best, ...rest] = scored;
  if (!best) {
    return {
      kind: "architecture",
      topic: "Architecture pattern",
      choice: "Follow the existing file layout",
      rationale: "No recognisable layout pattern; new code goes next to the code it extends.",
      confidence: 0.5,
      alternatives: [],
      source: "default"
    };
  }
  const confidence = Math.min(0.9, 0.55 + 0.15 * best.hits.length);
  return {
    kind: "architecture",
    topic: "Architecture pattern",
    choice: best.rule.pattern,
    rationale: `The layout has ${best.hits.map((h) => `\`${h}/\``).join(", ")}: ${best.rule.advice}.`,
    confidence: Math.round(confidence * 100) / 100,
    alternatives: rest.slice(0, 2).map((s) => s.rule.pattern),
    source: "repository"
  };
}

// src/engine/repository-decisions.ts
function stackFacts(stack) {
  return {
    languages: stack.languages.map((l) => ({ name: l.name, share: l.share })),
    packageManagers: stack.packageManagers,
    frameworks: stack.frameworks,
    testRunners: stack.testRunners,
    dependencies: stack.dependencies
  };
}
function repositoryDecisions(stack, paths, config) {
  return [...decideTechStack(stackFacts(stack), config.decision_engine), detectArchitecture(paths)];
}
function questionsForLowConfidence(decisions, threshold, existing) {
  let next = existing.reduce((max, q) => Math.max(max, Number(q.id.slice(1)) || 0), 0);
  const asked = new Set(existing.map((q) => q.question.toLowerCase()));
  const out = [];
  for (const d of decisions) {
    if (d.confidence >= threshold) continue;
    const question = `${d.topic}: is "${d.choice}" right?`;
    if (asked.has(question.toLowerCase())) continue;
    next += 1;
    out.push({ id: `Q${next}`, question, default: `Yes — ${d.choice}`, why: d.rationale, blocking: false });
  }
  return out;
}
function mergeDecisions(fromRepository, fromModel, ordering) {
  const key = (d) => `${d.topic.toLowerCase()}\0${d.choice.toLowerCase()}`;
  const known = new Set(fromRepository.map(key));
  const model = fromModel.filter((d) => d.kind !== "task-ordering" && !known.has(key(d)));
  return [...fromRepository, ...model, ordering];
}

// src/engine/plan-issue.ts
async function planIssue(input, deps) {
  const { config, progress } = deps;
  const clean = sanitizeSnapshot(input.snapshot, input.answers, input.feedback);
  const sanitizedCount = Object.values(clean.removed).reduce((a, b) => a + b, 0);
  if (sanitizedCount > 0)
    progress.warn(`Removed ${sanitizedCount} hidden element(s) from the issue text before planning`);
  const intent = classifyIntent({
    labels: clean.snapshot.labels,
    title: clean.snapshot.title,
    body: clean.snapshot.body,
    override: input.chainOverride
  });
  progress.step(
    `Chain: ${intent.chain} (${intent.source}${intent.matched.length ? `: ${intent.matched.join(", ")}` : ""})`
  );
  for (const note of intent.notes) progress.warn(note);
  progress.step("Analyzing codebase...");
  const discovery = input.discovery ?? await discover({
    repo: deps.repo,
    cache: deps.cache,
    issue: { title: clean.snapshot.title, body: clean.snapshot.body },
    budgetTokens: config.planning.context_budget_tokens,
    ...deps.analyser ? { analyser: deps.analyser } : {}
  });
  if (!input.discovery)
    for (const file of discovery.hidden)
      progress.warn(
        `Removed hidden content from ${file.path} before planning (${describeHidden(file.removed)})`
      );
  const top = discovery.ranked.slice(0, 3).map((f) => f.path);
  progress.step(
    `Discovered ${discovery.inventory.kept} files; context ${discovery.context.tokens}/${discovery.context.budget} tokens; top: ${top.join(", ") || "—"}`
  );
  const paths = (await deps.repo.listFiles()).map((f) => f.path);
  const fromRepository = repositoryDecisions(discovery.stack, paths, config);
  const chain = chains[intent.chain];
  const promptInput = {
    chain: intent.chain,
    chainDescription: chain.description,
    snapshot: clean.snapshot,
    repositoryDecisions: fromRepository,
    answers: clean.answers,
    feedback: clean.feedback,
    previous: input.previous
  };
  const context = repositoryContextOf(discovery);
  progress.step("Generating PRD...");
  let draft = await askPlanner(deps.model, context, planningPrompt(promptInput), "plan");
  let graphRepaired = false;
  const graph = validateTaskGraph(draft.taskPreview, {
    requirementIds: draft.prd.requirements.map((r) => r.id)
  });
  if (graph.kind === "invalid" && graph.problems.some((p) => p.kind !== "uncovered-requirement")) {
    const problems = describeProblems(graph.problems);
    progress.warn(`Task preview invalid, asking the planner to repair it: ${problems}`);
    draft = await askPlanner(
      deps.model,
      context,
      planningPrompt({ ...promptInput, graphProblems: problems }),
      "plan-repair"
    );
    graphRepaired = true;
  }
  const ordering = decideTaskOrdering(draft.taskPreview, config.orchestrator);
  const decisions = mergeDecisions(fromRepository, draft.decisions, ordering);
  const extra = questionsForLowConfidence(
    decisions,
    config.decision_engine.confidence_threshold,
    draft.questions
  );
  draft = { ...draft, questions: [...draft.questions, ...extra] };
  const revision = createRevision({
    number: (input.previous?.number ?? 0) + 1,
    chain: intent.chain,
    snapshot: clean.snapshot,
    draft,
    decisions,
    answers: clean.answers,
    feedback: clean.feedback,
    createdAt: deps.clock.now()
  });
  for (const q of draft.questions) {
    const answer = clean.answers[q.id];
    if (answer) progress.step(`Answer: ${q.id} ${q.question} — ${answer.answer} (${answer.by})`);
    else progress.step(`Question: ${q.question}${q.default ? ` (default: ${q.default})` : ""}`);
  }
  for (const d of decisions) {
    const existing = d.source === "repository" && d.kind !== "task-ordering" ? " (existing)" : "";
    progress.step(`Decision: ${d.topic} - ${d.choice}${existing}`);
  }
  progress.done(`PRD revision ${revision.number} ready: ${revision.hash}`);
  return { kind: "planned", revision, intent, discovery, sanitized: clean.removed, graphRepaired };
}
function describeHidden(removed) {
  return Object.entries(removed).map(([pass, n]) => `${pass}: ${n}`).join(", ");
}
async function askPlanner(model, context, prompt, name) {
  const result = await model.generateObject({
    phase: "planning",
    name,
    schema: planDraftSchema,
    system: PLANNING_INSTRUCTIONS,
    context,
    prompt
  });
  return result.object;
}

// src/engine/github/edits-since-trigger.ts
async function checkEditsSinceTrigger(host, issue, triggeredAt) {
  const cutoff = Date.parse(triggeredAt);
  let history;
  try {
    history = await host.issueEdits(issue);
  } catch (error) {
    return refused(
      `could not read the edit history (${errorMessage(error).split("\n")[0]})`,
      "Maestro could not read the edit history of this issue, so it cannot tell whether the text it would plan from is the text the label was added to.",
      "Remove and re-add the label to try again."
    );
  }
  if (history.olderThan !== void 0 && Date.parse(history.olderThan) >= cutoff)
    return refused(
      "more edits since the trigger than the history shows",
      "This issue was edited more often since the label was added than Maestro can check.",
      "A person with write access should read the issue as it is now and, if it is right, remove and re-add the label."
    );
  const after = history.edits.filter((e) => Date.parse(e.at) >= cutoff);
  if (after.length === 0) return { kind: "unchanged" };
  const writers = /* @__PURE__ */ new Map();
  const isWriter = (login) => {
    let known = writers.get(login);
    if (!known) {
      known = host.permission(login).then((level) => meetsPermission(level, "write", { isIssueAuthor: false }));
      writers.set(login, known);
    }
    return known;
  };
  const untrusted = [];
  for (const edit of after) {
    const ok = edit.editor !== void 0 && await isWriter(edit.editor);
    if (!ok)
      untrusted.push(
        `the ${edit.part} at ${edit.at} by ${edit.editor ? `\`${edit.editor}\`` : "a deleted account"}`
      );
  }
  if (untrusted.length === 0) return { kind: "edited-by-writers" };
  return refused(
    `edited after the trigger by someone without write access (${untrusted.length} edit(s))`,
    `After the label was added (${triggeredAt}), this issue was edited by someone without write access: ${[...new Set(untrusted)].slice(0, 5).join("; ")}. Maestro plans only from text a person with write access has seen.`,
    "A person with write access should read the issue as it is now and, if it is right, remove and re-add the label."
  );
}
function refused(reason, why, next) {
  return {
    kind: "refused",
    reason,
    comment: ["### ⚠️ Maestro did not plan this issue", "", why, "", next].join("\n")
  };
}

// src/engine/github/plan-on-github.ts
async function planOnGitHub(request, config, deps) {
  const { host } = deps;
  const existing = await readPlan(host, request.issue);
  const fresh = !existing || existing.record.status === "cancelled" && request.commentId === void 0;
  const triggeredAt = fresh ? request.at : existing?.record.triggeredAt ?? request.at;
  await host.setStatus(request.issue, "maestro:planning");
  try {
    const [issue, comments] = await Promise.all([
      host.getIssue(request.issue),
      host.listComments(request.issue)
    ]);
    const edits = await checkEditsSinceTrigger(host, request.issue, triggeredAt);
    if (edits.kind === "refused") {
      deps.logger.warn(`Not planning #${request.issue}: ${edits.reason}`);
      await host.reply(request.issue, `plan-refused:${request.commentId ?? request.at}`, edits.comment);
      await host.setStatus(request.issue, existing ? statusOf(existing) : "maestro:failed");
      return { kind: "replied", reason: `issue ${edits.reason}` };
    }
    const snapshot = await trustedSnapshot(host, issue, comments, triggeredAt);
    const opened = await deps.openModel(config);
    const repo = await deps.checkout();
    const previous = fresh ? void 0 : existing?.record;
    const planned = await planIssue(
      {
        snapshot,
        chainOverride: request.chainOverride ?? (previous ? previous.revision.chain : void 0),
        answers: { ...previous?.revision.answers ?? {}, ...request.answers ?? {} },
        feedback: [...previous?.revision.feedback ?? [], ...request.feedback ? [request.feedback] : []],
        previous: previous?.revision
      },
      {
        model: opened.model,
        repo,
        cache: deps.cache,
        config,
        progress: logProgress(deps),
        clock: deps.clock
      }
    );
    const { revision } = planned;
    const ready = planReadiness(revision).kind === "ready";
    const totals = opened.ledger.total();
    const planningUsage = {
      tokens: (previous?.planningUsage.tokens ?? 0) + totals.inputTokens + totals.outputTokens,
      usd: (previous?.planningUsage.usd ?? 0) + totals.costUsd
    };
    const chainSource = planned.intent.matched.length ? `${planned.intent.source}: ${planned.intent.matched.join(", ")}` : planned.intent.source;
    const history = previous ? [...previous.history, { number: previous.revision.number, hash: previous.revision.hash }] : [];
    const price = findPrice(config.model.executor, priceTable(config.model.prices));
    const visible = renderPlanningComment({
      revision,
      chainSource,
      estimate: estimateBudget(
        revision.draft,
        price ? { inputPerMtok: price.inputPerMTok, outputPerMtok: price.outputPerMTok } : void 0,
        config.budget.max_cost_usd
      ),
      planningUsage,
      previous: [...history].reverse().map((h) => ({
        number: h.number,
        hash: h.hash,
        markdown: `Superseded by revision ${revision.number}.`
      })),
      includeRationale: config.logging.include_rationale,
      respond: "comment"
    });
    const record = {
      revision,
      history,
      triggeredAt,
      trigger: fresh ? request.by : existing?.record.trigger ?? request.by,
      chainSource,
      status: ready ? "awaiting-approval" : "needs-answers",
      lastCommentId: Math.max(existing?.record.lastCommentId ?? 0, request.commentId ?? 0),
      planningUsage
    };
    await writePlan(host, request.issue, record, visible);
    await host.setStatus(request.issue, ready ? "maestro:awaiting-approval" : "maestro:needs-answers");
    return { kind: "planned", revision: revision.number, hash: revision.hash, ready };
  } catch (error) {
    deps.logger.error(`Planning #${request.issue} failed: ${errorMessage(error)}`);
    await host.reply(
      request.issue,
      `plan-failed:${request.commentId ?? request.at}`,
      [
        "### ⚠️ Maestro could not write the plan",
        "",
        oneLineError(error),
        "",
        "Nothing was changed in the repository. Fix the cause, then remove and re-add the label, or comment `/maestro revise <feedback>` to try again."
      ].join("\n")
    );
    await host.setStatus(request.issue, existing ? statusOf(existing) : "maestro:failed");
    return { kind: "replied", reason: "planning failed" };
  }
}
function statusOf(stored) {
  const s = stored.record.status;
  return s === "approved" ? "maestro:approved" : s === "cancelled" ? "maestro:cancelled" : s === "needs-answers" ? "maestro:needs-answers" : "maestro:awaiting-approval";
}
function oneLineError(error) {
  return errorMessage(error).split("\n").slice(0, 6).join("\n");
}
function logProgress(deps) {
  return {
    phase: (n, title) => deps.logger.info(`Phase ${n}: ${title}`),
    step: (text) => deps.logger.info(`→ ${text}`),
    done: (text) => deps.logger.info(`✓ ${text}`),
    warn: (text) => deps.logger.warn(text)
  };
}

export {
  planOnGitHub,
  statusOf
};
