import type { CliIo } from './io.js';

/** Handed to every command factory: the process surface and a way to set the exit code. */
export interface CommandContext {
  io: CliIo;
  exit(code: number): void;
}
