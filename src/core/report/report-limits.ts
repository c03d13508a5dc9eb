/**
 * How much detail the final report may show. `renderFinalReport` tries each level in turn until
 * the body fits GitHub's limit; the order is the order of what a reviewer misses least (product.md
 * §6: the report stays under 65,536 characters, always).
 */
export interface ReportLimits {
  /** Changed files listed per group (created / modified / deleted); the rest are only counted. */
  maxFilesPerGroup: number;
  /** Characters of evidence and of gaps per requirement. */
  evidenceChars: number;
  /** Whether the Mermaid task graph is drawn (it grows with every task and edge). */
  mermaid: boolean;
  /** Characters of each task summary; 0 leaves summaries out. */
  summaryChars: number;
  /** Rows of the long tables (tasks, checkpoints, requirements, decisions); the rest are counted. */
  maxRows: number;
}

// Even the first level caps model text: no reviewer reads a 100 kB task summary in a PR body, and
// rendering it several times while shrinking would cost more than the report is worth.
const full: ReportLimits = {
  maxFilesPerGroup: 1_000,
  evidenceChars: 1_000,
  mermaid: true,
  summaryChars: 1_000,
  maxRows: 2_000,
};

export const reportLimitLevels: readonly ReportLimits[] = [
  full,
  { ...full, maxFilesPerGroup: 100 },
  { ...full, maxFilesPerGroup: 100, evidenceChars: 280 },
  { ...full, maxFilesPerGroup: 100, evidenceChars: 280, mermaid: false },
  { ...full, maxFilesPerGroup: 100, evidenceChars: 280, mermaid: false, summaryChars: 160 },
  { maxFilesPerGroup: 25, evidenceChars: 120, mermaid: false, summaryChars: 0, maxRows: 100 },
];
