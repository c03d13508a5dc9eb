import { stripAnsi } from './parse-test-summary.js';

/**
 * The total coverage percentage a coverage run printed, for the report (`coverage 82.5% → 85.71%`).
 * Line coverage where the tool reports it, statement coverage otherwise. Recognised: the istanbul
 * text table (nyc, c8, jest, vitest, bun), istanbul's text-summary, node's built-in
 * `--experimental-test-coverage` table, coverage.py and pytest-cov, go test and `go tool cover
 * -func`, and cargo-tarpaulin. Undefined when none is found: a guess would be worse than no number.
 */
export function parseCoverageTotal(output: string): number | undefined {
  const lines = stripAnsi(output).split('\n');
  for (const parse of PARSERS) {
    const value = parse(lines);
    if (value !== undefined) return Math.round(value * 100) / 100;
  }
  return undefined;
}

type Parser = (lines: readonly string[]) => number | undefined;

const PERCENT = String.raw`(\d+(?:\.\d+)?)`;

/**
 * `File | % Stmts | % Branch | % Funcs | % Lines | …` then `All files | 85.71 | …` (istanbul, and
 * bun without a statements column), or node's `file | line % | …` then `all files | 85.71 | …`
 * behind a `# ` (TAP) or `ℹ ` (spec reporter). The header names the lines column; without one the
 * first number is taken, which is statements in istanbul and lines in node.
 */
const table: Parser = (lines) => {
  let header: string[] = [];
  let total: number | undefined;
  for (const line of lines) {
    const cells = line
      .replace(/^\s*(?:#|ℹ)\s?/, '')
      .split('|')
      .map((c) => c.trim());
    if (cells.length < 2) continue;
    if (/^file(?:name)?$/i.test(cells[0]!)) header = cells;
    else if (/^all files$/i.test(cells[0]!)) total = totalCell(cells, header) ?? total;
  }
  return total;
};

function totalCell(cells: readonly string[], header: readonly string[]): number | undefined {
  const linesColumn = header.findIndex((h) => /^(?:% ?lines?|lines? ?%)$/i.test(h));
  const named = linesColumn > 0 ? percentOf(cells[linesColumn]) : undefined;
  return (
    named ??
    cells
      .slice(1)
      .map(percentOf)
      .find((v) => v !== undefined)
  );
}

/** istanbul text-summary: `Lines        : 85.71% ( 6/7 )`, or `Statements` when lines are absent. */
const textSummary: Parser = (lines) =>
  lastMatch(lines, new RegExp(String.raw`^\s*Lines\s*:\s*${PERCENT}%\s*\(`)) ??
  lastMatch(lines, new RegExp(String.raw`^\s*Statements\s*:\s*${PERCENT}%\s*\(`));

/** `TOTAL   100   10   90%` (branch coverage adds two count columns); the percentage ends the line. */
const coveragePy: Parser = (lines) =>
  lastMatch(lines, new RegExp(String.raw`^TOTAL(?:\s+\d+)+\s+${PERCENT}%\s*$`));

/**
 * `go tool cover -func` ends with `total: (statements) 80.0%`, the whole module's figure. Without
 * it, `go test -cover` prints one `coverage: X% of statements` per package; averaging those would
 * weigh a tiny package like a large one, so the last one printed is the best available.
 */
const goTotal: Parser = (lines) =>
  lastMatch(lines, new RegExp(String.raw`^total:\s+\(statements\)\s+${PERCENT}%`));
const goPackages: Parser = (lines) => lastMatch(lines, new RegExp(`coverage: ${PERCENT}% of statements`));

/** cargo-tarpaulin: `85.71% coverage, 6/7 lines covered`. */
const tarpaulin: Parser = (lines) =>
  lastMatch(lines, new RegExp(String.raw`^\s*${PERCENT}% coverage, \d+/\d+ lines covered`));

// The whole-run totals before the per-package lines, so a `go tool cover -func` total wins.
const PARSERS: readonly Parser[] = [table, textSummary, coveragePy, goTotal, tarpaulin, goPackages];

function lastMatch(lines: readonly string[], pattern: RegExp): number | undefined {
  let found: number | undefined;
  for (const line of lines) {
    const value = percentOf(pattern.exec(line)?.[1]);
    if (value !== undefined) found = value;
  }
  return found;
}

function percentOf(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+(?:\.\d+)?%?$/.test(text)) return undefined;
  const value = Number.parseFloat(text);
  return value <= 100 ? value : undefined;
}
