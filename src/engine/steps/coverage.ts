import { parseCoverageTotal } from '../../core/gates/parse-coverage.js';
import { detectCoverageCommand } from '../../discovery/detect-coverage.js';
import type { RepositoryReader } from '../../ports/repository-port.js';
import type { StepContext } from './step-context.js';

export interface CoverageRun {
  command: string;
  /** Percent; absent when the command ran but printed no total Maestro recognises. */
  total?: number;
}

/**
 * The repository's own coverage command (configured or detected), run like a gate: in the
 * sandbox, in the main checkout, without a shell. Undefined when the repository has none.
 */
export async function measureCoverage(ctx: StepContext): Promise<CoverageRun | undefined> {
  const argv = ctx.deps.config.chains.test.coverage ?? (await detectedCoverage(ctx.deps.repo));
  const [command, ...args] = argv ?? [];
  if (command === undefined) return undefined;
  ctx.deps.progress.step(`Coverage: ${[command, ...args].join(' ')}`);
  const result = await ctx.deps.sandbox.shell.run({
    command,
    args,
    cwd: ctx.deps.workspace.root,
    writable: ctx.deps.workspace.root,
    env: { CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
    timeoutMs: ctx.deps.config.validation.gate_timeout_seconds * 1000,
    signal: ctx.deps.signal,
  });
  const output = result.kind === 'failed-to-start' ? '' : `${result.stdout}\n${result.stderr}`;
  const total = parseCoverageTotal(output);
  return { command: [command, ...args].join(' '), ...(total !== undefined ? { total } : {}) };
}

async function detectedCoverage(repo: RepositoryReader): Promise<string[] | undefined> {
  const read = (path: string) =>
    repo.readFile(path).then(
      (buffer) => buffer.toString('utf8'),
      () => undefined,
    );
  const [packageJson, makefile, pyproject] = await Promise.all([
    read('package.json'),
    read('Makefile'),
    read('pyproject.toml'),
  ]);
  return detectCoverageCommand({
    ...(packageJson !== undefined ? { packageJson } : {}),
    ...(makefile !== undefined ? { makefile } : {}),
    ...(pyproject !== undefined ? { pyproject } : {}),
  })?.argv;
}
