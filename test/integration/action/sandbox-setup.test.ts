import { chmodSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openActionSandbox } from '../../../src/action/sandbox-setup.js';
import { SpawnShell } from '../../../src/adapters/shell/spawn-shell.js';
import { defaultConfig } from '../../../src/core/config/config-schema.js';
import { silentLogger } from '../../../src/ports/logger-port.js';
import type { CommandResult, CommandSpec, Shell } from '../../../src/ports/shell-port.js';
import { tempDir } from '../../support/temp-repo.js';

/*
 * GitHub's ubuntu-24.04 runners: bubblewrap may be missing, and AppArmor denies the user namespaces
 * it needs. On a GitHub-hosted runner the Action fixes both with sudo; elsewhere it refuses with the
 * exact step to add. `sudo` is the outside world here: a stand-in records the argv and does what
 * the real one would (puts bwrap on PATH, clears the sysctl).
 */
const dirs: { dispose(): void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.dispose();
});

function machine(options: { bwrap: 'missing' | 'denied' }) {
  const bin = tempDir();
  const state = tempDir();
  dirs.push(bin, state);
  const sysctl = join(state.path, 'apparmor_restrict_unprivileged_userns');
  writeFileSync(sysctl, options.bwrap === 'denied' ? '1\n' : '0\n');
  const installReal = () => symlinkSync('/usr/bin/bwrap', join(bin.path, 'bwrap'));
  if (options.bwrap === 'denied') {
    // What bwrap prints on ubuntu-24.04 while AppArmor restricts user namespaces.
    const fake = join(bin.path, 'bwrap');
    writeFileSync(
      fake,
      `#!/bin/sh\nif [ "$(cat ${sysctl})" = 1 ]; then echo 'bwrap: setting up uid map: Permission denied' >&2; exit 1; fi\nexec /usr/bin/bwrap "$@"\n`,
    );
    chmodSync(fake, 0o755);
  }
  const sudoCalls: string[] = [];
  const sudo: Shell = {
    async run(spec: CommandSpec): Promise<CommandResult> {
      sudoCalls.push([spec.command, ...spec.args].join(' '));
      if (spec.args.includes('install')) installReal();
      if (spec.args.includes('kernel.apparmor_restrict_unprivileged_userns=0')) writeFileSync(sysctl, '0\n');
      return { kind: 'exited', exitCode: 0, stdout: '', stderr: '', durationMs: 1, truncated: false };
    },
  };
  return { path: bin.path, sysctl, sudo, sudoCalls };
}

const open = (m: ReturnType<typeof machine>, runnerEnvironment: string) =>
  openActionSandbox(defaultConfig().sandbox, {
    runner: new SpawnShell(),
    setupRunner: m.sudo,
    env: {
      GITHUB_ACTIONS: 'true',
      RUNNER_ENVIRONMENT: runnerEnvironment,
      PATH: m.path,
      HOME: '/nonexistent',
    },
    appArmorSysctlPath: m.sysctl,
    logger: silentLogger,
  });

describe('the sandbox on an Actions runner', () => {
  it('installs bubblewrap on a GitHub-hosted runner that lacks it, then runs sandboxed', async () => {
    const m = machine({ bwrap: 'missing' });
    const opened = await open(m, 'github-hosted');
    expect(opened.kind).toBe('ready');
    expect(m.sudoCalls).toEqual([
      'sudo -n apt-get update -qq',
      'sudo -n apt-get install -y -qq --no-install-recommends bubblewrap',
    ]);
    if (opened.kind === 'ready') await opened.sandbox.close();
  });

  it('lifts the AppArmor user-namespace restriction on a GitHub-hosted runner', async () => {
    const m = machine({ bwrap: 'denied' });
    const opened = await open(m, 'github-hosted');
    expect(m.sudoCalls).toEqual(['sudo -n sysctl -w kernel.apparmor_restrict_unprivileged_userns=0']);
    expect(opened.kind).toBe('ready');
  });

  it('refuses on a self-hosted runner and names the workflow step to add', async () => {
    const m = machine({ bwrap: 'denied' });
    const opened = await open(m, 'self-hosted');
    expect(m.sudoCalls).toEqual([]);
    expect(opened.kind).toBe('unavailable');
    expect(opened.kind === 'unavailable' && opened.message).toContain(
      'run: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
    );
  });

  it('refuses without bubblewrap on a self-hosted runner and says how to install it', async () => {
    const m = machine({ bwrap: 'missing' });
    const opened = await open(m, 'self-hosted');
    expect(opened.kind === 'unavailable' && opened.message).toContain('sudo apt-get install -y bubblewrap');
  });
});

describe('the sandbox config', () => {
  it('refuses to start on macOS unless the sandbox is explicitly turned off', async () => {
    const { openSandbox } = await import('../../../src/adapters/sandbox/open-sandbox.js');
    const opened = await openSandbox(defaultConfig().sandbox, {
      runner: new SpawnShell(),
      env: process.env,
      platform: 'darwin',
    });
    expect(opened.kind === 'unavailable' && opened.message).toMatch(/needs Linux; this is darwin/);
    const off = await openSandbox(
      { ...defaultConfig().sandbox, mode: 'off', i_understand_untrusted_code_runs_with_my_secrets: true },
      { runner: new SpawnShell(), env: process.env, platform: 'darwin' },
    );
    expect(off.kind === 'ready' && off.sandbox.description.kind).toBe('off');
  });
});
