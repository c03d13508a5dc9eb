import { lstat, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { matchesAnyGlob } from '../../core/policy/glob-match.js';
import type { BlockedAction, ExecutorAccess } from '../../ports/executor-port.js';

/**
 * The path policy behind the agent's file tools (security.md rule 7): a path is allowed only when
 * its REAL location — symlinks resolved, including symlinked parent directories and dangling links —
 * is inside the workdir, it is not inside any `.git`, and, for changes, it matches no protected glob
 * and the step's access allows it (`read-only`: nothing changes; `only`: both the path as given and
 * its real location match one of the step's globs). The model never decides this; an obedient model
 * asking for `/proc/self/environ` just gets refused.
 */
export type PathAccess = 'read' | 'list' | 'write' | 'delete';

export type PathDecision =
  | { kind: 'allowed'; absolute: string; relative: string }
  | { kind: 'refused'; blocked: BlockedAction; reason: string };

export interface WorkspaceGuard {
  check(path: string, access: PathAccess): Promise<PathDecision>;
}

export function createWorkspaceGuard(options: {
  workdir: string;
  protectedPaths: readonly string[];
  /** What the step may change; absent means `read-write`. */
  access?: ExecutorAccess;
}): WorkspaceGuard {
  let root: Promise<string> | undefined;
  const step = options.access ?? { mode: 'read-write' };
  return {
    async check(path, access) {
      root ??= realpath(options.workdir);
      return checkPath({ ...options, step, root: await root, path, access });
    },
  };
}

async function checkPath(input: {
  workdir: string;
  root: string;
  protectedPaths: readonly string[];
  step: ExecutorAccess;
  path: string;
  access: PathAccess;
}): Promise<PathDecision> {
  const { root, path, access } = input;
  const what = describeAccess(access, path);
  if (path.includes('\0')) return refuse('other', what, 'the path contains a NUL byte');
  const lexical = lexicalRelative(input.workdir, root, path);
  if (lexical === undefined) return refuse('path-escape', what, 'the path is outside the repository');

  const real = await realLocation(join(root, lexical));
  if (real === undefined)
    return refuse('path-escape', what, 'the path goes through a broken or looping link');
  const realRelative = inside(root, real);
  if (realRelative === undefined) return refuse('path-escape', what, 'the path leads outside the repository');

  const changes = access === 'write' || access === 'delete';
  for (const candidate of [lexical, realRelative]) {
    if (touchesGitDir(candidate)) return refuse('protected-path', what, "git's own files are off limits");
    if (changes && matchesAnyGlob(candidate, input.protectedPaths, { caseInsensitive: true })) {
      return refuse('protected-path', what, 'the path is protected by the repository configuration');
    }
  }
  if (changes) {
    const refusal = stepRefusal(input.step, access, path, [lexical, realRelative].map(toSlashes));
    if (refusal) return refusal;
  }
  if (access === 'delete' && realRelative === '') return refuse('other', what, 'the repository root');
  return { kind: 'allowed', absolute: real, relative: toSlashes(realRelative) };
}

/**
 * The step's own limit on changes. An `only` glob must match the path as given AND where it really
 * leads: `test/link.ts` pointing at `src/x.ts` changes `src/x.ts`. Matching is case-sensitive here
 * (unlike the protected-path block list): for an allow list, the narrower reading is the safe one.
 */
function stepRefusal(
  step: ExecutorAccess,
  access: 'write' | 'delete',
  path: string,
  candidates: readonly string[],
): PathDecision | undefined {
  if (step.mode === 'read-write') return undefined;
  const what = describeStepRefusal(access, path, step);
  if (step.mode === 'read-only')
    return refuse('protected-path', what, 'this is a read-only review: no file may change');
  if (candidates.every((candidate) => matchesAnyGlob(candidate, step.paths))) return undefined;
  return refuse(
    'protected-path',
    what,
    `only ${stepWhy(step)} may change in this step: write only paths matching ${step.paths.join(', ')}`,
  );
}

/** The path relative to the workdir, or undefined when it points elsewhere (absolute or `..`). */
function lexicalRelative(workdir: string, root: string, path: string): string | undefined {
  if (!isAbsolute(path)) return inside(root, resolve(root, path));
  // An absolute path may be spelled through the workdir as given or through its real location.
  return inside(resolve(workdir), resolve(path)) ?? inside(root, resolve(path));
}

function inside(root: string, absolute: string): string | undefined {
  const rel = relative(root, absolute);
  if (rel === '') return '';
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel;
}

/**
 * The real location: `realpath` of the nearest existing ancestor plus the part that does not exist
 * yet. A component that exists but cannot be resolved (a dangling or looping symlink) is refused:
 * writing through it would create a file wherever the link points.
 */
async function realLocation(absolute: string): Promise<string | undefined> {
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(await realpath(current), ...missing.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || (await exists(current))) return undefined;
      const parent = dirname(current);
      if (parent === current) return undefined;
      missing.push(current.slice(parent.length).replace(/^[\\/]+/, ''));
      current = parent;
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

function touchesGitDir(rel: string): boolean {
  return rel.split(/[\\/]/).some((segment) => segment.toLowerCase() === '.git');
}

function toSlashes(path: string): string {
  return path.split(sep).join('/');
}

function refuse(kind: BlockedAction['kind'], what: string, reason: string): PathDecision {
  return { kind: 'refused', blocked: { kind, what }, reason };
}

/** `write .github/workflows/x.yml`: the verb and a shortened, control-free path; never file content. */
export function describeAccess(access: PathAccess, path: string): string {
  return `${access} ${describePath(path)}`;
}

/** A path for the report: control and format characters replaced, at most 120 characters. */
export function describePath(path: string): string {
  const clean = path.replace(/[\p{Cc}\p{Cf}]/gu, '?');
  return clean.length > 120 ? `${clean.slice(0, 117)}...` : clean;
}

/**
 * `write src/x.ts (only test files may change)`, `delete a.ts (read-only review)`: a change the
 * step's access refuses, for the report (payload-free, like `describeAccess`).
 */
export function describeStepRefusal(access: 'write' | 'delete', path: string, step: ExecutorAccess): string {
  const why = step.mode === 'only' ? `only ${stepWhy(step)} may change` : 'read-only review';
  return `${describeAccess(access, path)} (${why})`;
}

/** The step's `why` (set by the chain, not the model), on one short line. */
export function stepWhy(step: { why: string }): string {
  const clean = step.why.replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim() || 'the paths of this step';
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}
