import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Shell } from '../../ports/shell-port.js';
import { bubblewrapArgs } from './bubblewrap-args.js';

/** Whether bubblewrap can make a sandbox here, and if not, why — each cause has its own fix. */
export type BubblewrapProbe =
  | { kind: 'ok' }
  | { kind: 'missing' }
  /** Ubuntu 23.10+ (GitHub's ubuntu-24.04 runners): AppArmor denies unprivileged user namespaces. */
  | { kind: 'userns-restricted'; detail: string }
  | { kind: 'failed'; detail: string };

export const appArmorUsernsSysctl = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';

/** Starts `true` in the same kind of sandbox every command gets. */
export async function probeBubblewrap(
  bwrap: string,
  runner: Shell,
  sysctlPath = appArmorUsernsSysctl,
): Promise<BubblewrapProbe> {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-sandbox-probe-'));
  try {
    const args = bubblewrapArgs(
      { writable: dir, cwd: dir, dotGit: 'none', hiddenDirs: [], hiddenFiles: [], readOnly: [] },
      ['true'],
    );
    const result = await runner.run({ command: bwrap, args, cwd: dir, timeoutMs: 15_000 });
    if (result.kind === 'failed-to-start')
      return /ENOENT/.test(result.error) ? { kind: 'missing' } : failed(result.error);
    if (result.kind !== 'exited') return failed(`bwrap did not finish (${result.kind})`);
    if (result.exitCode === 0) return { kind: 'ok' };
    const detail = result.stderr.trim().split('\n')[0] ?? `exit code ${result.exitCode}`;
    if ((await readFile(sysctlPath, 'utf8').catch(() => '0')).trim() === '1') {
      return { kind: 'userns-restricted', detail };
    }
    return failed(detail);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function failed(detail: string): BubblewrapProbe {
  return { kind: 'failed', detail };
}

/** What to tell a person when the probe failed: the cause and the exact fix. */
export function probeAdvice(probe: Exclude<BubblewrapProbe, { kind: 'ok' }>): string {
  switch (probe.kind) {
    case 'missing':
      return 'bubblewrap (`bwrap`) is not installed. Install it (Debian/Ubuntu: `sudo apt-get install -y bubblewrap`; Fedora: `sudo dnf install bubblewrap`) and run again.';
    case 'userns-restricted':
      return `AppArmor forbids the unprivileged user namespaces bubblewrap needs (${probe.detail}). Allow them with \`sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0\` (in a workflow: a step \`run: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0\` before Maestro), then run again.`;
    case 'failed':
      return `bubblewrap could not create a sandbox here (${probe.detail}). Inside a container, run it with user namespaces allowed (Docker: \`--security-opt seccomp=unconfined --security-opt apparmor=unconfined\`), or run Maestro on the host.`;
  }
}
