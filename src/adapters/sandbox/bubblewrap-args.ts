/**
 * The bubblewrap command line for one sandboxed command. Order matters: bubblewrap applies mounts
 * in the order given, so the whole file system goes in read-only first, then the private and hidden
 * places are laid over it, then the few things the command needs are bound back in on top.
 */
export interface BubblewrapLayout {
  /** The directory the command may write. */
  writable: string;
  /** What `writable/.git` is: a directory (the checkout) or a file (a worktree's pointer). */
  dotGit: 'directory' | 'file' | 'none';
  /** Where the command starts (inside `writable`, or `writable` itself). */
  cwd: string;
  /** Directories replaced by an empty tmpfs ($HOME, /run, the runner's temp dir, `sandbox.hide`). */
  hiddenDirs: string[];
  /** Files replaced by an empty one (a hidden path that is a file). */
  hiddenFiles: string[];
  /** Bound back read-only after hiding: toolchains under $HOME, the repository's git directory. */
  readOnly: string[];
  /** The network proxy's socket, bound into the sandbox when the network is allow-listed. */
  proxySocket?: string;
}

export function bubblewrapArgs(layout: BubblewrapLayout, argv: readonly string[]): string[] {
  const args = [
    // The sandbox dies with Maestro, and gets its own session so it cannot push keystrokes into
    // Maestro's terminal (TIOCSTI).
    '--die-with-parent',
    '--new-session',
    // Own user, PID, network, IPC, UTS and cgroup namespaces: Maestro's processes and their
    // /proc/<pid>/environ do not exist in here, and there is no network but loopback.
    '--unshare-all',
    '--cap-drop',
    'ALL',
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    '--tmpfs',
    '/tmp',
  ];
  for (const dir of layout.hiddenDirs) args.push('--tmpfs', dir);
  for (const file of layout.hiddenFiles) args.push('--ro-bind', '/dev/null', file);
  for (const path of layout.readOnly) args.push('--ro-bind', path, path);
  args.push('--bind', layout.writable, layout.writable);
  // The checkout's own .git (or a worktree's pointer file) stays read-only inside the writable dir:
  // test code must not be able to add a remote, a filter or a hook for Maestro's next git command.
  if (layout.dotGit !== 'none') args.push('--ro-bind', `${layout.writable}/.git`, `${layout.writable}/.git`);
  if (layout.proxySocket) args.push('--ro-bind', layout.proxySocket, layout.proxySocket);
  args.push('--setenv', 'TMPDIR', '/tmp', '--chdir', layout.cwd, '--', ...argv);
  return args;
}
