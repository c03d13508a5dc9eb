import type { MaestroConfig } from '../../core/config/config-schema.js';
import type { BaselineComparison } from '../../core/gates/compare-baseline.js';
import type { GateReport, GateRun } from '../../core/gates/gate-schema.js';
import type { PlanRevision } from '../../core/plan/plan-revision.js';
import { renderFinalReport } from '../../core/report/final-report.js';
import type {
  FinalReportInput,
  ReportGate,
  ReportGateRun,
  RunOutcome,
} from '../../core/report/final-report-input.js';
import type { RequirementTrace } from '../../core/report/requirement-check.js';
import type { RunState, RunStop } from '../../core/state/run-state.js';
import type { UsageLedger } from '../../core/usage/usage-ledger.js';
import type { GitWorkspace } from '../../ports/git-workspace-port.js';
import { planDriftOf } from '../steps/plan-drift.js';

export interface HandoffInput {
  revision: PlanRevision;
  state: RunState;
  issue: { number?: number; title: string; url?: string };
  after?: GateReport;
  comparison?: BaselineComparison;
  requirements: RequirementTrace[];
  stop?: RunStop;
  endedAt: Date;
  resumeHint: string;
  /** Where untrusted code ran; the report says so, and warns when nothing contained it. */
  sandbox?: FinalReportInput['sandbox'];
}

/** Phase 5: the final report of product.md §6, built from what the run measured. */
export async function buildFinalReport(
  input: HandoffInput,
  deps: { workspace: GitWorkspace; ledger: UsageLedger; config: MaestroConfig },
): Promise<{ markdown: string; outcome: RunOutcome }> {
  const { state } = input;
  const head = await deps.workspace.head();
  const changes = await deps.workspace.diffFiles(state.baseSha, head);
  const checkpoints = await deps.workspace.checkpoints(state.session, state.baseSha);
  const planTasks = (state.tasks?.epics ?? []).flatMap((e) => e.tasks);
  const results = Object.values(state.results).filter((r) => r.status !== 'pending');
  const tasks = results.map((r) => {
    const planned = planTasks.find((t) => t.id === r.id);
    return {
      id: r.id,
      title: planned?.title ?? (r.id.startsWith('fix-') ? 'Fix iteration' : r.id),
      category: planned?.category ?? 'general',
      status: r.status === 'pending' ? ('skipped' as const) : r.status,
      summary: r.summary,
      qualityScore: r.qualityScore === undefined ? undefined : r.qualityScore / 10,
      attempts: r.attempts,
      checkpointSha: r.checkpoint?.sha,
    };
  });
  const outcome = outcomeOf(
    input,
    tasks.some((t) => t.status !== 'done'),
  );
  const report: FinalReportInput = {
    issue: input.issue,
    sessionId: state.session,
    chain: input.revision.chain,
    outcome,
    startedAt: state.startedAt,
    endedAt: input.endedAt.toISOString(),
    plan: state.tasks ?? { epics: [] },
    tasks,
    requirements: input.requirements,
    decisions: input.revision.decisions,
    includeRationale: deps.config.logging.include_rationale,
    changes,
    gates: gatesOf(state.baseline as GateReport | undefined, input.after, input.comparison),
    iterations: state.iteration,
    checkpoints: checkpoints.map((c) => ({
      checkpoint: c.checkpoint,
      task: c.task,
      sha: c.sha,
      subject: c.subject,
    })),
    recoveries: state.recoveries,
    blockedActions: [...state.steps.flatMap((s) => s.blocked), ...results.flatMap((r) => r.blocked)],
    usage: { byPhase: deps.ledger.byPhase(), total: deps.ledger.total() },
    resumeHint: input.resumeHint,
    ...(input.sandbox ? { sandbox: input.sandbox } : {}),
    steps: state.steps,
    ...(planDriftOf(state.planDrift) ? { planDrift: planDriftOf(state.planDrift) } : {}),
  };
  return { markdown: renderFinalReport(report), outcome };
}

function outcomeOf(input: HandoffInput, someTaskNotDone: boolean): RunOutcome {
  if (input.stop) {
    const reason = input.stop.reason;
    const mapped =
      reason === 'budget' ||
      reason === 'wall-clock' ||
      reason === 'cancelled' ||
      reason === 'security' ||
      reason === 'step-failed' ||
      reason === 'plan-changed' ||
      reason === 'push-rejected'
        ? reason
        : reason === 'files-changed'
          ? 'budget'
          : 'error';
    return { kind: 'stopped', reason: mapped, detail: input.stop.detail };
  }
  if (someTaskNotDone || input.comparison?.blocking || input.requirements.some((r) => r.status !== 'met')) {
    return { kind: 'completed-with-failures' };
  }
  return { kind: 'completed' };
}

function gatesOf(
  before: GateReport | undefined,
  after: GateReport | undefined,
  comparison: BaselineComparison | undefined,
): ReportGate[] {
  const names = [...new Set([...(before?.runs ?? []), ...(after?.runs ?? [])].map((r) => r.name))];
  return names.map((name) => {
    const b = before?.runs.find((r) => r.name === name);
    const a = after?.runs.find((r) => r.name === name);
    const status =
      comparison?.gates.find((g) => g.name === name)?.status ??
      (b?.outcome === 'passed' ? 'passing' : 'still-failing (pre-existing)');
    return { name, argv: (a ?? b)?.argv, status, before: b && side(b), after: a && side(a) };
  });
}

function side(run: GateRun): ReportGateRun {
  return { outcome: run.outcome, durationMs: run.durationMs, counts: run.counts, failures: run.failures };
}
