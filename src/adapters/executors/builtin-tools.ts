import { z } from 'zod';
import { reviewFindingSchema, reviewSeveritySchema } from '../../core/chains/review-finding.js';
import { formatZodIssues } from '../../core/parse.js';
import type { ExecutorAccess } from '../../ports/executor-port.js';
import type { ToolCall, ToolResult, ToolSpec } from '../../ports/model-port.js';
import { checkCommand, describeCommand } from './command-policy.js';
import {
  deleteFileInput,
  deleteRepoFile,
  editFileInput,
  editRepoFile,
  listFiles,
  listFilesInput,
  readFileInput,
  readRepoFile,
  searchFiles,
  searchInput,
  writeFileInput,
  writeRepoFile,
} from './file-tools.js';
import { maxFindings } from './step-report.js';
import type { ToolContext, ToolOutcome } from './tool-context.js';
import { describeAccess, describeStepRefusal } from './workspace-guard.js';

/**
 * The builtin agent's tool set. The names and inputs are a contract: recorded demo sessions call
 * them verbatim. Tools never throw for the model's sake — bad input, refusals and I/O failures all
 * come back as `isError` results the model can react to.
 */

const runCommandInput = z.object({ command: z.array(z.string()).min(1) });
const finishInput = z.object({
  summary: z.string().min(1),
  quality_score: z.number().min(0).max(10),
  hints_for_next: z.string(),
  /** A review's findings; checked here, so a malformed one comes back to the model to fix. */
  findings: z.array(reviewFindingSchema).max(maxFindings).optional(),
});

const findingShape = `file, line (optional, from 1), severity (${reviewSeveritySchema.options.join('|')}), what, why`;

/** `finish` in a read-only review: the findings are the point of the task. */
const reviewFinishDescription = `Call once when the review is done: summary (max 500 characters) of what you reviewed and concluded, quality_score 0-10 (how sure you are), hints_for_next (may be empty), and findings: one entry per problem found, each with ${findingShape}. An empty findings list means nothing was found.`;

/** The tools that change files, and the verb a refusal is recorded with. */
const changingTools: ReadonlyMap<string, 'write' | 'delete'> = new Map([
  ['write_file', 'write'],
  ['edit_file', 'write'],
  ['delete_file', 'delete'],
]);

const maxCommandOutput = 8 * 1024;

interface BuiltinTool extends ToolSpec {
  run(ctx: ToolContext, input: never): Promise<ToolOutcome>;
}

const tool = <S extends z.ZodType>(
  name: string,
  description: string,
  inputSchema: S,
  run: (ctx: ToolContext, input: z.infer<S>) => Promise<ToolOutcome>,
): BuiltinTool => ({ name, description, inputSchema, run });

export const builtinTools: readonly BuiltinTool[] = [
  tool(
    'list_files',
    'List files under a directory of the repository (recursive, max 500; skips .git and node_modules).',
    listFilesInput,
    listFiles,
  ),
  tool(
    'read_file',
    'Read a text file with line numbers; start_line/end_line select a range.',
    readFileInput,
    readRepoFile,
  ),
  tool(
    'search',
    'Search files for a JavaScript regular expression; answers `path:line: text`.',
    searchInput,
    searchFiles,
  ),
  tool('write_file', 'Create or overwrite a file with the given content.', writeFileInput, writeRepoFile),
  tool(
    'edit_file',
    'Replace old_string, which must occur exactly once in the file, with new_string.',
    editFileInput,
    editRepoFile,
  ),
  tool('delete_file', 'Delete a file.', deleteFileInput, deleteRepoFile),
  tool(
    'run_command',
    'Run an allowed command as an argument array (no shell), in the repository root.',
    runCommandInput,
    runCommand,
  ),
  tool(
    'finish',
    'Call once when the task is done: summary (max 500 characters), quality_score 0-10, hints_for_next for the tasks that depend on this one.',
    finishInput,
    async (_ctx, input) => ({
      output: 'finished',
      finish: {
        summary: input.summary.slice(0, 500),
        qualityScore: input.quality_score,
        hints: input.hints_for_next,
        ...(input.findings ? { findings: input.findings } : {}),
      },
    }),
  ),
];

/** The tool specs for the model, limited to `names` (the specialist's permissions and the step's access). */
export function toolSpecs(names: readonly string[], access?: ExecutorAccess): ToolSpec[] {
  return builtinTools
    .filter((t) => names.includes(t.name))
    .map(({ name, description, inputSchema }) => ({
      name,
      description: name === 'finish' && access?.mode === 'read-only' ? reviewFinishDescription : description,
      inputSchema,
    }));
}

/** Runs one tool call; unknown or not-permitted tools and invalid input are error results. */
export async function runToolCall(
  ctx: ToolContext,
  call: ToolCall,
  permitted: readonly string[],
): Promise<{ result: ToolResult; finish?: ToolOutcome['finish'] }> {
  const found = builtinTools.find((t) => t.name === call.name);
  const reply = (outcome: ToolOutcome) => ({
    result: {
      callId: call.id,
      name: call.name,
      output: outcome.output,
      ...(outcome.isError ? { isError: true } : {}),
    },
    ...(outcome.finish ? { finish: outcome.finish } : {}),
  });
  if (!found || !permitted.includes(call.name)) return reply(notOffered(ctx, call, permitted));
  const parsed = found.inputSchema.safeParse(call.input);
  if (!parsed.success) {
    return reply({
      output: `invalid input for ${call.name}: ${formatZodIssues(parsed.error.issues)}${retryNote(call.name, parsed.error.issues)}`,
      isError: true,
    });
  }
  try {
    return reply(await found.run(ctx, parsed.data as never));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return reply({ output: `${call.name} failed: ${code ?? (error as Error).message}`, isError: true });
  }
}

/** `finish` with bad input did not finish: say so, and what a finding needs when that was the problem. */
function retryNote(name: string, issues: readonly z.core.$ZodIssue[]): string {
  if (name !== 'finish') return '';
  const findings = issues.some((issue) => issue.path[0] === 'findings')
    ? ` Each finding needs ${findingShape}; at most ${maxFindings} findings.`
    : '';
  return `. The task is not finished: call finish again with corrected input.${findings}`;
}

/**
 * A tool the model was not offered. Asking for one that changes files (in a read-only review) or
 * runs a command is an attempt the report must show, so it is recorded like any other refusal.
 */
function notOffered(ctx: ToolContext, call: ToolCall, permitted: readonly string[]): ToolOutcome {
  const options = `use one of: ${permitted.join(', ')}`;
  const verb = changingTools.get(call.name);
  if (verb !== undefined) {
    const path = stringField(call.input, 'path') ?? '(no path)';
    const readOnly = ctx.access.mode === 'read-only';
    ctx.record({
      kind: 'protected-path',
      what:
        ctx.access.mode === 'read-write'
          ? `${describeAccess(verb, path)} (${call.name} not offered)`
          : describeStepRefusal(verb, path, ctx.access),
    });
    const why = readOnly ? ' in a read-only review: no file may change' : '';
    return {
      output: `refused: ${call.name} is not offered${why}. This was recorded; ${options}.`,
      isError: true,
    };
  }
  if (call.name === 'run_command') {
    const argv = (call.input as { command?: unknown } | null)?.command;
    const words = Array.isArray(argv) ? argv.filter((word): word is string => typeof word === 'string') : [];
    ctx.record({ kind: 'command-not-allowed', what: describeCommand(words) });
    return {
      output: `refused: no command may run in this task. This was recorded; ${options}.`,
      isError: true,
    };
  }
  return { output: `unknown tool "${call.name}"; ${options}`, isError: true };
}

function stringField(input: unknown, name: string): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const value = (input as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

async function runCommand(ctx: ToolContext, input: z.infer<typeof runCommandInput>): Promise<ToolOutcome> {
  const decision = checkCommand(input.command, ctx.allowedCommands);
  if (decision.kind === 'refused') {
    ctx.record(decision.blocked);
    return { output: `refused: ${decision.reason}. This was recorded.`, isError: true };
  }
  const [command, ...args] = input.command as [string, ...string[]];
  ctx.noteCommandRun();
  const result = await ctx.shell.run({
    command,
    args,
    cwd: ctx.root,
    writable: ctx.root,
    timeoutMs: ctx.commandTimeoutMs(),
    maxOutputBytes: 256 * 1024,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  switch (result.kind) {
    case 'failed-to-start':
      return { output: `could not start: ${result.error}`, isError: true };
    case 'timed-out':
      ctx.record({ kind: 'command-timeout', what: `${describeCommand(input.command)} (timed out)` });
      return { output: `timed out and was killed\n${streams(result)}`, isError: true };
    case 'aborted':
      return { output: 'cancelled', isError: true };
    case 'exited':
      return { output: `exit code ${result.exitCode}\n${streams(result)}`, isError: result.exitCode !== 0 };
  }
}

function streams(result: { stdout: string; stderr: string }): string {
  const cut = (text: string) => (text.length > maxCommandOutput ? `…${text.slice(-maxCommandOutput)}` : text);
  return `--- stdout ---\n${cut(result.stdout)}\n--- stderr ---\n${cut(result.stderr)}`;
}
