import type { BaselineComparison } from '../../core/gates/compare-baseline.js';
import { compareBaseline, gateSummaryLine } from '../../core/gates/compare-baseline.js';
import type { GateReport, GateSpec } from '../../core/gates/gate-schema.js';
import type { PlanRevision } from '../../core/plan/plan-revision.js';
import {
  type RequirementTrace,
  reconcileRequirementChecks,
  requirementCheckSchema,
} from '../../core/report/requirement-check.js';
import type { RunState, RunStop } from '../../core/state/run-state.js';
import type { Task } from '../../core/tasks/task-schema.js';
import type { ModelPort } from '../../ports/model-port.js';
import type { Shell } from '../../ports/shell-port.js';
import {
  gateFixDescription,
  REQUIREMENT_CHECK_INSTRUCTIONS,
  requirementCheckPrompt,
} from '../prompts/validation-prompt.js';
import { runGates } from '../run-gates.js';
import { runTask, type TaskRunnerDeps } from './task-runner.js';

export interface ValidateDeps extends TaskRunnerDeps {
  model: ModelPort;
  shell: Shell;
  gates: GateSpec[];
  revision: PlanRevision;
  state: RunState;
  save(): Promise<void>;
  shouldStop(): RunStop | undefined;
}

export interface Validation {
  report?: GateReport;
  comparison?: BaselineComparison;
  requirements: RequirementTrace[];
  iterations: number;
  stop?: RunStop;
}

/**
 * Phase 4: the repository's gates, run by Maestro against the baseline; failures become fix tasks
 * (up to `orchestrator.max_iterations`); then every requirement is checked against the diff and
 * the gates, and unmet ones feed another iteration while `validate_prd` is on and budget remains.
 * A fix that makes the gates worse is rolled back (a new commit restoring the previous tree)
 * when `error_recovery.enable_rollback` is on.
 */
export async function validate(deps: ValidateDeps): Promise<Validation> {
  const { config, progress, state } = deps;
  const baseline = state.baseline as GateReport | undefined;
  const maxIterations = config.orchestrator.max_iterations;
  let requirements: RequirementTrace[] = [];
  let report: GateReport | undefined;
  let comparison: BaselineComparison | undefined;

  for (;;) {
    report = await runGates(deps.gates, {
      shell: deps.shell,
      cwd: deps.workspace.root,
      timeoutMs: config.validation.gate_timeout_seconds * 1000,
      signal: deps.signal,
    });
    comparison = compareBaseline(baseline, report);
    for (const run of report.runs)
      progress.step(
        `Gate ${gateSummaryLine(run)} (${comparison.gates.find((g) => g.name === run.name)?.status ?? ''})`,
      );

    if (!comparison.blocking && config.validation.validate_prd) {
      requirements = await checkRequirements(deps, comparison);
      const open = requirements.filter((r) => r.status !== 'met');
      progress.step(
        `Validating PRD requirements... ${requirements.length - open.length}/${requirements.length} met`,
      );
      if (open.length === 0 || state.iteration >= maxIterations) break;
    } else if (!comparison.blocking || state.iteration >= maxIterations) {
      break;
    }

    const stop = deps.shouldStop();
    if (stop) return { report, comparison, requirements, iterations: state.iteration, stop };
    state.iteration += 1;
    await deps.save();
    progress.step(
      `Iteration ${state.iteration}: ${comparison.blocking ? 'fixing failing gates' : 'completing unmet requirements'}`,
    );
    const before = await deps.workspace.head();
    const fix = fixTask(state.iteration, deps.revision, report, comparison, requirements);
    const run = await runTask(fix, deps, { alone: true });
    if (run.kind === 'stop')
      return {
        report,
        comparison,
        requirements,
        iterations: state.iteration,
        stop: { reason: run.reason, detail: run.detail },
      };
    if (run.kind === 'finished') state.results[fix.id] = run.result;
    await deps.save();

    if (
      comparison.blocking &&
      config.error_recovery.enable_rollback &&
      run.kind === 'finished' &&
      run.result.checkpoint
    ) {
      const after = await runGates(deps.gates, {
        shell: deps.shell,
        cwd: deps.workspace.root,
        timeoutMs: config.validation.gate_timeout_seconds * 1000,
        signal: deps.signal,
      });
      if (failures(after) > failures(report)) {
        state.checkpoints += 1;
        const sha = await deps.workspace.restoreTree(
          before,
          `revert: roll back ${fix.id}, it made the gates worse`,
          {
            session: deps.session,
            task: 'rollback',
            checkpoint: state.checkpoints,
          },
        );
        deps.recovered('rollback');
        progress.warn(
          `Rolled back ${fix.id} to ${before.slice(0, 7)} as checkpoint ${state.checkpoints} (${sha.slice(0, 7)})`,
        );
        await deps.save();
      }
    }
  }
  return { report, comparison, requirements, iterations: state.iteration };
}

async function checkRequirements(
  deps: ValidateDeps,
  comparison: BaselineComparison,
): Promise<RequirementTrace[]> {
  const { state } = deps;
  const diff = await deps.workspace.diffText(state.baseSha, await deps.workspace.head(), 60_000);
  const changes = await deps.workspace.diffFiles(state.baseSha, await deps.workspace.head());
  const result = await deps.model.generateObject({
    phase: 'validation',
    name: 'check-requirements',
    schema: requirementCheckSchema,
    system: REQUIREMENT_CHECK_INSTRUCTIONS,
    prompt: requirementCheckPrompt(deps.revision, diff, comparison),
  });
  const tasks = (state.tasks?.epics ?? [])
    .flatMap((e) => e.tasks)
    .map((t) => ({ id: t.id, requirements: t.requirements, files: t.files }));
  return reconcileRequirementChecks(deps.revision.draft.prd, result.object.checks, comparison.gates, {
    tasks,
    changedPaths: changes.map((c) => c.path),
  });
}

function fixTask(
  n: number,
  revision: PlanRevision,
  report: GateReport,
  comparison: BaselineComparison,
  requirements: RequirementTrace[],
): Task {
  const open = requirements.filter((r) => r.status !== 'met');
  const description = comparison.blocking
    ? gateFixDescription(report, comparison)
    : `Complete these requirements:\n${open.map((r) => `- ${r.id} ${r.title} (${r.status}): ${r.gaps || r.evidence}`).join('\n')}`;
  return {
    id: `fix-${n}`,
    title: comparison.blocking ? 'Fix the failing quality gates' : 'Complete unmet requirements',
    description,
    category: comparison.blocking ? 'testing' : 'general',
    dependsOn: [],
    files: [],
    acceptance: comparison.blocking
      ? ['every gate that passed before the change passes']
      : open.map((r) => `${r.id} is met`),
    requirements: comparison.blocking
      ? revision.draft.prd.requirements.map((r) => r.id)
      : open.map((r) => r.id),
  };
}

function failures(report: GateReport): number {
  return report.runs.reduce(
    (n, r) => n + (r.outcome === 'passed' ? 0 : Math.max(1, r.counts?.failed ?? 1)),
    0,
  );
}
