import { type QualityGate, qualityGates } from '../config/config-schema.js';

/*
 * The vocabulary of Maestro's validation phase (product.md §4, architecture decision 6): a gate is
 * one of the repository's own checks, run by Maestro as a process; its outcome comes from the exit
 * status, never from a model's opinion. A baseline run before any change separates pre-existing
 * failures from the ones the change introduced (see `compare-baseline.ts`).
 */

/** The gates, named as in `validation.quality_gates`. */
export type GateName = QualityGate;

/** The order gates are detected, run and reported in: cheap and telling first. */
export const gateOrder: readonly GateName[] = qualityGates;

/** Where a gate's command came from, shown in reports so a maintainer knows what to change. */
export type GateSource =
  | 'config'
  | `package.json script "${string}"`
  | `Makefile target ${string}`
  | `detected ${string}`;

/** One gate to run: a program and its arguments, never a shell string. */
export interface GateSpec {
  name: GateName;
  argv: string[];
  source: GateSource;
  /** Directory to run in, relative to the repository root; the root when absent. */
  cwd?: string;
}

export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export type GateOutcome = 'passed' | 'failed' | 'timed-out' | 'error';

interface GateRunCommon {
  name: GateName;
  argv: string[];
  durationMs: number;
  /** Parsed from the runner's summary when it printed one Maestro recognises. */
  counts?: TestCounts;
  /** The last ~4 kB of output (ANSI codes stripped): what a fix task needs to see. */
  outputTail: string;
  /** Names of failing tests, when the runner's output names them; compared against the baseline. */
  failures: string[];
}

/**
 * One gate's result. `passed` and `failed` come from the exit status; `timed-out` means Maestro
 * stopped it at `gate_timeout_seconds`; `error` means it could not be run at all (`message` says why).
 */
export type GateRun = GateRunCommon &
  (
    | { outcome: 'passed'; exitCode?: number }
    | { outcome: 'failed'; exitCode?: number }
    | { outcome: 'timed-out'; exitCode?: undefined }
    | { outcome: 'error'; exitCode?: undefined; message: string }
  );

export interface GateReport {
  runs: GateRun[];
}
