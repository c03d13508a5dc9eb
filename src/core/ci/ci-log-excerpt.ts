import { stripAnsi } from '../gates/parse-test-summary.js';

/** GitHub Actions prefixes every log line with an ISO timestamp. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z ?/;
/** The first line that looks like the failure: Actions' own marker first, then runners' words. */
const ERROR_MARKERS = [
  /##\[error\]/,
  /\b(?:error|Error|ERROR)\b[:\s]/,
  /\b(?:FAIL|FAILED|failed)\b|✗|✖|×|not ok \d/,
];

/**
 * The part of a failed job's log a fix needs: from a little before the first error to at most
 * `maxLines` lines, timestamps and colour codes removed. A log with no recognisable error gives
 * its last `maxLines` lines (the end is where runners print their summary).
 */
export function logExcerpt(log: string, maxLines = 200): string {
  const lines = stripAnsi(log)
    .split(/\r?\n/)
    .map((line) => line.replace(TIMESTAMP, ''));
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  const first = firstError(lines);
  if (first === undefined) return lines.slice(-maxLines).join('\n');
  const start = Math.max(0, first - Math.min(20, Math.floor(maxLines / 10)));
  return lines.slice(start, start + maxLines).join('\n');
}

function firstError(lines: readonly string[]): number | undefined {
  for (const marker of ERROR_MARKERS) {
    const index = lines.findIndex((line) => marker.test(line));
    if (index >= 0) return index;
  }
  return undefined;
}
