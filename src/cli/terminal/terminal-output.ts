import type { CliIo } from '../io.js';
import { wantsColour } from './colour.js';
import { renderMarkdownForTerminal } from './render-markdown.js';
import { type TaskViewProgress, taskViewProgress } from './task-view.js';

/**
 * How a command shows its results: markdown rendered for a terminal (or left as markdown for a
 * pipe or a file, where it is the text to keep), and progress with a live task view in a terminal.
 * With `--json`, everything for people goes to stderr and stdout is kept for the one JSON result.
 */
export interface TerminalOutput {
  /** The CLI surface for people: stderr when `--json`, else stdout. */
  human: CliIo;
  colour: boolean;
  markdown(text: string): Promise<void>;
  progress(onLine?: (line: string) => void): Promise<TaskViewProgress>;
  /** The command's result as one JSON document on stdout (only with `--json`). */
  result(value: unknown): void;
}

export interface OutputFlags {
  json?: boolean;
  /** commander's `--no-color`: false when given. */
  color?: boolean;
}

export function terminalOutput(io: CliIo, flags: OutputFlags): TerminalOutput {
  const json = Boolean(flags.json);
  const human: CliIo = json ? { ...io, stdout: io.stderr, stdoutIsTTY: false } : io;
  const colour = !json && wantsColour(io, flags.color);
  // Rendered for a terminal, or when colour is forced; a pipe gets the markdown itself.
  const render = !json && (Boolean(io.stdoutIsTTY) || colour);
  // A pseudo-terminal can report 0 columns: then $COLUMNS, then a common width.
  const width = io.columns || Number(io.env.COLUMNS) || 100;
  return {
    human,
    colour,
    async markdown(text) {
      const shown = render ? await renderMarkdownForTerminal(text, { colour, width }) : text;
      human.stdout(`\n${shown.trimEnd()}\n\n`);
    },
    async progress(onLine) {
      const write = human.stdout;
      if (!io.stdoutIsTTY || json) return taskViewProgress({ write, onLine, colour });
      const { createLogUpdate } = await import('log-update');
      // log-update draws through our stdout (so the redactor still sees every byte) and leaves the cursor alone.
      const stream = { write: (s: string) => write(s), columns: width, isTTY: true };
      const redraw = createLogUpdate(stream as unknown as NodeJS.WriteStream, { showCursor: true });
      return taskViewProgress({ write, onLine, colour, redraw });
    },
    result(value) {
      if (json) io.stdout(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
}
