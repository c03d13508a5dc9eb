import { lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { z } from 'zod';
import { markInvisibleUnicode } from '../../core/policy/inbound/mark-invisible-unicode.js';
import type { ToolContext, ToolOutcome } from './tool-context.js';
import { describeAccess } from './workspace-guard.js';
import { writeInside } from './write-inside.js';

/**
 * The builtin agent's file tools. Every path goes through the workspace guard first; a refusal is
 * an error result for the model and a `BlockedAction` for the report — never an exception.
 */

const maxListed = 500;
const maxReadLines = 2000;
const maxReadBytes = 256 * 1024;
const maxMatches = 100;
const maxSearchFileBytes = 1024 * 1024;
const skippedDirs = new Set(['.git', 'node_modules']);

export const listFilesInput = z.object({ path: z.string().optional() });
export const readFileInput = z.object({
  path: z.string(),
  start_line: z.number().int().min(1).optional(),
  end_line: z.number().int().min(1).optional(),
});
export const searchInput = z.object({ pattern: z.string().min(1), path: z.string().optional() });
export const writeFileInput = z.object({ path: z.string().min(1), content: z.string() });
export const editFileInput = z.object({
  path: z.string().min(1),
  old_string: z.string().min(1),
  new_string: z.string(),
});
export const deleteFileInput = z.object({ path: z.string().min(1) });

export async function listFiles(
  ctx: ToolContext,
  input: z.infer<typeof listFilesInput>,
): Promise<ToolOutcome> {
  const target = await ctx.allow(input.path ?? '.', 'list');
  if (target.kind === 'refused') return target.outcome;
  const files = await walk(target.absolute, maxListed + 1);
  const shown = files.slice(0, maxListed).map((file) => toRepoPath(ctx.root, file));
  const more = files.length > maxListed ? `\n(stopped at ${maxListed} entries; list a subdirectory)` : '';
  return { output: shown.length > 0 ? `${shown.join('\n')}${more}` : '(no files)' };
}

export async function readRepoFile(
  ctx: ToolContext,
  input: z.infer<typeof readFileInput>,
): Promise<ToolOutcome> {
  const target = await ctx.allow(input.path, 'read');
  if (target.kind === 'refused') return target.outcome;
  const bytes = await readFile(target.absolute);
  if (bytes.includes(0)) return { output: `${target.relative} is a binary file (${bytes.length} bytes)` };
  const lines = bytes.subarray(0, maxReadBytes).toString('utf8').split('\n');
  const first = input.start_line ?? 1;
  const last = Math.min(input.end_line ?? first + maxReadLines - 1, first + maxReadLines - 1, lines.length);
  const numbered = lines.slice(first - 1, last).map((line, i) => `${String(first + i).padStart(5)}\t${line}`);
  const cut = last < lines.length || bytes.length > maxReadBytes;
  const note = cut ? `\n(showing lines ${first}-${last}; use start_line/end_line for more)` : '';
  return { output: withInvisibleMarked(`${numbered.join('\n')}${note}`) };
}

export async function searchFiles(
  ctx: ToolContext,
  input: z.infer<typeof searchInput>,
): Promise<ToolOutcome> {
  let pattern: RegExp;
  try {
    pattern = new RegExp(input.pattern);
  } catch (error) {
    return { output: `invalid regular expression: ${(error as Error).message}`, isError: true };
  }
  const target = await ctx.allow(input.path ?? '.', 'read');
  if (target.kind === 'refused') return target.outcome;
  const matches: string[] = [];
  for (const file of await walk(target.absolute, 20_000)) {
    const text = await readSmallText(file);
    if (text === undefined) continue;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length && matches.length < maxMatches; i++) {
      // Long lines are cut before matching: minified files would make a model's regex crawl.
      const line = (lines[i] ?? '').slice(0, 2000);
      if (pattern.test(line))
        matches.push(`${toRepoPath(ctx.root, file)}:${i + 1}: ${line.trim().slice(0, 200)}`);
    }
    if (matches.length >= maxMatches)
      return { output: withInvisibleMarked(`${matches.join('\n')}\n(stopped at ${maxMatches} matches)`) };
  }
  return { output: matches.length > 0 ? withInvisibleMarked(matches.join('\n')) : 'no matches' };
}

/**
 * Repository files can carry instructions in characters no reviewer sees (the Tags block,
 * zero-width, bidi controls, variation selectors). The agent gets a visible marker in their place
 * and a note saying so; HTML comments are left alone, since they are visible source it may edit.
 */
function withInvisibleMarked(output: string): string {
  const marked = markInvisibleUnicode(output);
  if (marked.count === 0) return output;
  return `${marked.text}\n(Maestro replaced ${marked.count} invisible character(s) with "[… invisible characters removed]" markers; they are not shown to you. edit_file cannot match a marker: choose old_string around it.)`;
}

export async function writeRepoFile(
  ctx: ToolContext,
  input: z.infer<typeof writeFileInput>,
): Promise<ToolOutcome> {
  const target = await ctx.allow(input.path, 'write');
  if (target.kind === 'refused') return target.outcome;
  await mkdir(dirname(target.absolute), { recursive: true });
  if ((await writeInside(ctx.root, target.absolute, input.content)) === 'escaped')
    return escaped(ctx, target.relative);
  return { output: `wrote ${target.relative} (${Buffer.byteLength(input.content)} bytes)` };
}

export async function editRepoFile(
  ctx: ToolContext,
  input: z.infer<typeof editFileInput>,
): Promise<ToolOutcome> {
  const target = await ctx.allow(input.path, 'write');
  if (target.kind === 'refused') return target.outcome;
  const text = await readFile(target.absolute, 'utf8');
  const count = text.split(input.old_string).length - 1;
  if (count !== 1) {
    const why = count === 0 ? 'was not found' : `occurs ${count} times`;
    return {
      output: `old_string ${why} in ${target.relative}; give old_string with enough surrounding lines to occur exactly once.`,
      isError: true,
    };
  }
  // indexOf/slice, not String.replace: `$&` in new_string must stay literal.
  const at = text.indexOf(input.old_string);
  const edited = text.slice(0, at) + input.new_string + text.slice(at + input.old_string.length);
  if ((await writeInside(ctx.root, target.absolute, edited)) === 'escaped')
    return escaped(ctx, target.relative);
  return { output: `edited ${target.relative}` };
}

export async function deleteRepoFile(
  ctx: ToolContext,
  input: z.infer<typeof deleteFileInput>,
): Promise<ToolOutcome> {
  const target = await ctx.allow(input.path, 'delete');
  if (target.kind === 'refused') return target.outcome;
  const stats = await lstat(target.absolute);
  if (stats.isDirectory())
    return { output: `${target.relative} is a directory; delete its files one by one`, isError: true };
  await rm(target.absolute);
  return { output: `deleted ${target.relative}` };
}

/** Files under `dir` (sorted), skipping `.git` and `node_modules`; symlinks are not followed. */
async function walk(dir: string, limit: number): Promise<string[]> {
  const stats = await lstat(dir);
  if (!stats.isDirectory()) return [dir];
  const out: string[] = [];
  const pending = [dir];
  while (pending.length > 0 && out.length < limit) {
    const current = pending.shift()!;
    const entries = (await readdir(current, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      if (skippedDirs.has(entry.name)) continue;
      const full = join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else out.push(full);
    }
  }
  return out.slice(0, limit).sort();
}

async function readSmallText(file: string): Promise<string | undefined> {
  const stats = await lstat(file);
  if (!stats.isFile() || stats.size > maxSearchFileBytes) return undefined;
  const bytes = await readFile(file);
  return bytes.includes(0) ? undefined : bytes.toString('utf8');
}

/** The file moved out of the repository between the guard's check and the write. */
function escaped(ctx: ToolContext, path: string): ToolOutcome {
  ctx.record({
    kind: 'path-escape',
    what: `${describeAccess('write', path)} (left the repository during the write)`,
  });
  return {
    output: 'refused: the path left the repository during the write. This was recorded.',
    isError: true,
  };
}

function toRepoPath(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/') || '.';
}
