/**
 * What a person watching the run sees: the seed's `[Maestro] Phase N: …` / `→ …` / `✓ …` lines in
 * the terminal, the tracking comment on GitHub. Distinct from Logger, which is for diagnostics.
 */
export interface Progress {
  phase(number: number, title: string): void;
  step(text: string): void;
  done(text: string): void;
  warn(text: string): void;
  /**
   * A task started or ended (phase 3, where several run at once): a terminal can keep one live
   * line per running task. Optional: the step/done lines already say the same in words.
   */
  task?(event: TaskEvent): void;
}

export interface TaskEvent {
  id: string;
  title: string;
  state: 'running' | 'ended';
}

export const silentProgress: Progress = { phase() {}, step() {}, done() {}, warn() {} };
