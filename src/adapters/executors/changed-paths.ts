import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { matchesAnyGlob } from '../../core/policy/glob-match.js';
import type { BlockedAction, ExecutorAccess } from '../../ports/executor-port.js';
import type { Shell } from '../../ports/shell-port.js';
import { describeAccess, describePath, describeStepRefusal, stepWhy } from './workspace-guard.js';

/** What changed in the work tree that may not have: for the report, and for the security stop. */
export interface ChangedPathCheck {
  blocked: BlockedAction[];
  /** Changed paths the step's access does not allow (every change in `read-only`); cleaned, short. */
  outsideAccess: string[];
  /** False when `git status` failed: nothing is known about what changed. */
  checked: boolean;
}

/**
 * After a CLI agent ran (it has its own file tools, outside our guard), or after the builtin agent
 * ran commands in a limited step, the work tree is checked: changed protected paths, new symlinks
 * leading out of the repository, and changes the step's access does not allow (`read-only`: any;
 * `only`: paths matching none of its globs) are reported as blocked actions. `.git` itself never
 * appears in `git status`; the orchestrator commits with hooks and fsmonitor disabled for that reason.
 */
export async function checkChangedPaths(
  shell: Shell,
  workdir: string,
  protectedPaths: readonly string[],
  access: ExecutorAccess = { mode: 'read-write' },
): Promise<ChangedPathCheck> {
  const result = await shell.run({
    command: 'git',
    // fsmonitor would run a program named in .git/config, which the agent could have edited.
    args: ['-c', 'core.fsmonitor=false', 'status', '--porcelain=v1', '-z', '--untracked-files=all'],
    cwd: workdir,
    writable: workdir,
    timeoutMs: 60_000,
  });
  if (result.kind !== 'exited' || result.exitCode !== 0) {
    return {
      blocked: [{ kind: 'other', what: 'check changed files (git status failed)' }],
      outsideAccess: [],
      checked: false,
    };
  }
  const blocked: BlockedAction[] = [];
  const outsideAccess: string[] = [];
  for (const change of parsePorcelain(result.stdout)) {
    const verb = change.deleted ? 'delete' : 'write';
    const outside = !allowedBy(access, change.path);
    if (outside) outsideAccess.push(describePath(change.path));
    if (matchesAnyGlob(change.path, protectedPaths, { caseInsensitive: true })) {
      blocked.push({ kind: 'protected-path', what: describeAccess(verb, change.path) });
    } else if (outside) {
      blocked.push({ kind: 'protected-path', what: describeStepRefusal(verb, change.path, access) });
    } else if (!change.deleted && (await symlinkLeavesRepo(workdir, change.path))) {
      blocked.push({
        kind: 'path-escape',
        what: `${describeAccess('write', change.path)} (symlink out of the repository)`,
      });
    }
  }
  return { blocked, outsideAccess, checked: true };
}

/**
 * The `failed` reason when a limited step's agent changed what it may not, or when that could not
 * be checked; undefined when the step may go on. It starts with "security stop" so the engine stops
 * the run rather than retrying the task.
 */
export function accessStopReason(access: ExecutorAccess, check: ChangedPathCheck): string | undefined {
  if (access.mode === 'read-write') return undefined;
  if (!check.checked)
    return 'security stop: could not check which files the agent changed (git status failed)';
  if (check.outsideAccess.length === 0) return undefined;
  const shown = check.outsideAccess.slice(0, 10).join(', ');
  const more = check.outsideAccess.length > 10 ? ` and ${check.outsideAccess.length - 10} more` : '';
  return access.mode === 'read-only'
    ? `security stop: the review agent changed files: ${shown}${more}`
    : `security stop: the agent changed files outside ${stepWhy(access)}: ${shown}${more}`;
}

function allowedBy(access: ExecutorAccess, path: string): boolean {
  if (access.mode === 'read-write') return true;
  if (access.mode === 'read-only') return false;
  // Case-sensitive, like the workspace guard's `only` check: an allow list reads narrowly.
  return matchesAnyGlob(path, access.paths);
}

interface Change {
  path: string;
  deleted: boolean;
}

/** `git status --porcelain=v1 -z`: `XY path\0`, and renames/copies add `origPath\0` after. */
export function parsePorcelain(output: string): Change[] {
  const fields = output.split('\0');
  const changes: Change[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    if (field.length < 4) continue;
    const status = field.slice(0, 2);
    changes.push({ path: field.slice(3), deleted: status.includes('D') });
    if (status.includes('R') || status.includes('C')) {
      // The source of a rename disappears from its old place: that is a deletion too.
      const source = fields[++i];
      if (source) changes.push({ path: source, deleted: true });
    }
  }
  return changes;
}

async function symlinkLeavesRepo(workdir: string, path: string): Promise<boolean> {
  const absolute = join(workdir, path);
  try {
    if (!(await lstat(absolute)).isSymbolicLink()) return false;
    const target = relative(workdir, await realpath(absolute));
    return target.startsWith('..') || isAbsolute(target);
  } catch {
    return true; // dangling or looping: refuse rather than guess
  }
}
