import type { ReviewFinding } from '../../core/chains/review-finding.js';
import type { BlockedAction, ExecutorAccess } from '../../ports/executor-port.js';
import type { Shell } from '../../ports/shell-port.js';
import type { PathAccess, WorkspaceGuard } from './workspace-guard.js';

/** What a tool returns: text for the model, and `finish`'s report when the agent is done. */
export interface ToolOutcome {
  output: string;
  isError?: boolean;
  finish?: { summary: string; qualityScore: number; hints: string; findings?: ReviewFinding[] };
}

export type AllowedPath =
  | { kind: 'allowed'; absolute: string; relative: string }
  | { kind: 'refused'; outcome: ToolOutcome };

/** Everything a tool may touch for one task; built by the executor, shared by all its tool calls. */
export interface ToolContext {
  /** The workdir's real path; tool output names files relative to it. */
  root: string;
  shell: Shell;
  /** What the step may change (the guard enforces it; tools use it to explain refusals). */
  access: ExecutorAccess;
  allowedCommands: string[][];
  /** The timeout for the next command (the per-command limit, clipped to the task's remaining time). */
  commandTimeoutMs(): number;
  signal?: AbortSignal;
  /** Checks a path with the guard, recording a refusal as a blocked action. */
  allow(path: string, access: PathAccess): Promise<AllowedPath>;
  record(blocked: BlockedAction): void;
  /** Called before a command starts: what commands change is checked once the task ends. */
  noteCommandRun(): void;
  commandsRun(): number;
}

export function createToolContext(input: {
  root: string;
  guard: WorkspaceGuard;
  shell: Shell;
  access: ExecutorAccess;
  allowedCommands: string[][];
  commandTimeoutMs: () => number;
  signal?: AbortSignal;
  blocked: BlockedAction[];
}): ToolContext {
  const record = (blocked: BlockedAction) => {
    input.blocked.push(blocked);
  };
  let commands = 0;
  return {
    root: input.root,
    shell: input.shell,
    access: input.access,
    allowedCommands: input.allowedCommands,
    commandTimeoutMs: input.commandTimeoutMs,
    ...(input.signal ? { signal: input.signal } : {}),
    record,
    noteCommandRun: () => {
      commands += 1;
    },
    commandsRun: () => commands,
    async allow(path, access) {
      const decision = await input.guard.check(path, access);
      if (decision.kind === 'allowed') return decision;
      record(decision.blocked);
      return {
        kind: 'refused',
        outcome: { output: `refused: ${decision.reason}. This was recorded.`, isError: true },
      };
    },
  };
}
