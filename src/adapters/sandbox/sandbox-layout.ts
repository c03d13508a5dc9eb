import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative, sep } from 'node:path';
import type { BubblewrapLayout } from './bubblewrap-args.js';

/**
 * What the sandbox hides and binds back, from trusted facts only (Maestro's environment, the
 * repository's git directory found when the run began): never from files in the writable
 * directory, which the sandboxed code controls.
 */
export interface LayoutFacts {
  home: string | undefined;
  /** PATH of the sandboxed process: toolchains installed under $HOME are bound back read-only. */
  path: string | undefined;
  /** The repository's git directory (the main `.git`), read-only inside. */
  gitDir: string | undefined;
  /** Extra hidden paths: the runner's temp directory, `sandbox.hide`. */
  hide: readonly string[];
}

/** Places under $HOME that hold credentials; a toolchain found there is not bound back. */
const secretHomeEntries = new Set([
  '.ssh',
  '.gnupg',
  '.aws',
  '.azure',
  '.config',
  '.docker',
  '.kube',
  '.netrc',
  '.npmrc',
  '.yarnrc',
  '.pypirc',
  '.git-credentials',
  '.gitconfig',
  '.m2',
  '.gradle',
  '.password-store',
  '.local',
]);

export type LayoutDecision = { kind: 'ok'; layout: BubblewrapLayout } | { kind: 'refused'; reason: string };

export function sandboxLayout(
  facts: LayoutFacts,
  command: { writable: string; cwd: string; readable: readonly string[] },
): LayoutDecision {
  const writable = real(command.writable);
  if (writable === undefined) return { kind: 'refused', reason: `${command.writable} does not exist` };
  const cwd = real(command.cwd) ?? writable;
  if (!inside(writable, cwd))
    return { kind: 'refused', reason: 'the command would start outside its workspace' };
  const home = facts.home && facts.home !== '/' ? real(facts.home) : undefined;
  if (writable === '/' || (home !== undefined && inside(writable, home))) {
    return {
      kind: 'refused',
      reason: `the workspace ${writable} contains $HOME, whose credentials the sandbox must hide; run Maestro on a checkout inside a project directory`,
    };
  }
  const hiddenDirs: string[] = [];
  const hiddenFiles: string[] = [];
  for (const path of [home, existingDir('/run'), ...facts.hide.map(real)]) {
    // A hidden directory may contain the workspace (a runner's checkout under $HOME): the
    // workspace is bound back on top of it. One inside the workspace cannot be hidden from it.
    if (path === undefined || path === '/' || inside(writable, path)) continue;
    (isDirectory(path) ? hiddenDirs : hiddenFiles).push(path);
  }
  const readOnly = [...toolchainDirs(facts.path, home), ...command.readable.flatMap((p) => real(p) ?? [])];
  const gitDir = facts.gitDir ? real(facts.gitDir) : undefined;
  if (gitDir !== undefined && !inside(writable, gitDir)) readOnly.push(gitDir);
  return {
    kind: 'ok',
    layout: {
      writable,
      cwd,
      dotGit: dotGitKind(join(writable, '.git')),
      hiddenDirs,
      hiddenFiles,
      readOnly: [...new Set(readOnly)].filter((p) => !inside(writable, p)),
    },
  };
}

/** `~/.nvm/versions/node/v20/bin` on PATH → `~/.nvm` read-only, so `node` still starts. */
function toolchainDirs(path: string | undefined, home: string | undefined): string[] {
  if (!path || home === undefined) return [];
  const dirs: string[] = [];
  for (const entry of path.split(delimiter)) {
    if (!isAbsolute(entry)) continue;
    const resolved = real(entry);
    if (resolved === undefined || !inside(home, resolved) || resolved === home) continue;
    const top = relative(home, resolved).split(sep)[0]!;
    if (!secretHomeEntries.has(top)) dirs.push(join(home, top));
  }
  return dirs;
}

function dotGitKind(path: string): BubblewrapLayout['dotGit'] {
  try {
    const stats = lstatSync(path);
    if (stats.isDirectory()) return 'directory';
    return stats.isFile() ? 'file' : 'none';
  } catch {
    return 'none';
  }
}

function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function existingDir(path: string): string | undefined {
  return existsSync(path) ? real(path) : undefined;
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
