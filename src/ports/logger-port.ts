/**
 * Where diagnostics go: the console in the CLI, Probot's logger in the App, `@actions/core` in the
 * Action. Nothing else in the engine writes to stdout/stderr.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything (tests and library use). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
