import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { CommandResult, CommandSpec, Shell } from '../../ports/shell-port.js';
import { scrubbedEnv } from './scrubbed-env.js';
import { TailBuffer } from './tail-buffer.js';

const defaultMaxOutputBytes = 1024 * 1024;

export interface SpawnShellOptions {
  /** How long a process group gets between SIGTERM and SIGKILL. */
  killGraceMs?: number;
  /** Where the allow-listed base environment comes from (tests plant canaries here). */
  parentEnv?: NodeJS.ProcessEnv;
}

/**
 * The `Shell` port on `child_process.spawn`: argv only (`shell: false`), its own process group
 * (`detached`) so a timeout or abort kills everything the command started — a hung `npm test`
 * leaves no grandchildren behind — and a scrubbed environment.
 */
export class SpawnShell implements Shell {
  readonly #killGraceMs: number;
  readonly #parentEnv: NodeJS.ProcessEnv;

  constructor(options: SpawnShellOptions = {}) {
    this.#killGraceMs = options.killGraceMs ?? 2000;
    this.#parentEnv = options.parentEnv ?? process.env;
  }

  run(spec: CommandSpec): Promise<CommandResult> {
    const started = performance.now();
    const stdout = new TailBuffer(spec.maxOutputBytes ?? defaultMaxOutputBytes);
    const stderr = new TailBuffer(spec.maxOutputBytes ?? defaultMaxOutputBytes);
    const captured = () => ({
      stdout: stdout.text(),
      stderr: stderr.text(),
      durationMs: Math.round(performance.now() - started),
      truncated: stdout.truncated || stderr.truncated,
    });
    if (spec.signal?.aborted) return Promise.resolve({ kind: 'aborted', ...captured() });

    return new Promise((resolve) => {
      let ending: 'timed-out' | 'aborted' | undefined;
      let settled = false;
      const timers: NodeJS.Timeout[] = [];
      let child: ChildProcess;
      try {
        child = spawn(spec.command, spec.args, {
          cwd: spec.cwd,
          env: scrubbedEnv(spec.env, this.#parentEnv),
          detached: true,
          shell: false,
          windowsHide: true,
          stdio: [spec.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        });
      } catch (error) {
        // Invalid arguments (e.g. a NUL byte) throw synchronously.
        const code = (error as NodeJS.ErrnoException).code ?? 'invalid arguments';
        return resolve({ kind: 'failed-to-start', error: `${spec.command}: ${code}` });
      }
      const finish = (result: CommandResult) => {
        if (settled) return;
        settled = true;
        for (const timer of timers) clearTimeout(timer);
        spec.signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const killGroup = (signal: NodeJS.Signals) => {
        if (child.pid === undefined) return;
        try {
          process.kill(-child.pid, signal);
        } catch {
          // ESRCH: the group is already gone.
        }
      };
      const stop = (reason: 'timed-out' | 'aborted') => {
        ending ??= reason;
        killGroup('SIGTERM');
        timers.push(setTimeout(() => killGroup('SIGKILL'), this.#killGraceMs).unref());
      };
      const onAbort = () => stop('aborted');

      child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.stdin?.on('error', () => {
        // EPIPE: the program did not read its input; its exit status says the rest.
      });
      child.stdin?.end(spec.stdin);
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (child.pid !== undefined) return;
        // Only the program name: arguments may carry untrusted text.
        finish({ kind: 'failed-to-start', error: `${spec.command}: ${error.code ?? error.message}` });
      });
      child.on('exit', () => {
        // Background processes the command left in its group would hold the pipes open: end them too.
        killGroup('SIGTERM');
        timers.push(setTimeout(() => killGroup('SIGKILL'), this.#killGraceMs).unref());
        timers.push(
          setTimeout(() => {
            child.stdout?.destroy();
            child.stderr?.destroy();
          }, this.#killGraceMs * 2).unref(),
        );
      });
      child.on('close', (code, signal) => {
        if (ending) return finish({ kind: ending, ...captured() });
        finish({ kind: 'exited', exitCode: code ?? signalExitCode(signal), ...captured() });
      });
      timers.push(setTimeout(() => stop('timed-out'), spec.timeoutMs));
      spec.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** A process killed by a signal has no exit code; use the shell convention 128 + signal number. */
function signalExitCode(signal: NodeJS.Signals | null): number {
  if (signal === null) return 1;
  return 128 + (constants.signals[signal] ?? 0);
}
