import type { GateReport, GateRun } from '../../core/gates/gate-schema.js';
import { renderPlanDrift } from '../../core/plan/render-plan-drift.js';
import type { TrackingGate, TrackingTask, TrackingView } from '../../core/report/tracking-view.js';
import type { RunState } from '../../core/state/run-state.js';
import { taskLevelMap } from '../../core/tasks/task-levels.js';
import { buildTaskGraph } from '../../core/tasks/validate-task-graph.js';
import type { UsageLedger } from '../../core/usage/usage-ledger.js';
import type { SessionStore } from '../../ports/session-store-port.js';
import { planDriftOf } from '../steps/plan-drift.js';

/** The tasks of a run as the tracking comment lists them: by `[P:Group-k]` level, with status. */
export function trackingTasks(state: RunState, running: ReadonlySet<string> = new Set()): TrackingTask[] {
  if (!state.tasks) return [];
  const levels = taskLevelMap(buildTaskGraph(state.tasks));
  return state.tasks.epics.flatMap((epic) =>
    epic.tasks.map((task) => {
      const result = state.results[task.id]?.status;
      const status = result && result !== 'pending' ? result : running.has(task.id) ? 'running' : 'pending';
      // Levels are 0-based; the plan and the comment say `[P:Group-1]` for the first (groupLabel).
      return { id: task.id, title: task.title, group: (levels.get(task.id) ?? 0) + 1, status };
    }),
  );
}

/** Gate results before and after, by gate name. */
export function trackingGates(baseline: unknown, after: GateReport | undefined): TrackingGate[] {
  const before = isReport(baseline) ? baseline.runs : [];
  const names = [...new Set([...before.map((r) => r.name), ...(after?.runs ?? []).map((r) => r.name)])];
  return names.map((name) => {
    const b = before.find((r) => r.name === name);
    const a = after?.runs.find((r) => r.name === name);
    return {
      name,
      ...(b ? { baseline: outcome(b) } : {}),
      ...(a ? { current: outcome(a) } : {}),
      ...(a?.counts ? { summary: `${a.counts.passed} passed, ${a.counts.failed} failed` } : {}),
    };
  });
}

export function usageOf(ledger: UsageLedger): TrackingView['usage'] {
  const t = ledger.total();
  return { inputTokens: t.inputTokens, outputTokens: t.outputTokens, costUsd: t.costUsd };
}

/**
 * The session store the engine writes through, watched: every `run-state.json` the engine saves
 * (after each task and iteration) is also handed to `onState`, which keeps the tracking comment
 * and the state a resume needs up to date without the engine knowing about GitHub.
 */
export function observedStore(
  store: SessionStore,
  onState: (state: RunState) => void | Promise<void>,
): SessionStore {
  return {
    locate: (id) => store.locate(id),
    writeMetadata: (m) => store.writeMetadata(m),
    readMetadata: (id) => store.readMetadata(id),
    writeJson: async (id, name, value) => {
      await store.writeJson(id, name, value);
      if (name === 'run-state.json') await onState(value as RunState);
    },
    readJson: (id, name) => store.readJson(id, name),
    writeText: (id, name, text) => store.writeText(id, name, text),
    appendLog: (id, line) => store.appendLog(id, line),
    list: () => store.list(),
  };
}

function outcome(run: GateRun): 'pass' | 'fail' {
  return run.outcome === 'passed' ? 'pass' : 'fail';
}

function isReport(value: unknown): value is GateReport {
  return typeof value === 'object' && value !== null && Array.isArray((value as GateReport).runs);
}

/** The chain's steps and the plan drift, as the tracking comment shows them. */
export function trackingSteps(state: RunState): Pick<TrackingView, 'steps' | 'planDrift'> {
  const drift = planDriftOf(state.planDrift);
  return {
    steps: state.steps.map((s) => ({ id: s.id, status: s.status, summary: s.summary })),
    ...(drift ? { planDrift: renderPlanDrift(drift) } : {}),
  };
}

/** The checks on the PR head and the CI iterations used, once a CI fix ran. */
export function trackingCi(
  state: RunState,
  config: { ci: { max_fix_iterations: number } },
): Pick<TrackingView, 'ci'> {
  if (!state.ci) return {};
  return {
    ci: {
      iterations: state.ci.iterations,
      max: config.ci.max_fix_iterations,
      checks: state.ci.checks.map((c) => ({
        name: c.name,
        state: c.state,
        ...(c.url ? { url: c.url } : {}),
      })),
    },
  };
}
