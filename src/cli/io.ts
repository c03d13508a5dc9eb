/**
 * What a CLI command may touch of its process: output streams, the environment, the working
 * directory and (for interactive planning) a line reader. Tests pass a fake; `main` passes the real one.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /**
   * Reads one line from the terminal; undefined when stdin is closed. Absent when there is no
   * terminal to ask (stdin is not a TTY): a command that needs answers refuses at once.
   */
  readLine?(prompt: string): Promise<string | undefined>;
  isTTY: boolean;
  /** stdout is a terminal: colour and a redrawn task view are possible (see terminal/colour.ts). */
  stdoutIsTTY?: boolean;
  /** The terminal's width, for tables that fit; undefined when stdout is not a terminal. */
  columns?: number;
}
