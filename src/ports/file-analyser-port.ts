/** One file's content to analyse. */
export interface AnalysisJob {
  /** Repository-relative path: it picks the language rules. */
  path: string;
  content: Uint8Array;
}

/**
 * Analyses file contents, possibly off the calling thread. A cold discovery is mostly this CPU
 * work (tokenising, symbols, imports, string literals of every file), so a host that may use
 * worker threads supplies a pool; tests and small runs use discovery's in-process default. `T` is
 * discovery's `FileAnalysis` (ports know nothing of discovery's types).
 */
export interface FileAnalyser<T> {
  /**
   * Results in the order of `jobs`. `total` is how many files this run will analyse in all, so an
   * implementation can judge whether starting threads pays off.
   */
  analyse(jobs: readonly AnalysisJob[], total: number): Promise<T[]>;
  /**
   * The run has nothing more to analyse: an implementation holding threads may end them now instead
   * of after its idle time (at 100k files their heaps were a quarter of the cold run's peak, which
   * comes later, while the index is built and saved).
   */
  release?(): void;
}

/**
 * The messages between a pool and its analysis threads (src/adapters/local/analysis-worker.ts): one batch
 * with every file's content back to back in `buffer` (transferred, not copied) …
 */
export interface AnalysisRequest {
  id: number;
  paths: string[];
  /** End offset of each file's content in `buffer`; a file starts where the previous one ended. */
  ends: number[];
  buffer: ArrayBuffer;
}

/** … and the thread's answer: the results in the order of `paths`, or why the batch failed. */
export type AnalysisReply<T> = { id: number; results: T[] } | { id: number; error: string };
