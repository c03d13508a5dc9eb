import type { ChainDefinition, ChainStep } from '../../core/chains/chains.js';
import type { RunState, RunStop } from '../../core/state/run-state.js';
import type { StepRecord } from '../../core/state/step-record.js';
import type { ExecutorAccess } from '../../ports/executor-port.js';
import type { ExecuteDeps, ExecuteInput } from '../execute-plan.js';
import type { TaskRunnerDeps } from '../phases/task-runner.js';
import type { Validation } from '../phases/validate.js';

/** Everything a step handler may use: the run's input and ports, its state, and the steps so far. */
export interface StepContext {
  readonly input: ExecuteInput;
  readonly deps: ExecuteDeps;
  readonly state: RunState;
  readonly chain: ChainDefinition;
  readonly step: ChainStep;
  /** Writes `run-state.json` (and the checkpoints) now. */
  save(): Promise<void>;
  /** A cap, a cancellation: a reason to stop before the next unit of work. */
  shouldStop(): RunStop | undefined;
  /** Task-runner deps whose agents get `access` (the step's `writes`, resolved to paths). */
  runner(access: ExecutorAccess): TaskRunnerDeps;
  /** The seed's "Context from Previous Steps": what the earlier steps found and hinted. */
  previousSteps(): string;
  /** The earlier steps' records, oldest first. */
  records(): readonly StepRecord[];
  /** The last validation, for the report (set by the steps that run the gates after a change). */
  readonly last: { validation: Validation };
}

/** What a step handler returns; the runner records it and decides whether the chain goes on. */
export type StepOutcome =
  /** The step did what it promises; `record` adds what the report shows. */
  | { kind: 'done'; record?: Partial<StepRecord> }
  /** The chain's promise does not hold (a red baseline for refactor, a reproducing test still red): the run stops. */
  | { kind: 'failed'; detail: string; record?: Partial<StepRecord> }
  /** A cap, a cancellation, a security stop or a question for a human, from the work inside the step. */
  | { kind: 'stopped'; stop: RunStop; record?: Partial<StepRecord> };

export type StepHandler = (ctx: StepContext) => Promise<StepOutcome>;
