import type { PlanDrift } from '../plan/compare-task-preview.js';
import type { Decision } from '../plan/decision.js';
import type { StepRecord } from '../state/step-record.js';
import type { UsageTotals } from '../usage/usage-ledger.js';
import type { GateComparisonStatus, RequirementTrace } from './requirement-check.js';

/*
 * What the final report is rendered from. The shapes are structural on purpose: the gate runner,
 * the git workspace and the usage ledger each produce their own types, and these only name the
 * fields the report reads, so core/report depends on nothing outside core/.
 */

/** Why a run ended before finishing its work. */
export type StopReason =
  | 'budget'
  | 'wall-clock'
  | 'cancelled'
  | 'security'
  | 'step-failed'
  | 'plan-changed'
  /** Origin did not take the checkpoints (the branch moved, a rule or hook declined the push). */
  | 'push-rejected'
  | 'error';

export type RunOutcome =
  | { kind: 'completed' }
  /** Every task ran, but some failed or a gate is broken. */
  | { kind: 'completed-with-failures' }
  /** Ended early; `detail` is one line of context, e.g. the cap that was hit. */
  | { kind: 'stopped'; reason: StopReason; detail?: string };

export type TaskRunStatus = 'done' | 'failed' | 'skipped' | 'blocked';

/** The structured result every task ends with (product.md §4, "context between steps"). */
export interface TaskResult {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  readonly status: TaskRunStatus;
  /** What was done, in the executor's words (model text). */
  readonly summary: string;
  /** 0..1, the executor's own estimate. */
  readonly qualityScore?: number;
  readonly attempts: number;
  readonly checkpointSha?: string;
}

/** The task plan as the report draws it (a `TaskPlan` fits). */
export interface ReportTaskPlan {
  readonly epics: readonly {
    readonly id: string;
    readonly title: string;
    readonly tasks: readonly {
      readonly id: string;
      readonly title: string;
      readonly dependsOn: readonly string[];
    }[];
  }[];
}

/** One changed file (the git workspace's `FileChange`). */
export interface ReportFileChange {
  readonly path: string;
  readonly status: 'added' | 'modified' | 'deleted' | 'renamed';
  readonly additions: number;
  readonly deletions: number;
}

/** One run of one gate (the gate runner's `GateRun`; only what the report shows). */
export interface ReportGateRun {
  readonly outcome: 'passed' | 'failed' | 'timed-out' | 'error';
  readonly durationMs: number;
  readonly counts?: { readonly passed: number; readonly failed: number; readonly skipped: number };
  /** Names of failing tests or checks, as the gate printed them. */
  readonly failures: readonly string[];
}

/** One gate before (baseline) and after the change. */
export interface ReportGate {
  readonly name: string;
  /** The command, shown so a reviewer can rerun it. */
  readonly argv?: readonly string[];
  readonly status: GateComparisonStatus;
  /** Absent when the baseline could not run this gate. */
  readonly before?: ReportGateRun;
  /** Absent when the run stopped before the gate ran again. */
  readonly after?: ReportGateRun;
}

/** A checkpoint commit (the git workspace's `CheckpointCommit`). */
export interface ReportCheckpoint {
  readonly checkpoint: number;
  /** The task id, or `wip` / `rollback` / `fix-<n>`. */
  readonly task: string;
  readonly sha: string;
  readonly subject: string;
}

/** How often each recovery strategy of product.md §4 was used. */
export interface RecoveryCounts {
  readonly retry?: number;
  readonly 'alternative-approach'?: number;
  readonly 'conflict-rerun'?: number;
  readonly rollback?: number;
  readonly 'asked-human'?: number;
}

/** An action the policy refused. Payload-free: never the command line or content that was refused. */
export interface BlockedAction {
  /** e.g. `protected-path`, `command`, `network`. */
  readonly kind: string;
  /** What was attempted, in Maestro's words, e.g. "write to .github/workflows/ci.yml". */
  readonly what: string;
}

export interface FinalReportInput {
  readonly issue: { readonly number?: number; readonly title: string; readonly url?: string };
  readonly sessionId: string;
  readonly chain: string;
  readonly outcome: RunOutcome;
  /** ISO timestamps of the run. */
  readonly startedAt: string;
  readonly endedAt: string;
  readonly plan: ReportTaskPlan;
  /** One per task that ran or was given up on; a plan task without one counts as not run. */
  readonly tasks: readonly TaskResult[];
  /** From `reconcileRequirementChecks`, in PRD order. */
  readonly requirements: readonly RequirementTrace[];
  readonly decisions: readonly Decision[];
  /** Include each decision's rationale (`logging.include_rationale`); default true. */
  readonly includeRationale?: boolean;
  readonly changes: readonly ReportFileChange[];
  /** Per gate, baseline and after; empty when no gate ran. */
  readonly gates: readonly ReportGate[];
  /** Validation iterations used (fix rounds after the first gate run). */
  readonly iterations: number;
  readonly checkpoints: readonly ReportCheckpoint[];
  readonly recoveries: RecoveryCounts;
  readonly blockedActions: readonly BlockedAction[];
  /** Keys are model phases (`planning`, `implementation`, …). */
  readonly usage: {
    readonly byPhase: Readonly<Partial<Record<string, UsageTotals>>>;
    readonly total: UsageTotals;
  };
  /** How to continue, e.g. "`maestro resume abc123` locally, or `/maestro resume` on the issue". */
  readonly resumeHint: string;
  /** The chain's steps and what each did (absent in reports of older runs). */
  readonly steps?: readonly StepRecord[];
  /** How the executed tasks differ from the approved preview. */
  readonly planDrift?: PlanDrift;
  /** Where gates and agent commands ran (`off` is warned about in Known gaps). */
  readonly sandbox?: { readonly kind: 'bubblewrap' | 'off'; readonly summary: string };
}
