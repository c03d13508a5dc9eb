import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { ConfigError } from '../../core/errors.js';
import type { Executor, ExecutorOutcome, ExecutorRequest } from '../../ports/executor-port.js';
import type { Shell } from '../../ports/shell-port.js';
import { changedPathRefusals } from './changed-paths.js';
import { parseStepReport, tail } from './step-report.js';

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

/**
 * Any CLI coding agent (Claude Code, Codex, Aider …) as an executor (product.md §8). The prompt is
 * written to a file OUTSIDE the workdir — so it is never committed — and also given on stdin; the
 * agent runs through the Shell port (argv, own process group, scrubbed environment, timeout). It
 * cannot be nudged like the builtin loop, so a timeout is final. What it changed is checked
 * afterwards: protected paths and `.git` are reported in `blocked`, and the engine refuses to
 * integrate a task with such changes.
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
      const blocked = await changedPathRefusals(this.#shell, workdir, request.protectedPaths);
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
  const commands = request.allowedCommands.map((argv) => `- \`${argv.join(' ')}\``).join('\n');
  return [
    request.instructions,
    `## Context\n${request.context}`,
    `## Task ${task.id}: ${task.title}\n${task.description}`,
    `## Acceptance criteria\n${acceptance}`,
    `## Rules\nWork only inside this directory. Do not commit or push: Maestro does. Commands you may run:\n${commands || '- (none)'}\nThese paths are protected and must not change: ${request.protectedPaths.join(', ') || '(none)'}`,
    outputFormat,
  ].join('\n\n');
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
