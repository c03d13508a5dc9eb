import { stripVTControlCharacters } from 'node:util';
import type { TestCounts } from './gate-schema.js';

/**
 * Counts and failing test names out of a test runner's own summary, for the report (`test ✓ 127/127`)
 * and for comparing against the baseline by name. Recognised: vitest, jest, node:test (TAP and spec
 * reporters), mocha, pytest, go test, cargo test, and a plain `N passed, N failed` line as a last
 * resort. Parsing is best effort and only ever describes a gate: whether it passed is the exit status.
 */
export interface TestSummary {
  /** Summed over every runner whose summary appears (a workspace may run two); absent when none did. */
  counts?: TestCounts;
  /** Failing test names in the order printed, without durations, so two runs compare by name. */
  failures: string[];
}

interface RunnerResult {
  counts?: TestCounts;
  failures: string[];
}
type RunnerParser = (lines: readonly string[]) => RunnerResult;

const MAX_FAILURES = 500;
/** Removes colour and cursor codes, and keeps only the last state of lines redrawn with `\r`. */
export function stripAnsi(text: string): string {
  // Node's own stripper knows every CSI/OSC form; a hand-kept pattern only knew the ones it listed.
  return stripVTControlCharacters(text)
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1))
    .join('\n');
}

export function parseTestSummary(output: string): TestSummary {
  const lines = stripAnsi(output).split('\n');
  const results = RUNNERS.map((parse) => parse(lines));
  const failures = unique(results.flatMap((r) => r.failures)).slice(0, MAX_FAILURES);
  let counts = sumCounts(results.map((r) => r.counts));
  // The plain line is only trusted when no runner's own summary was found: it would double count.
  counts ??= plainCounts(lines);
  return counts ? { counts, failures } : { failures };
}

const vitest: RunnerParser = (lines) => {
  const counts = lastCounts(lines, /^\s*Tests\s+(.+?)\s*\(\d+\)\s*$/, (parts) => ({
    passed: parts.passed ?? 0,
    failed: parts.failed ?? 0,
    skipped: (parts.skipped ?? 0) + (parts.todo ?? 0),
  }));
  // ` FAIL  file > suite > test` names the test with its file; `FAIL  file [ file ]` is a file that did not load.
  let failures = matchAll(lines, /^\s*FAIL\s+(\S.* > .+|\S+) \[ \S+ \]$|^\s*FAIL\s+(\S.* > .+?)\s*$/);
  if (failures.length === 0 && counts)
    failures = matchAll(lines, /^\s*[×✗]\s+(.+?)(?:\s+\d+(?:\.\d+)?m?s)?$/);
  return { ...(counts ? { counts } : {}), failures };
};

const jest: RunnerParser = (lines) => {
  const counts = lastCounts(lines, /^Tests:\s+(.+?)\s*$/, (parts) => ({
    passed: parts.passed ?? 0,
    failed: parts.failed ?? 0,
    skipped: (parts.skipped ?? 0) + (parts.todo ?? 0),
  }));
  const failures: string[] = [];
  let file: string | undefined;
  for (const line of lines) {
    const fail = /^\s*FAIL\s+(\S+)\s*(?:\(.*\))?$/.exec(line);
    if (fail) file = fail[1];
    const bullet = /^\s*● (.+?)\s*$/.exec(line)?.[1];
    if (bullet === undefined || bullet === 'Console') continue;
    // A suite that failed to load has no test names: the file stands for them.
    if (bullet === 'Test suite failed to run') {
      if (file) failures.push(file);
    } else failures.push(bullet);
  }
  return { ...(counts ? { counts } : {}), failures };
};

const nodeTest: RunnerParser = (lines) => {
  const totals: Record<string, number> = {};
  for (const line of lines) {
    const m = /^[#ℹ] (pass|fail|cancelled|skipped|todo)\s+(\d+)\s*$/.exec(line);
    if (m) totals[m[1]!] = Number(m[2]);
  }
  const counts =
    totals.pass === undefined && totals.fail === undefined
      ? undefined
      : {
          passed: totals.pass ?? 0,
          failed: (totals.fail ?? 0) + (totals.cancelled ?? 0),
          skipped: (totals.skipped ?? 0) + (totals.todo ?? 0),
        };
  return { ...(counts ? { counts } : {}), failures: [...tapFailures(lines), ...specFailures(lines)] };
};

/** `not ok 3 - name`, leaving out TODOs and suites that only failed because a subtest did. */
function tapFailures(lines: readonly string[]): string[] {
  const names: string[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*not ok \d+ - (.+?)\s*$/.exec(line);
    if (!m || /#\s*TODO\b/i.test(m[1]!)) return;
    const block = [];
    for (let j = i + 1; j < lines.length && !/^\s*(?:not ok|ok) \d+/.test(lines[j]!); j++)
      block.push(lines[j]);
    if (!block.some((l) => /failureType: '?subtestsFailed/.test(l ?? ''))) names.push(m[1]!);
  });
  return names;
}

/** `✖ name (1.2ms)` from the spec reporter, leaving out suites (announced as `▶ name`). */
function specFailures(lines: readonly string[]): string[] {
  const suites = new Set(matchAll(lines, /^\s*▶ (.+?)\s*$/));
  return matchAll(lines, /^\s*✖ (.+?) \(\d+(?:\.\d+)?m?s\)(?:\s+#.*)?$/).filter((name) => !suites.has(name));
}

const mocha: RunnerParser = (lines) => {
  const number = (word: string) => lastNumber(lines, new RegExp(`^\\s*(\\d+) ${word}\\b`));
  const [passed, failed, pending] = [number('passing'), number('failing'), number('pending')];
  const counts =
    passed === undefined && failed === undefined
      ? undefined
      : { passed: passed ?? 0, failed: failed ?? 0, skipped: pending ?? 0 };
  const failures: string[] = [];
  const start = lines.findIndex((l) => /^\s*\d+ failing\b/.test(l));
  // Each failure is `1) suite` followed by indented lines, the last one (the test) ending with `:`.
  for (let i = start < 0 ? lines.length : start + 1; i < lines.length; i++) {
    const first = /^\s*\d+\) (.+?)\s*$/.exec(lines[i]!)?.[1];
    if (first === undefined) continue;
    const parts = [first];
    for (let j = i + 1; !parts.at(-1)!.endsWith(':') && j < lines.length && j <= i + 6; j++) {
      parts.push(lines[j]!.trim());
    }
    if (parts.at(-1)!.endsWith(':')) failures.push(parts.join(' ').slice(0, -1));
  }
  return { ...(counts ? { counts } : {}), failures };
};

const pytest: RunnerParser = (lines) => {
  const summary =
    /^=*\s*((?:\d+ (?:failed|passed|skipped|errors?|xfailed|xpassed|deselected|warnings?)(?:, )?)+) in [\d.]+s\b.*$/;
  const counts = lastCounts(lines, summary, (parts) => ({
    passed: (parts.passed ?? 0) + (parts.xpassed ?? 0),
    failed: (parts.failed ?? 0) + (parts.error ?? 0) + (parts.errors ?? 0),
    skipped: (parts.skipped ?? 0) + (parts.xfailed ?? 0),
  }));
  return { ...(counts ? { counts } : {}), failures: matchAll(lines, /^(?:FAILED|ERROR) (.+?)(?: - .*)?$/) };
};

const goTest: RunnerParser = (lines) => {
  const tests = lines.map((l) => /^(\s*)--- (PASS|FAIL|SKIP): (\S+)/.exec(l)).filter((m) => m !== null);
  const failedTests = tests.filter((m) => m[2] === 'FAIL').map((m) => m[3]!);
  // `FAIL\tpkg\t0.01s` or `FAIL\tpkg [build failed]`: named when no test is (a package that did not build).
  const failedPackages = matchAll(lines, /^FAIL\t(\S+)(?:\t| \[)/);
  // Without -v go lists only failing tests, so counts would be wrong; they are given for -v output only.
  const verbose = lines.some((l) => /^=== RUN\s/.test(l));
  const top = tests.filter((m) => m[1] === '');
  const count = (status: string) => top.filter((m) => m[2] === status).length;
  const counts = verbose
    ? { passed: count('PASS'), failed: count('FAIL'), skipped: count('SKIP') }
    : undefined;
  return { ...(counts ? { counts } : {}), failures: failedTests.length > 0 ? failedTests : failedPackages };
};

const cargoTest: RunnerParser = (lines) => {
  const results = lines
    .map((l) => /^test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/.exec(l))
    .filter((m) => m !== null)
    .map((m) => ({ passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3]) }));
  const counts = sumCounts(results);
  return { ...(counts ? { counts } : {}), failures: matchAll(lines, /^test (.+) \.\.\. FAILED$/) };
};

const RUNNERS: readonly RunnerParser[] = [vitest, jest, nodeTest, mocha, pytest, goTest, cargoTest];

/** The last line like `12 passed, 1 failed, 2 skipped` (any order), for runners not known by name. */
function plainCounts(lines: readonly string[]): TestCounts | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.length > 200) continue;
    const parts = wordCounts(line);
    if (parts.passed !== undefined || parts.failed !== undefined) {
      return { passed: parts.passed ?? 0, failed: parts.failed ?? 0, skipped: parts.skipped ?? 0 };
    }
  }
  return undefined;
}

function wordCounts(text: string): Record<string, number | undefined> {
  const parts: Record<string, number> = {};
  for (const m of text.matchAll(/(\d+) ([a-z]+)/g)) parts[m[2]!] = (parts[m[2]!] ?? 0) + Number(m[1]);
  return parts;
}

function lastCounts(
  lines: readonly string[],
  pattern: RegExp,
  toCounts: (parts: Record<string, number | undefined>) => TestCounts,
): TestCounts | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = pattern.exec(lines[i]!);
    if (m?.[1] !== undefined) return toCounts(wordCounts(m[1]));
  }
  return undefined;
}

function lastNumber(lines: readonly string[], pattern: RegExp): number | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = pattern.exec(lines[i]!);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** The first capture group that matched, per matching line. */
function matchAll(lines: readonly string[], pattern: RegExp): string[] {
  const names: string[] = [];
  for (const line of lines) {
    const m = pattern.exec(line);
    const name = m?.slice(1).find((g) => g !== undefined);
    if (name) names.push(name.trim());
  }
  return names;
}

function sumCounts(all: readonly (TestCounts | undefined)[]): TestCounts | undefined {
  const present = all.filter((c) => c !== undefined);
  if (present.length === 0) return undefined;
  return present.reduce((a, c) => ({
    passed: a.passed + c.passed,
    failed: a.failed + c.failed,
    skipped: a.skipped + c.skipped,
  }));
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
