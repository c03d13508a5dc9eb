import { lstat, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { matchesAnyGlob } from '../../core/policy/glob-match.js';
import type { BlockedAction } from '../../ports/executor-port.js';

/**
 * The path policy behind the agent's file tools (security.md rule 7): a path is allowed only when
 * its REAL location — symlinks resolved, including symlinked parent directories and dangling links —
 * is inside the workdir, it is not inside any `.git`, and, for changes, it matches no protected glob.
 * The model never decides this; an obedient model asking for `/proc/self/environ` just gets refused.
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
}): WorkspaceGuard {
  let root: Promise<string> | undefined;
  return {
    async check(path, access) {
      root ??= realpath(options.workdir);
      return checkPath({ ...options, root: await root, path, access });
    },
  };
}

async function checkPath(input: {
  workdir: string;
  root: string;
  protectedPaths: readonly string[];
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

  for (const candidate of [lexical, realRelative]) {
    if (touchesGitDir(candidate)) return refuse('protected-path', what, "git's own files are off limits");
    const changes = access === 'write' || access === 'delete';
    if (changes && matchesAnyGlob(candidate, input.protectedPaths, { caseInsensitive: true })) {
      return refuse('protected-path', what, 'the path is protected by the repository configuration');
    }
  }
  if (access === 'delete' && realRelative === '') return refuse('other', what, 'the repository root');
  return { kind: 'allowed', absolute: real, relative: toSlashes(realRelative) };
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
  const clean = path.replace(/[\p{Cc}\p{Cf}]/gu, '?');
  return `${access} ${clean.length > 120 ? `${clean.slice(0, 117)}...` : clean}`;
}
