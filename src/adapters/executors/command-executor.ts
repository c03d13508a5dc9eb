import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { reviewSeveritySchema } from '../../core/chains/review-finding.js';
import { ConfigError } from '../../core/errors.js';
import type {
  Executor,
  ExecutorAccess,
  ExecutorOutcome,
  ExecutorRequest,
} from '../../ports/executor-port.js';
import type { Shell } from '../../ports/shell-port.js';
import { accessStopReason, checkChangedPaths } from './changed-paths.js';
import { readOnlyCommands } from './command-policy.js';
import { parseStepReport, tail } from './step-report.js';
import { stepWhy } from './workspace-guard.js';

export interface CommandExecutorConfig {
  /** The agent's argv; `{prompt_file}` and `{workdir}` are replaced inside any argument. */
  command: string[];
  /** Names of variables to pass through from the parent; secret-looking names are dropped anyway. */
  passEnv?: string[];
  parentEnv?: NodeJS.ProcessEnv;
}

const outputFormat = `## Output (required — the last JSON block of your answer)
\`\`\`json
{ "quality_score": <0-10>, "findings": "<what was accomplished, max 500 characters>", "hints_for_next": "<guidance for the tasks that build on this one>" }
\`\`\``;

/** A review reports its findings as an array; `summary` then carries what the seed's `findings` did. */
const reviewOutputFormat = `## Output (required — the last JSON block of your answer)
\`\`\`json
{ "quality_score": <0-10, how sure you are>, "summary": "<what you reviewed and concluded, max 500 characters>", "findings": [{ "file": "<path>", "line": <line, optional>, "severity": "<${reviewSeveritySchema.options.join('|')}>", "what": "<what is wrong, one sentence>", "why": "<why it matters and what to do>" }], "hints_for_next": "" }
\`\`\`
One entry per problem; an empty list means nothing was found.`;

/**
 * Any CLI coding agent (Claude Code, Codex, Aider …) as an executor (product.md §8). The prompt is
 * written to a file OUTSIDE the workdir — so it is never committed — and also given on stdin; the
 * agent runs through the Shell port (argv, own process group, scrubbed environment, timeout). It
 * cannot be nudged like the builtin loop, so a timeout is final. What it changed is checked
 * afterwards: protected paths and `.git` are reported in `blocked`, and the engine refuses to
 * integrate a task with such changes. A step with limited access cannot rely on that (the engine's
 * commit check knows the protected paths, not the step's access): a change that access does not
 * allow — any change in a `read-only` review — is blocked AND a security stop, whatever the agent
 * reported or however it ended.
 */
export class CommandExecutor implements Executor {
  readonly kind = 'command' as const;
  readonly #shell: Shell;
  readonly #config: CommandExecutorConfig;

  constructor(deps: { shell: Shell }, config: CommandExecutorConfig) {
    if (config.command.length === 0) {
      throw new ConfigError('executor.command is empty: give the agent argv, e.g. ["claude", "-p"]');
    }
    this.#shell = deps.shell;
    this.#config = config;
  }

  async run(request: ExecutorRequest): Promise<ExecutorOutcome> {
    const promptDir = await mkdtemp(join(tmpdir(), 'maestro-prompt-'));
    try {
      const workdir = await realpath(request.workdir);
      if (isInside(workdir, await realpath(promptDir))) {
        return {
          kind: 'failed',
          reason: 'the prompt directory would be inside the workdir',
          transient: false,
          blocked: [],
        };
      }
      const promptFile = join(promptDir, 'prompt.md');
      const prompt = buildPrompt(request);
      await writeFile(promptFile, prompt, { mode: 0o600 });
      const [command, ...args] = this.#config.command.map((arg) =>
        arg.replaceAll('{prompt_file}', promptFile).replaceAll('{workdir}', workdir),
      ) as [string, ...string[]];
      const result = await this.#shell.run({
        command,
        args,
        cwd: workdir,
        writable: workdir,
        readable: [promptDir],
        env: { ...this.#passedEnv(), MAESTRO_PROMPT_FILE: promptFile },
        timeoutMs: request.timeoutMs,
        stdin: prompt,
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const access: ExecutorAccess = request.access ?? { mode: 'read-write' };
      const check = await checkChangedPaths(this.#shell, workdir, request.protectedPaths, access);
      const blocked = check.blocked;
      const stop = accessStopReason(access, check);
      if (stop !== undefined) return { kind: 'failed', reason: stop, transient: false, blocked };
      switch (result.kind) {
        case 'failed-to-start':
          return {
            kind: 'failed',
            reason: `could not start the agent (${result.error})`,
            transient: false,
            blocked,
          };
        case 'timed-out':
          return { kind: 'timed-out', summary: parseStepReport(result.stdout).summary, blocked };
        case 'aborted':
          return { kind: 'failed', reason: 'cancelled', transient: true, blocked };
        case 'exited': {
          if (result.exitCode !== 0) {
            const detail = tail((result.stderr || result.stdout).trim(), 300);
            return {
              kind: 'failed',
              reason: `the agent exited with code ${result.exitCode}: ${detail}`,
              transient: false,
              blocked,
            };
          }
          const report = parseStepReport(result.stdout);
          return {
            kind: 'completed',
            summary: report.summary,
            ...(report.qualityScore === undefined ? {} : { qualityScore: report.qualityScore }),
            hints: report.hints,
            ...(report.findings ? { findings: report.findings } : {}),
            ...(report.raw ? { rawOutput: true as const } : {}),
            blocked,
          };
        }
      }
    } finally {
      await rm(promptDir, { recursive: true, force: true });
    }
  }

  #passedEnv(): Record<string, string> {
    const parent = this.#config.parentEnv ?? process.env;
    const env: Record<string, string> = {};
    for (const name of this.#config.passEnv ?? []) {
      const value = parent[name];
      if (value !== undefined) env[name] = value;
    }
    return env;
  }
}

function buildPrompt(request: ExecutorRequest): string {
  const { task } = request;
  const acceptance = task.acceptance.map((line) => `- ${line}`).join('\n');
  const readOnly = request.access?.mode === 'read-only';
  const allowed = readOnly ? readOnlyCommands(request.allowedCommands) : request.allowedCommands;
  const commands = allowed.map((argv) => `- \`${argv.join(' ')}\``).join('\n');
  return [
    request.instructions,
    `## Context\n${request.context}`,
    `## Task ${task.id}: ${task.title}\n${task.description}`,
    `## Acceptance criteria\n${acceptance}`,
    `## Rules\nWork only inside this directory. Do not commit or push: Maestro does. Commands you may run:\n${commands || '- (none)'}\nThese paths are protected and must not change: ${request.protectedPaths.join(', ') || '(none)'}${accessRule(request.access)}`,
    readOnly ? reviewOutputFormat : outputFormat,
  ].join('\n\n');
}

/** What the step may change, in the prompt's rules; Maestro checks it after the agent exits. */
function accessRule(access: ExecutorAccess | undefined): string {
  if (access === undefined || access.mode === 'read-write') return '';
  if (access.mode === 'read-only') {
    return '\nThis is a read-only review: change, create or delete no file, and run nothing that writes files. Any change stops the run.';
  }
  return `\nIn this step only ${stepWhy(access)} may change: change, create or delete only paths matching ${access.paths.join(', ')}. A change anywhere else stops the run.`;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
