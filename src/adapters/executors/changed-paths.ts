import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { matchesAnyGlob } from '../../core/policy/glob-match.js';
import type { BlockedAction } from '../../ports/executor-port.js';
import type { Shell } from '../../ports/shell-port.js';
import { describeAccess } from './workspace-guard.js';

/**
 * After a CLI agent ran (it has its own file tools, outside our guard), the work tree is checked:
 * changed protected paths, and new symlinks leading out of the repository, are reported as blocked
 * actions so the engine refuses to integrate them. `.git` itself never appears in `git status`; the
 * orchestrator commits with hooks and fsmonitor disabled for that reason.
 */
export async function changedPathRefusals(
  shell: Shell,
  workdir: string,
  protectedPaths: readonly string[],
): Promise<BlockedAction[]> {
  const result = await shell.run({
    command: 'git',
    // fsmonitor would run a program named in .git/config, which the agent could have edited.
    args: ['-c', 'core.fsmonitor=false', 'status', '--porcelain=v1', '-z', '--untracked-files=all'],
    cwd: workdir,
    writable: workdir,
    timeoutMs: 60_000,
  });
  if (result.kind !== 'exited' || result.exitCode !== 0) {
    return [{ kind: 'other', what: 'check changed files (git status failed)' }];
  }
  const blocked: BlockedAction[] = [];
  for (const change of parsePorcelain(result.stdout)) {
    const access = change.deleted ? 'delete' : 'write';
    if (matchesAnyGlob(change.path, protectedPaths, { caseInsensitive: true })) {
      blocked.push({ kind: 'protected-path', what: describeAccess(access, change.path) });
    } else if (!change.deleted && (await symlinkLeavesRepo(workdir, change.path))) {
      blocked.push({
        kind: 'path-escape',
        what: `${describeAccess('write', change.path)} (symlink out of the repository)`,
      });
    }
  }
  return blocked;
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
