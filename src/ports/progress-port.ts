/**
 * What a person watching the run sees: the seed's `[Maestro] Phase N: …` / `→ …` / `✓ …` lines in
 * the terminal, the tracking comment on GitHub. Distinct from Logger, which is for diagnostics.
 */
export interface Progress {
  phase(number: number, title: string): void;
  step(text: string): void;
  done(text: string): void;
  warn(text: string): void;
}

export const silentProgress: Progress = { phase() {}, step() {}, done() {}, warn() {} };
