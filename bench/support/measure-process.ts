/**
 * Whole-process measurement for the side-by-side benchmarks: each variant is a command run as its
 * own process (start to exit), A and B interleaved within one run (the order alternates every
 * repetition, so neither always runs on a warmer machine), and each sample records wall time,
 * the time to the first byte on stdout and the process tree's peak RSS.
 *
 * Peak RSS comes from GNU time (`/usr/bin/time -f %M`, the kernel's maxrss of the waited-for child);
 * without it, /proc/<pid>/status VmHWM is polled, which misses grandchildren (said in the output).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Variant {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Runs before each repetition of this variant, untimed (e.g. empty a cache for a cold run). */
  before?: () => void | Promise<void>;
  /** Exit codes accepted as a completed run (default: 0). */
  okCodes?: number[];
}

export interface Sample {
  ms: number;
  firstOutputMs: number | undefined;
  peakRssMb: number | undefined;
  stdout: string;
}

const GNU_TIME = '/usr/bin/time';
/** GNU time when installed (BENCH_NO_GNU_TIME=1 forces the /proc fallback, for its test). */
const hasGnuTime = () => process.env.BENCH_NO_GNU_TIME !== '1' && existsSync(GNU_TIME);
export const rssSource = hasGnuTime() ? 'GNU time %M' : '/proc VmHWM polling (no /usr/bin/time)';

/** Runs one variant once as a whole process. */
export async function runOnce(variant: Variant): Promise<Sample> {
  await variant.before?.();
  const scratch = mkdtempSync(join(tmpdir(), 'maestro-measure-'));
  const rssFile = join(scratch, 'rss');
  const useTime = hasGnuTime();
  const [command, args] = useTime
    ? [GNU_TIME, ['-f', '%M', '-o', rssFile, variant.command, ...variant.args]]
    : [variant.command, variant.args];
  const started = performance.now();
  let firstOutputMs: number | undefined;
  let stdout = '';
  let stderr = '';
  let polledKb = 0;
  const child = spawn(command, args, {
    cwd: variant.cwd,
    env: { ...process.env, ...variant.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => {
    firstOutputMs ??= performance.now() - started;
    if (stdout.length < 1_000_000) stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 100_000) stderr += chunk.toString('utf8');
  });
  const poll = useTime
    ? undefined
    : setInterval(() => (polledKb = Math.max(polledKb, vmHwmKb(child.pid))), 5);
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  const ms = performance.now() - started;
  if (poll) clearInterval(poll);
  try {
    if (!(variant.okCodes ?? [0]).includes(code)) {
      throw new Error(`${variant.name}: exit ${code}\n${stderr.slice(-2000)}`);
    }
    const kb = useTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : polledKb;
    return { ms, firstOutputMs, peakRssMb: kb > 0 ? kb / 1024 : undefined, stdout };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function vmHwmKb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs the variants `repetitions` times each, interleaved: A B, B A, A B, … (with more than two
 * variants the order rotates). Returns the samples per variant, in run order.
 */
export async function interleave(
  variants: readonly Variant[],
  repetitions: number,
  onSample?: (variant: Variant, sample: Sample, repetition: number) => void,
): Promise<Map<string, Sample[]>> {
  const samples = new Map<string, Sample[]>(variants.map((v) => [v.name, []]));
  for (let rep = 0; rep < repetitions; rep++) {
    const order = variants.map((_, i) => variants[(i + rep) % variants.length]!);
    for (const variant of order) {
      const sample = await runOnce(variant);
      samples.get(variant.name)!.push(sample);
      onSample?.(variant, sample, rep);
    }
  }
  return samples;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, n: sorted.length };
}

/** Pairwise ratios a[i] / b[i] (same repetition), so a slow moment of the machine hits both. */
export function pairwiseRatio(a: readonly number[], b: readonly number[]): Spread {
  return spread(a.slice(0, b.length).map((x, i) => x / b[i]!));
}

export function formatMs(s: Spread): string {
  if (s.n === 0) return 'n/a';
  const f = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);
  return `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

export function formatRatio(s: Spread): string {
  if (s.n === 0) return 'n/a';
  return `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
}

export function formatMb(values: readonly (number | undefined)[]): string {
  const known = values.filter((v): v is number => v !== undefined);
  if (known.length === 0) return 'n/a';
  return `${Math.round(Math.max(...known))} MiB`;
}

/** A Markdown table with right-aligned cells after the first column. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 2)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** A target check printed beside the figures: the measured value, the bound and whether it holds. */
export function verdict(label: string, value: number, bound: number, unit = ''): string {
  const shown = unit === '×' ? value.toFixed(2) : String(Math.round(value));
  return `${value <= bound ? 'meets' : 'MISSES'} ${label}: ${shown}${unit} (target ≤ ${bound}${unit})`;
}

/** `--quick` (or BENCH_QUICK=1) asks for fewer repetitions. */
export function quickMode(argv: readonly string[] = process.argv): boolean {
  return argv.includes('--quick') || process.env.BENCH_QUICK === '1';
}
