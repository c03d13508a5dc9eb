import type { CliIo } from './io.js';

/**
 * The real process behind `CliIo`. A reader that went away (`maestro sessions | head`) closes
 * stdout with EPIPE: the rest of the output is dropped quietly instead of crashing with a stack.
 * Questions are read only from a terminal: without one, `readLine` is absent and a command that
 * needs answers says so at once instead of waiting on a closed stdin.
 */
export function processIo(): CliIo {
  const stdout = quietOnEpipe(process.stdout);
  const stderr = quietOnEpipe(process.stderr);
  return {
    stdout,
    stderr,
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    columns: process.stdout.columns,
    readLine: process.stdin.isTTY ? readTerminalLine : undefined,
  };
}

async function readTerminalLine(prompt: string): Promise<string | undefined> {
  // Loaded on the first question: most runs ask none, and every command starts with this module.
  const { createInterface } = await import('node:readline/promises');
  // Prompts go to stderr, so `--json` keeps stdout to the result alone.
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // A terminal's Ctrl-C reaches readline as a key, not a signal: raise it as the signal it means.
  // The question stays pending: the signal's handler (or its default action) ends the process.
  rl.once('SIGINT', () => process.kill(process.pid, 'SIGINT'));
  try {
    return await rl.question(prompt);
  } catch {
    return undefined;
  } finally {
    rl.close();
  }
}

function quietOnEpipe(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}
