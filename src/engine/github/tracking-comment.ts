import { renderTrackingComment } from '../../core/report/render-tracking.js';
import {
  compactTrackingView,
  TRACKING_LAST_LINES,
  type TrackingView,
} from '../../core/report/tracking-view.js';
import { type Clock, systemClock } from '../../ports/clock-port.js';
import type { IssueHost } from '../../ports/issue-host-port.js';
import { type Logger, silentLogger } from '../../ports/logger-port.js';
import type { Progress } from '../../ports/progress-port.js';

export interface TrackingCommentOptions {
  host: IssueHost;
  issue: number;
  /** The first state of the comment (nothing is written until something changes or `flush`). */
  view: TrackingView;
  /**
   * More state to keep in the comment's marker with the view (the run state a resume needs),
   * read at each write so it is always the latest.
   */
  extra?: () => Record<string, unknown>;
  /** At most one write per window; the first change after a write opens it. Default 3000 ms. */
  debounceMs?: number;
  /** Stamps `updatedAt` on every change. */
  clock?: Clock;
  /**
   * Directories of this machine (the runner's temp, the checkout) whose absolute paths mean nothing
   * to someone reading the issue: shown relative to them in the comment. Longest first wins.
   */
  localRoots?: readonly string[];
  logger?: Logger;
}

/**
 * The one tracking comment of an issue, edited in place while the run goes (product.md §1 step 4
 * and 6). Progress events update the view and schedule a single debounced write, so a burst of
 * events costs one API call; writes never overlap; a failed write is logged and retried at the next
 * flush, never thrown into the run.
 */
export class TrackingComment implements Progress {
  readonly #host: IssueHost;
  readonly #issue: number;
  readonly #debounceMs: number;
  readonly #clock: Clock;
  readonly #logger: Logger;
  #view: TrackingView;
  /** Something changed since the last successful write. */
  #dirty = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: Promise<void> | undefined;

  readonly #extra: () => Record<string, unknown>;
  readonly #localRoots: readonly string[];
  constructor(options: TrackingCommentOptions) {
    this.#localRoots = [...(options.localRoots ?? [])]
      .map((root) => root.replace(/\/+$/, ''))
      .filter((root) => root.length > 1)
      .sort((a, b) => b.length - a.length);
    this.#host = options.host;
    this.#issue = options.issue;
    this.#view = compactTrackingView(options.view);
    this.#debounceMs = options.debounceMs ?? 3000;
    this.#extra = options.extra ?? (() => ({}));
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
  }

  /** The current view (a copy). */
  get view(): TrackingView {
    return structuredClone(this.#view);
  }

  phase(number: number, title: string): void {
    const phasesDone = new Set(this.#view.phasesDone);
    for (let n = 1; n < number; n++) phasesDone.add(n);
    this.#change({ phase: { number, title }, phasesDone: [...phasesDone] }, `Phase ${number}: ${title}`);
  }

  step(text: string): void {
    this.#change({}, `→ ${text}`);
  }

  done(text: string): void {
    this.#change({}, `✓ ${text}`);
  }

  warn(text: string): void {
    this.#change({}, `⚠ ${text}`);
  }

  /** Merges into the view and schedules a write. */
  update(patch: Partial<TrackingView>): void {
    this.#change(patch);
  }

  /** Writes now when something is pending; waits for a write in flight. Never throws. */
  async flush(): Promise<void> {
    this.#cancelTimer();
    while (this.#inFlight) await this.#inFlight;
    if (!this.#dirty) return;
    await this.#write();
  }

  /** The last update of the run (final status, PR, failure), written at once. */
  async finish(patch: Partial<TrackingView>): Promise<void> {
    this.update(patch);
    await this.flush();
  }

  #change(patch: Partial<TrackingView>, line?: string): void {
    const lastLines =
      line === undefined
        ? (patch.lastLines ?? this.#view.lastLines)
        : [...this.#view.lastLines, this.#shorten(line)];
    this.#view = compactTrackingView({
      ...this.#view,
      updatedAt: this.#clock.now().toISOString(),
      ...patch,
      lastLines: lastLines.slice(-TRACKING_LAST_LINES),
    });
    this.#dirty = true;
    this.#schedule();
  }

  /** `/home/runner/work/_temp/maestro-x/worktrees/T1/src/a.ts` → `T1/src/a.ts`. */
  #shorten(line: string): string {
    let shown = line;
    for (const root of this.#localRoots) shown = shown.split(`${root}/`).join('').split(root).join('.');
    return shown;
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, this.#debounceMs);
  }

  #cancelTimer(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Starts one write; the caller has made sure none is in flight. */
  #write(): Promise<void> {
    const view = this.#view;
    this.#dirty = false;
    const write = this.#send(view).finally(() => {
      this.#inFlight = undefined;
    });
    this.#inFlight = write;
    return write;
  }

  async #send(view: TrackingView): Promise<void> {
    try {
      await this.#host.upsertOwnComment(
        this.#issue,
        { kind: 'tracking', issue: this.#issue, status: view.status, data: { ...this.#extra(), view } },
        renderTrackingComment(view),
      );
    } catch (error) {
      this.#dirty = true;
      const reason = error instanceof Error ? error.message : String(error);
      this.#logger.warn(`Could not update the tracking comment on #${this.#issue} (will retry): ${reason}`);
    }
  }
}
