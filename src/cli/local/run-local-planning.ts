import { chains } from '../../core/chains/chains.js';
import { classifyIntent } from '../../core/chains/classify-intent.js';
import type { MaestroConfig } from '../../core/config/config-schema.js';
import { approveRevision } from '../../core/plan/approval.js';
import { estimateBudget } from '../../core/plan/budget-estimate.js';
import { planReadiness } from '../../core/plan/plan-readiness.js';
import {
  type Answer,
  createRevision,
  type IssueSnapshot,
  openQuestions,
  type PlanRevision,
} from '../../core/plan/plan-revision.js';
import { renderPlanningComment } from '../../core/plan/render-planning-comment.js';
import { newSessionId, type SessionMetadata, type SessionStatus } from '../../core/state/session-metadata.js';
import { findPrice, priceTable } from '../../core/usage/usage-ledger.js';
import type { FileAnalysis } from '../../discovery/analyse-file.js';
import { describeInstructions, repositoryContextOf } from '../../engine/describe-discovery.js';
import type { ExecutionResult } from '../../engine/execute-plan.js';
import { type PlannedIssue, planIssue } from '../../engine/plan-issue.js';
import { recordApproval, recordPlanRound } from '../../engine/record-plan.js';
import type { CacheStore } from '../../ports/cache-port.js';
import type { Clock } from '../../ports/clock-port.js';
import type { FileAnalyser } from '../../ports/file-analyser-port.js';
import type { Progress } from '../../ports/progress-port.js';
import type { RepositoryReader } from '../../ports/repository-port.js';
import type { SessionStore } from '../../ports/session-store-port.js';
import type { CliIo } from '../io.js';
import { askChain, askQuestions, confirm, defaultAnswers } from './ask-questions.js';
import type { LocalModel } from './build-model.js';
import { notReadyAdvice, planningFailure } from './planning-outcome.js';
import { cancelSessionOnSignal, ENDED_STATUSES } from './planning-signals.js';
import { exitCodeOf, runLocalExecution } from './run-local-execution.js';

export interface LocalPlanningInput {
  io: CliIo;
  snapshot: IssueSnapshot;
  chainOverride?: string;
  yes: boolean;
  dryRun: boolean;
  config: MaestroConfig;
  configSource: string;
  repo: RepositoryReader;
  head: { head?: string; branch?: string };
  cache: CacheStore;
  /** Analyses what the discovery cache lacks (worker threads); default in-process. */
  analyser?: FileAnalyser<FileAnalysis>;
  local: LocalModel;
  store: SessionStore;
  clock: Clock;
  progressFor(onLine: (line: string) => void): Progress | Promise<Progress>;
  /** Shows markdown (the plan, the report) to the person at the terminal. */
  show(markdown: string): Promise<void>;
}

/** How `maestro run` ended: the exit code and what `--json` prints. */
export interface LocalRunResult {
  code: number;
  session: string;
  status: SessionStatus;
  revision?: { number: number; hash: string };
  approved: boolean;
  /** Why the plan could not be approved (not ready). */
  reasons?: string[];
  outcome?: ExecutionResult['outcome']['kind'];
  /** Where the session's files are, and the final report when the run executed. */
  sessionDir: string;
  report?: string;
  /** Set when a signal stopped the run (exit 128 + its number). */
  signal?: NodeJS.Signals;
}

/**
 * Phase 1 at the terminal (product.md §7): plan → ask the open questions (or take the defaults
 * with -y) → re-plan with the answers → print the planning comment → stop on --dry-run, else ask
 * for approval of that exact revision and record it. Returns the exit code.
 */
export async function runLocalPlanning(input: LocalPlanningInput): Promise<LocalRunResult> {
  const { store, clock } = input;
  const now = clock.now();
  const metadata: SessionMetadata = {
    session_id: newSessionId(now),
    feature_request: input.snapshot.title,
    status: 'planning',
    current_phase: 'planning',
    chain: input.chainOverride ?? 'feature',
    start_time: now.toISOString(),
    updated_time: now.toISOString(),
    replay: input.local.replay,
    git_context: { repo_root: input.repo.root, ...input.head },
    statistics: { tasks_completed: 0, tasks_remaining: 0, checkpoints_created: 0, errors_recovered: 0 },
  };
  await store.writeMetadata(metadata);
  const id = metadata.session_id;
  // Log lines are appended in order, one write at a time; the run waits for the last before returning.
  let logged: Promise<void> = Promise.resolve();
  const log = (line: string) => {
    const stamped = `${clock.now().toISOString()} ${line}`;
    logged = logged.then(() => store.appendLog(id, stamped)).catch(() => undefined);
  };
  const progress = await input.progressFor(log);
  const planningEnds = cancelSessionOnSignal(store, id, clock);
  try {
    return await planAndApprove(input, metadata, progress, planningEnds);
  } catch (error) {
    // A session whose process ends in an error says so in `maestro sessions` (not "planning").
    const last = await store.readMetadata(id).catch(() => undefined);
    const planning = !last || !['implementing', 'validating'].includes(last.status);
    if (last && !ENDED_STATUSES.has(last.status))
      await store.writeMetadata({ ...last, status: 'failed', updated_time: clock.now().toISOString() });
    throw planning && !last?.plan?.approved_hash ? planningFailure(error) : error;
  } finally {
    planningEnds();
    await logged;
  }
}

/** E001: ask once which chain, when nothing in the issue says (never with -y: feature). */
async function clarifyChain(input: LocalPlanningInput): Promise<string | undefined> {
  if (input.yes) return undefined;
  const { snapshot } = input;
  const intent = classifyIntent({ labels: snapshot.labels, title: snapshot.title, body: snapshot.body });
  return intent.source === 'default' ? askChain(input.io) : undefined;
}

async function planAndApprove(
  input: LocalPlanningInput,
  initial: SessionMetadata,
  progress: Progress,
  planningEnds: () => void,
): Promise<LocalRunResult> {
  const { io, config, store, clock } = input;
  let metadata = initial;
  const id = metadata.session_id;

  progress.phase(1, 'Planning (INTERACTIVE)');
  progress.step(`Session ${id} · model ${input.local.label} · config ${input.configSource}`);
  const deps = {
    model: input.local.model,
    repo: input.repo,
    cache: input.cache,
    config,
    progress,
    clock,
    ...(input.analyser ? { analyser: input.analyser } : {}),
  };
  const history: PlanRevision[] = [];

  const chainOverride = input.chainOverride ?? (await clarifyChain(input));
  let planned = await planIssue({ snapshot: input.snapshot, chainOverride }, deps);
  if (chainOverride !== input.chainOverride && chainOverride !== undefined)
    planned.intent.notes.push(
      `E001: no label or keyword named a chain; the user chose ${planned.intent.chain}`,
    );
  history.push(planned.revision);
  metadata = await record(input, metadata, planned, history, 'awaiting-answers');

  // Questions: asked at the prompt after the plan they are about is shown (or defaults with -y;
  // a blocking question has no default to take). Answers that differ from the defaults re-plan;
  // defaults alone are already what the plan assumed, so they only need recording.
  let shown: string | undefined;
  if (openQuestions(planned.revision).length > 0) {
    if (!input.yes) {
      shown = planned.revision.hash;
      await input.show(render(input, planned, history));
    }
    const answers = input.yes ? defaultAnswers(planned.revision) : await askQuestions(planned.revision, io);
    const changed = Object.values(answers).some((a) => a.by !== 'default');
    if (changed) {
      progress.step(`Re-planning with ${Object.keys(answers).length} answer(s)...`);
      planned = await planIssue(
        {
          snapshot: input.snapshot,
          chainOverride,
          answers,
          previous: planned.revision,
          discovery: planned.discovery,
        },
        deps,
      );
    } else if (Object.keys(answers).length > 0) {
      progress.step(`Taking the default answer to ${Object.keys(answers).join(', ')}`);
      planned = { ...planned, revision: withAnswers(planned.revision, answers, input.snapshot, clock.now()) };
    }
    if (planned.revision !== history.at(-1)) history.push(planned.revision);
  }

  const markdown = render(input, planned, history);
  const readiness = planReadiness(planned.revision);
  const { revision } = planned;
  const sessionDir = store.locate(id);
  const ended = (status: SessionStatus, code: number, more: Partial<LocalRunResult> = {}) => ({
    code,
    session: id,
    status,
    revision: { number: revision.number, hash: revision.hash },
    approved: false,
    sessionDir,
    ...more,
  });
  const final: SessionStatus = input.dryRun
    ? 'dry-run'
    : readiness.kind === 'ready'
      ? 'awaiting-approval'
      : 'failed';
  metadata = await record(input, metadata, planned, history, final, markdown);
  // The plan already shown before the questions is shown again only if the answers changed it.
  if (shown !== revision.hash) await input.show(markdown);

  if (input.dryRun) {
    printChain(io, planned);
    progress.done(`Dry run: nothing executed. Plan saved in ${sessionDir}`);
    return ended('dry-run', 0);
  }
  if (readiness.kind === 'not-ready') {
    for (const reason of readiness.reasons) progress.warn(`Not ready for approval: ${reason}`);
    progress.warn(`${notReadyAdvice(revision)} Plan saved in ${sessionDir}`);
    return ended('failed', 1, { reasons: readiness.reasons });
  }

  const approved =
    input.yes || (await confirm(io, `[Maestro]   ? Approve revision ${revision.number} (${revision.hash})?`));
  if (!approved) {
    metadata = await record(input, metadata, planned, history, 'declined', markdown);
    progress.warn(`Not approved. The plan is saved in ${sessionDir}; run again to re-plan.`);
    return ended('declined', 0);
  }
  const outcome = approveRevision({ revision, approver: 'local user', at: clock.now() });
  if (outcome.kind === 'refused') {
    for (const d of outcome.details) progress.warn(d);
    metadata = await record(input, metadata, planned, history, 'failed', markdown);
    return ended('failed', 1, { reasons: outcome.details });
  }
  metadata = await recordApproval(store, metadata, outcome.approval, clock.now());
  // The saved plan says what happened to it: approved, by whom.
  await store.writeText(id, 'prd.md', render(input, planned, history, outcome.approval.approver));
  progress.done(`PRD approved: revision ${revision.number} (${revision.hash})`);
  progress.step('Switching to autonomous mode for the remaining phases...');
  planningEnds(); // execution handles signals itself, keeping work in progress
  const result = await runLocalExecution({
    config,
    metadata,
    revision,
    approval: outcome.approval,
    repo: input.repo,
    local: input.local,
    store,
    clock,
    progress,
    context: repositoryContextOf(planned.discovery),
    instructions: describeInstructions(planned.discovery.instructions),
    env: io.env,
  });
  await input.show(result.report);
  const done = result.outcome.kind === 'completed';
  return ended(done ? 'completed' : result.signal ? 'cancelled' : 'failed', exitCodeOf(result), {
    approved: true,
    outcome: result.outcome.kind,
    report: `${sessionDir}/final-report.md`,
    signal: result.signal,
  });
}

async function record(
  input: LocalPlanningInput,
  metadata: SessionMetadata,
  planned: PlannedIssue,
  history: PlanRevision[],
  status: SessionStatus,
  markdown = render(input, planned, history),
): Promise<SessionMetadata> {
  return recordPlanRound(input.store, metadata, planned, history, markdown, status, input.clock.now());
}

function render(
  input: LocalPlanningInput,
  planned: PlannedIssue,
  history: PlanRevision[],
  approvedBy?: string,
): string {
  const { config, local } = input;
  const price = findPrice(config.model.executor, priceTable(config.model.prices));
  const totals = local.ledger.total();
  const source = planned.intent.matched.length
    ? `${planned.intent.source}: ${planned.intent.matched.join(', ')}`
    : planned.intent.source;
  return renderPlanningComment({
    revision: planned.revision,
    chainSource: source,
    estimate: estimateBudget(
      planned.revision.draft,
      price ? { inputPerMtok: price.inputPerMTok, outputPerMtok: price.outputPerMTok } : undefined,
      config.budget.max_cost_usd,
    ),
    planningUsage: { tokens: totals.inputTokens + totals.outputTokens, usd: totals.costUsd },
    previous: history.length > 1 ? [] : undefined,
    includeRationale: config.logging.include_rationale,
    respond: input.dryRun ? 'dry-run' : 'terminal',
    approvedBy,
  });
}

/** The seed's dry-run display: the chain and its steps. */
function printChain(io: CliIo, planned: PlannedIssue): void {
  const chain = chains[planned.intent.chain];
  const steps = chain.steps.map((s, i) => `  ${i + 1}. ${s.id} — ${s.summary}`).join('\n');
  io.stdout(`Chain:  ${chain.name}\nSteps:\n${steps}\n`);
}

/** A new revision of the same draft with the answers recorded (no model call). */
function withAnswers(
  revision: PlanRevision,
  answers: Record<string, Answer>,
  snapshot: IssueSnapshot,
  now: Date,
): PlanRevision {
  return createRevision({
    number: revision.number + 1,
    chain: revision.chain,
    snapshot,
    draft: revision.draft,
    decisions: revision.decisions,
    answers: { ...revision.answers, ...answers },
    feedback: revision.feedback,
    createdAt: now,
  });
}
