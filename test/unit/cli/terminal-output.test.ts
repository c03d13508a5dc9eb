import { stripVTControlCharacters } from 'node:util';
import { createLogUpdate } from 'log-update';
import { describe, expect, it } from 'vitest';
import { wantsColour } from '../../../src/cli/terminal/colour.js';
import { renderMarkdownForTerminal } from '../../../src/cli/terminal/render-markdown.js';
import { taskViewProgress } from '../../../src/cli/terminal/task-view.js';
import { terminalOutput } from '../../../src/cli/terminal/terminal-output.js';
import { fakeIo } from '../../support/fake-io.js';

/** Issue 13, item 10: the plan and report rendered for a terminal, and a live view of running tasks. */

const ESC = '\u001B[';
const plan = [
  '## 🎼 Maestro plan — revision 1 · `abc123`',
  '',
  '**Chain:** `feature` · **Status:** ready for approval',
  '',
  '### Questions',
  '',
  '| | Question | Answer |',
  '|---|---|---|',
  `| Q1 | ${'Should characters be counted as code points or as UTF-16 units? '.repeat(2)}<br><sub>why</sub> | _Assumed if nobody answers:_ Code points |`,
  '',
  '- **R1 — Count lines** _(must)_',
].join('\n');

describe('wantsColour', () => {
  const tty = { stdoutIsTTY: true };
  it.each([
    [{ ...tty, env: {} }, undefined, true],
    [{ stdoutIsTTY: false, env: {} }, undefined, false],
    [{ ...tty, env: { NO_COLOR: '1' } }, undefined, false],
    [{ ...tty, env: {} }, false, false],
    [{ stdoutIsTTY: false, env: { FORCE_COLOR: '1' } }, undefined, true],
    [{ ...tty, env: { FORCE_COLOR: '0' } }, undefined, false],
    [{ ...tty, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }, undefined, false],
    [{ ...tty, env: { TERM: 'dumb' } }, undefined, false],
  ])('%j with --color=%s → %s', (io, flag, expected) => {
    expect(wantsColour(io, flag)).toBe(expected);
  });
});

describe('renderMarkdownForTerminal', () => {
  it('draws headings, bold and tables with no markdown syntax left, every line within the width', async () => {
    const out = await renderMarkdownForTerminal(plan, { colour: false, width: 60 });
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('**');
    expect(out).not.toContain('|---');
    expect(out).not.toContain('<br>');
    expect(out).toContain('R1 — Count lines (must)');
    expect(out).toContain('┌');
    for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(60);
  });

  it('draws a table that already fits at its own width', async () => {
    const out = await renderMarkdownForTerminal('| a | b |\n|---|---|\n| 1 | 2 |\n', {
      colour: false,
      width: 100,
    });
    expect(out).toContain('│ a │ b │');
  });

  it('colours with ANSI styles when asked, and the text is the same without them', async () => {
    const plain = await renderMarkdownForTerminal(plan, { colour: false, width: 80 });
    const coloured = await renderMarkdownForTerminal(plan, { colour: true, width: 80 });
    expect(coloured).toContain(ESC);
    expect(stripVTControlCharacters(coloured)).toBe(plain);
  });
});

describe('terminalOutput', () => {
  it('leaves markdown as markdown for a pipe (the text to keep), and renders it for a terminal', async () => {
    const piped = fakeIo({ cwd: '/' });
    await terminalOutput(piped.io, {}).markdown(plan);
    expect(piped.stdout).toContain('| Q1 |');

    const terminal = fakeIo({ cwd: '/', env: { NO_COLOR: '1' } });
    await terminalOutput({ ...terminal.io, stdoutIsTTY: true, columns: 70 }, {}).markdown(plan);
    expect(terminal.stdout).not.toContain('| Q1 |');
    expect(terminal.stdout).not.toContain(ESC);
    expect(terminal.stdout).toContain('│ Q1');
  });

  it('with --json sends everything for people to stderr and prints only the result on stdout', async () => {
    const run = fakeIo({ cwd: '/' });
    const output = terminalOutput({ ...run.io, stdoutIsTTY: true }, { json: true });
    await output.markdown(plan);
    (await output.progress()).step('working');
    output.result({ code: 0 });
    expect(JSON.parse(run.stdout)).toEqual({ code: 0 });
    expect(run.stderr).toContain('| Q1 |');
    expect(run.stderr).toContain('[Maestro]   → working');
  });
});

describe('taskViewProgress', () => {
  it('in a terminal keeps one redrawn line per running task with its elapsed time, under the log lines', () => {
    let written = '';
    let now = 0;
    const stream = {
      write: (s: string) => {
        written += s;
        return true;
      },
      columns: 100,
      rows: 30,
      isTTY: true,
    };
    const write = (s: string) => void stream.write(s);
    const redraw = createLogUpdate(stream as unknown as NodeJS.WriteStream, { showCursor: true });
    const logged: string[] = [];
    const progress = taskViewProgress({ write, redraw, onLine: (l) => logged.push(l), now: () => now });
    const screen = () => stripVTControlCharacters(written.slice(written.lastIndexOf(`${ESC}G`)));

    progress.task?.({ id: 'T1', title: 'Add countLines', state: 'running' });
    now = 3_000;
    progress.task?.({ id: 'T2', title: 'Add countChars', state: 'running' });
    now = 12_000;
    progress.step('Task T3 waits for T1');
    expect(written).toContain('[Maestro]   → Task T3 waits for T1\n');
    expect(screen()).toContain(
      '[Maestro]   ⏵ T1 Add countLines · 12 s\n[Maestro]   ⏵ T2 Add countChars · 9 s',
    );

    progress.task?.({ id: 'T1', title: 'Add countLines', state: 'ended' });
    expect(screen()).not.toContain('T1 Add countLines');
    expect(screen()).toContain('T2 Add countChars · 9 s');
    progress.task?.({ id: 'T2', title: 'Add countChars', state: 'ended' });
    progress.close();
    // The live block is never part of the session's log.
    expect(logged).toEqual(['[Maestro]   → Task T3 waits for T1']);
  });

  it('without a terminal prints plain lines only: no escape codes, no redrawn block', () => {
    let written = '';
    const progress = taskViewProgress({
      write: (s) => {
        written += s;
      },
    });
    progress.task?.({ id: 'T1', title: 'Add countLines', state: 'running' });
    progress.done('Checkpoint 1: T1 Add countLines (abc1234)');
    progress.task?.({ id: 'T1', title: 'Add countLines', state: 'ended' });
    progress.close();
    expect(written).toBe('[Maestro] ✓ Checkpoint 1: T1 Add countLines (abc1234)\n');
  });
});
