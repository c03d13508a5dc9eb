import { isAbsolute, join, normalize } from 'node:path';
import type { GateReport, GateRun, GateSpec } from '../core/gates/gate-schema.js';
import { parseTestSummary, stripAnsi } from '../core/gates/parse-test-summary.js';
import type { CommandResult, Shell } from '../ports/shell-port.js';

/*
 * Runs the gates, one after another (two test runs at once would fight over ports, caches and
 * CPU and make timings meaningless), through the Shell port: argv only, scrubbed environment,
 * the process group killed at the timeout. The outcome comes from the exit status alone; the
 * parsed summary only describes it. Used for the baseline before any change and after each
 * iteration, so both runs go through exactly this code.
 */

export interface RunGatesDeps {
  shell: Shell;
  /** Absolute path of the repository root. */
  cwd: string;
  /** Per gate (`validation.gate_timeout_seconds` × 1000). */
  timeoutMs: number;
  /** Cancels the gate that is running and skips the rest. */
  signal?: AbortSignal;
}

/** Characters of output kept per gate for the report and for fix tasks. */
const TAIL_CHARS = 4096;

/*
 * Test runners read these to stay non-interactive and plain: `CI` stops watch modes and prompts,
 * and no colour keeps the summaries parseable and the tail readable.
 */
const GATE_ENV: Record<string, string> = { CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };

export async function runGates(specs: readonly GateSpec[], deps: RunGatesDeps): Promise<GateReport> {
  const runs: GateRun[] = [];
  for (const spec of specs) {
    if (deps.signal?.aborted) break;
    runs.push(await runGate(spec, deps));
  }
  return { runs };
}

async function runGate(spec: GateSpec, deps: RunGatesDeps): Promise<GateRun> {
  const [command, ...args] = spec.argv;
  const base = { name: spec.name, argv: [...spec.argv] };
  const cwd = gateCwd(deps.cwd, spec.cwd);
  if (command === undefined || cwd === undefined) {
    const why =
      command === undefined ? 'it has no command' : `its directory "${spec.cwd}" is outside the repository`;
    return errorRun(
      base,
      `The ${spec.name} gate cannot run: ${why}. Fix validation.commands in .github/maestro.yml.`,
    );
  }
  const result = await deps.shell.run({
    command,
    args,
    cwd,
    // In a sandbox the checkout is the one writable place (its .git read-only).
    writable: deps.cwd,
    env: GATE_ENV,
    timeoutMs: deps.timeoutMs,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  return classify(spec, base, result, deps.timeoutMs);
}

function classify(
  spec: GateSpec,
  base: Pick<GateRun, 'name' | 'argv'>,
  result: CommandResult,
  timeoutMs: number,
): GateRun {
  if (result.kind === 'failed-to-start') {
    return errorRun(
      base,
      `The ${spec.name} gate could not start \`${spec.argv.join(' ')}\`: command not found or not executable ` +
        `(${result.error}). Install \`${spec.argv[0]}\` before Maestro runs, or set validation.commands.${spec.name} ` +
        'in .github/maestro.yml.',
    );
  }
  const output = [result.stdout, result.stderr].filter((s) => s.trim() !== '').join('\n');
  const { counts, failures } = parseTestSummary(output);
  const common = {
    ...base,
    durationMs: result.durationMs,
    ...(counts ? { counts } : {}),
    outputTail: tail(stripAnsi(output)),
    failures,
  };
  switch (result.kind) {
    case 'exited':
      return result.exitCode === 0
        ? { ...common, outcome: 'passed', exitCode: 0 }
        : { ...common, outcome: 'failed', exitCode: result.exitCode };
    case 'timed-out':
      return {
        ...common,
        outcome: 'timed-out',
        outputTail: tail(`${common.outputTail}\n[Maestro stopped this gate after ${timeoutMs / 1000}s]`),
      };
    case 'aborted':
      return {
        ...common,
        outcome: 'error',
        message: `The ${spec.name} gate was stopped: the run was cancelled.`,
      };
  }
}

function errorRun(base: Pick<GateRun, 'name' | 'argv'>, message: string): GateRun {
  return { ...base, outcome: 'error', message, durationMs: 0, outputTail: message, failures: [] };
}

/** The gate's directory, or undefined when a relative `cwd` would leave the repository. */
function gateCwd(root: string, relative: string | undefined): string | undefined {
  if (relative === undefined || relative === '' || relative === '.') return root;
  const inside = normalize(relative);
  if (isAbsolute(inside) || inside === '..' || inside.startsWith('../')) return undefined;
  return join(root, inside);
}

/** The last `TAIL_CHARS` characters, starting at a line boundary when one is near. */
function tail(text: string): string {
  const trimmed = text.trimEnd();
  if (trimmed.length <= TAIL_CHARS) return trimmed;
  const cut = trimmed.slice(-TAIL_CHARS);
  const newline = cut.indexOf('\n');
  return newline >= 0 && newline < 200 ? cut.slice(newline + 1) : cut;
}
