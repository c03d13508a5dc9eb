import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The `maestro` CLI as a real process (from source, through tsx's loader): what a user or a
 * script sees — the exit code, both streams, and what happens with no terminal on stdin.
 */
const ENTRY = join(process.cwd(), 'src', 'cli', 'entry.ts');
// tsx is resolved from this project, not from the temporary repository the process runs in.
const TSX = pathToFileURL(join(process.cwd(), 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `maestro <args>` with stdin at /dev/null (no terminal) and only the given environment. */
export function startMaestro(
  args: string[],
  cwd: string,
  env: Record<string, string | undefined>,
): ChildProcess {
  return spawn(process.execPath, ['--import', TSX, ENTRY, ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects what the process prints until it exits. */
export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function maestro(args: string[], cwd: string, env: Record<string, string | undefined> = {}) {
  return finished(startMaestro(args, cwd, env));
}
