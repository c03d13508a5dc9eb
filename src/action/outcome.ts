import type { RunResult } from '../engine/github/github-deps.js';
import type { ExecuteRequest, Handled } from '../engine/github/issue-events.js';

/** How one Action step ended: what the outputs, the job summary and the exit code are made from. */
export type ActionOutcome =
  /** The event was not one Maestro acts on (or not in this mode). */
  | { kind: 'nothing'; reason: string }
  /** The engine handled an issue event and nothing was executed in this step. */
  | { kind: 'handled'; handled: Handled }
  /**
   * An approved plan was executed: `request` came from the dispatch inputs or, when `handled` is
   * set, from the engine's answer to this event.
   */
  | { kind: 'executed'; request: ExecuteRequest; result: RunResult; handled?: Handled }
  /** The step could not run: bad inputs or environment, or an unexpected error. */
  | { kind: 'error'; message: string };

/**
 * The `status` output. Executions report the run's status (`pr-open`, `failed`, …); handled events
 * the engine's kind (`planned`, `replied`, …), except that an approval the plan job may not execute
 * itself is `approved`, which is what the example workflow's execute job waits for.
 */
export function statusOf(outcome: ActionOutcome): string {
  switch (outcome.kind) {
    case 'nothing':
      return 'ignored';
    case 'handled':
      return outcome.handled.kind === 'execute' ? 'approved' : outcome.handled.kind;
    case 'executed':
      return outcome.result.status;
    case 'error':
      return 'error';
  }
}

/** Why the job should fail, or undefined when it should pass. A cancelled run is the runner's to mark. */
export function failureOf(outcome: ActionOutcome): string | undefined {
  switch (outcome.kind) {
    case 'error':
      return outcome.message;
    case 'handled':
      return outcome.handled.kind === 'config-invalid'
        ? `.github/maestro.yml is invalid: ${outcome.handled.problem}`
        : undefined;
    case 'executed': {
      const { status, reasons } = outcome.result;
      if (status !== 'failed' && status !== 'refused') return undefined;
      return `Maestro run ${status}${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}`;
    }
    case 'nothing':
      return undefined;
  }
}
