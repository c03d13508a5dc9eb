import { styleText } from 'node:util';
import type { Progress, TaskEvent } from '../../ports/progress-port.js';

/** The part of log-update's `createLogUpdate(stream)` this view uses: draw a frame, erase it. */
export interface Redraw {
  (text: string): void;
  clear(): void;
  done(): void;
}

export interface TaskViewOptions {
  /** Where lines go (the CLI's stdout). */
  write(text: string): void;
  /** Every progress line, for the session's execution log (the live block is never logged). */
  onLine?(line: string): void;
  /** A redrawable block under the lines (a terminal); absent: plain lines only (a pipe, CI). */
  redraw?: Redraw;
  colour?: boolean;
  now?: () => number;
  /** How often the elapsed times are redrawn. */
  tickMs?: number;
}

export type TaskViewProgress = Progress & { close(): void };

/**
 * The seed's `[Maestro] …` lines, and in a terminal a live block under them while tasks run in
 * parallel: one line per running task with its elapsed time, redrawn every second and erased when
 * the last task ends. Without a terminal the lines are all there is (the step and checkpoint
 * lines already name each task as it starts and ends).
 */
export function taskViewProgress(options: TaskViewOptions): TaskViewProgress {
  const now = options.now ?? Date.now;
  const { redraw } = options;
  const running = new Map<string, { title: string; since: number }>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const dim = (text: string) => (options.colour ? styleText('dim', text, { validateStream: false }) : text);

  const frame = () =>
    [...running.entries()]
      .map(([id, t]) => `[Maestro]   ⏵ ${id} ${t.title} ${dim(`· ${formatElapsed(now() - t.since)}`)}`)
      .join('\n');
  const draw = () => {
    if (!redraw) return;
    if (running.size === 0) redraw.clear();
    else redraw(frame());
  };
  const emit = (line: string) => {
    options.onLine?.(line);
    if (redraw && running.size > 0) {
      // The line goes above the live block: erase the block, print the line, draw it again.
      redraw.clear();
      options.write(`${line}\n`);
      draw();
    } else options.write(`${line}\n`);
  };
  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const onTask = (event: TaskEvent) => {
    if (!redraw) return;
    if (event.state === 'running') running.set(event.id, { title: event.title, since: now() });
    else running.delete(event.id);
    if (running.size > 0 && !timer) {
      timer = setInterval(draw, options.tickMs ?? 1000);
      timer.unref();
    }
    if (running.size === 0) stopTimer();
    draw();
  };
  return {
    phase: (n, title) => emit(`[Maestro] Phase ${n}: ${title}`),
    step: (text) => emit(`[Maestro]   → ${text}`),
    done: (text) => emit(`[Maestro] ✓ ${text}`),
    warn: (text) => emit(`[Maestro] ⚠ ${text}`),
    task: onTask,
    close: () => {
      stopTimer();
      running.clear();
      redraw?.clear();
      redraw?.done();
    },
  };
}

/** `7 s`, `2 min 05 s`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
