/**
 * What a CLI command may touch of its process: output streams, the environment, the working
 * directory and (for interactive planning) a line reader. Tests pass a fake; `main` passes the real one.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reads one line from the terminal; undefined when stdin is closed or not interactive. */
  readLine?(prompt: string): Promise<string | undefined>;
  isTTY: boolean;
}
