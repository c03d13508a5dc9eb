/**
 * Running a process. Always an argument array (`command` + `args`), never a shell string: no text
 * from an issue, a comment, config or a model is ever parsed by a shell (architecture decision 7).
 * The adapter starts the process in its own process group and kills the whole group on timeout,
 * caps captured output, and builds the environment from an allow-list plus `env` — it never
 * passes the orchestrator's environment (tokens, keys) through (decision 8).
 */
export interface CommandSpec {
  command: string;
  args: string[];
  cwd: string;
  /** Extra variables on top of the scrubbed base environment (PATH, HOME, LANG, TMPDIR, CI …). */
  env?: Record<string, string>;
  timeoutMs: number;
  /** Bytes kept of stdout and of stderr each (the tail is kept; default 1 MiB). */
  maxOutputBytes?: number;
  stdin?: string;
  signal?: AbortSignal;
  /**
   * The one directory a sandboxed process may write (a task worktree, or the checkout for gates);
   * its `.git` stays read-only. Required by a sandbox's shell, ignored by a plain one.
   */
  writable?: string;
  /** Paths outside `writable` a sandboxed process must still read (e.g. a CLI agent's prompt file). */
  readable?: string[];
}

export type CommandResult =
  | {
      kind: 'exited';
      exitCode: number;
      stdout: string;
      stderr: string;
      durationMs: number;
      truncated: boolean;
    }
  | { kind: 'timed-out'; stdout: string; stderr: string; durationMs: number; truncated: boolean }
  | { kind: 'aborted'; stdout: string; stderr: string; durationMs: number; truncated: boolean }
  | { kind: 'failed-to-start'; error: string };

export interface Shell {
  run(spec: CommandSpec): Promise<CommandResult>;
}
