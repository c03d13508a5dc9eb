import type { Shell } from './shell-port.js';

/**
 * Where model-written and repository code runs (architecture decision 9, security.md rule 11).
 * A clean environment is not enough: such code runs as the orchestrator's user, so without a
 * sandbox it reads Maestro's tokens from `/proc/<pid>/environ` and rewrites `.git/config`. The
 * sandbox's shell runs every command in its own PID namespace, without network (or through an
 * allow-listing proxy), with only the command's `writable` directory writable (its `.git` read-only),
 * a private `/tmp`, `$HOME` hidden, and everything it started gone when the command ends.
 */
export interface SandboxDescription {
  kind: 'bubblewrap' | 'off';
  /** One line for the report and the tracking comment, e.g. `bubblewrap: no network, …`. */
  summary: string;
}

export interface Sandbox {
  readonly description: SandboxDescription;
  /** Runs commands inside the sandbox; `CommandSpec.writable` names the one writable directory. */
  readonly shell: Shell;
  /** Stops what the sandbox runs beside it (the network proxy). */
  close(): Promise<void>;
}
