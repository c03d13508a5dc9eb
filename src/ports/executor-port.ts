import type { ReviewFinding } from '../core/chains/review-finding.js';
import type { Task } from '../core/tasks/task-schema.js';

/**
 * What the agent may change, set by the chain's step (never by the model):
 * - `read-write`: anything in the worktree outside the protected paths (feature, fix, refactor);
 * - `only`: only paths matching these picomatch globs (the test chain's test files, a release's
 *   version and changelog files); any other write is refused and listed as blocked;
 * - `read-only`: no write, edit, delete or command that changes files (review).
 */
export type ExecutorAccess =
  | { mode: 'read-write' }
  | { mode: 'only'; paths: readonly string[]; why: string }
  | { mode: 'read-only' };

/**
 * A coding agent that carries out one task inside one directory (a task's worktree). `builtin` is
 * Maestro's own tool loop on the model port; `command` runs any CLI agent with the prompt in a
 * file. Either way the agent holds no secrets, stays inside `workdir`, and only runs allowed
 * commands; the orchestrator — not the agent — commits, pushes and runs the gates.
 */
export interface ExecutorRequest {
  workdir: string;
  task: Task;
  /** Specialist instructions for the task's category, and the repository's own instructions. */
  instructions: string;
  /** The PRD excerpt, the task's acceptance, and results of the tasks it depends on. */
  context: string;
  /** Commands the agent may run, as argv prefixes (e.g. `['npm', 'test']`, `['git', 'diff']`). */
  allowedCommands: string[][];
  /** Globs the agent may not create, edit or delete (workflows, agent config, install scripts). */
  protectedPaths: string[];
  /** Absent means `read-write`. */
  access?: ExecutorAccess;
  timeoutMs: number;
  maxTurns: number;
  signal?: AbortSignal;
}

/** Something a non-model layer refused; listed in the report without echoing payloads. */
export interface BlockedAction {
  kind: 'path-escape' | 'protected-path' | 'command-not-allowed' | 'command-timeout' | 'other';
  /** Short, payload-free description, e.g. `write .github/workflows/x.yml`. */
  what: string;
}

export type ExecutorOutcome =
  | {
      kind: 'completed';
      /** What was done, max ~500 characters (the seed's `findings`). */
      summary: string;
      /** 0–10, the agent's own estimate (the seed's `quality_score`). */
      qualityScore?: number;
      /** Guidance for the tasks that depend on this one (the seed's `hints_for_next`). */
      hints: string;
      /** Review findings, when the agent reported any (the review chain asks for them). */
      findings?: ReviewFinding[];
      /** The agent printed no structured report; `summary` is its raw output's tail (the seed's E004). */
      rawOutput?: true;
      blocked: BlockedAction[];
    }
  | { kind: 'failed'; reason: string; transient: boolean; blocked: BlockedAction[] }
  | { kind: 'timed-out'; summary: string; blocked: BlockedAction[] }
  | { kind: 'needs-human'; question: string; blocked: BlockedAction[] };

export interface Executor {
  readonly kind: 'builtin' | 'command';
  run(request: ExecutorRequest): Promise<ExecutorOutcome>;
}
