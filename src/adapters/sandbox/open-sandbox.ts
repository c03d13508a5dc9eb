import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { SandboxConfig } from '../../core/config/config-schema.js';
import { sandboxOffAcknowledgement } from '../../core/config/config-schema.js';
import { MaestroError } from '../../core/errors.js';
import type { Sandbox, SandboxDescription } from '../../ports/sandbox-port.js';
import type { Shell } from '../../ports/shell-port.js';
import { BubblewrapShell } from './bubblewrap-shell.js';
import { startNetworkProxy } from './network-proxy.js';
import { type BubblewrapProbe, probeAdvice, probeBubblewrap } from './probe-bubblewrap.js';

export interface OpenSandboxOptions {
  /** The plain process runner the sandbox starts `bwrap` with. */
  runner: Shell;
  /** Maestro's own environment: $HOME and PATH decide what is hidden and bound back. */
  env: NodeJS.ProcessEnv;
  /** The repository's git directory, bound read-only (task worktrees need it). */
  gitDir?: string;
  /** More directories to hide (the runner's temp directory). */
  hide?: readonly string[];
  platform?: NodeJS.Platform;
  /** Where the kernel says whether AppArmor restricts user namespaces (a test plants its own). */
  appArmorSysctlPath?: string;
}

export type SandboxOpening =
  | { kind: 'ready'; sandbox: Sandbox }
  | { kind: 'unavailable'; message: string; probe?: BubblewrapProbe };

/**
 * The sandbox `sandbox.mode` asks for, checked before anything untrusted runs: `auto` and
 * `bubblewrap` need a working bubblewrap (Linux); `off` (acknowledged in the config) runs commands
 * with the plain runner and says so in every report.
 */
export async function openSandbox(
  config: SandboxConfig,
  options: OpenSandboxOptions,
): Promise<SandboxOpening> {
  if (config.mode === 'off') return { kind: 'ready', sandbox: unsandboxed(options.runner) };
  const platform = options.platform ?? process.platform;
  if (platform !== 'linux') {
    return {
      kind: 'unavailable',
      message: `Maestro runs gates and agent commands in a bubblewrap sandbox, which needs Linux; this is ${platform}. Run Maestro in a Linux VM or container (or a GitHub Actions runner), or — knowing that code the model wrote would run next to your keys — set \`sandbox: { mode: off, ${sandboxOffAcknowledgement}: true }\` in your config.`,
    };
  }
  const bwrap = findOnPath('bwrap', options.env.PATH);
  const probe: BubblewrapProbe = bwrap
    ? await probeBubblewrap(bwrap, options.runner, options.appArmorSysctlPath)
    : { kind: 'missing' };
  if (probe.kind !== 'ok' || !bwrap) {
    return {
      kind: 'unavailable',
      probe,
      message: `Maestro will not run untrusted code without a sandbox: ${probeAdvice(probe as Exclude<BubblewrapProbe, { kind: 'ok' }>)}`,
    };
  }
  const facts = {
    home: options.env.HOME,
    path: options.env.PATH,
    gitDir: options.gitDir,
    hide: [...(options.hide ?? []), ...config.hide],
  };
  if (config.network === 'none') {
    const shell = new BubblewrapShell({ bwrap, runner: options.runner, facts });
    return { kind: 'ready', sandbox: { description: describe('no network'), shell, close: async () => {} } };
  }
  const proxy = await startNetworkProxy(config.network.allow);
  const shell = new BubblewrapShell({ bwrap, runner: options.runner, facts, proxy: proxy.inside });
  return {
    kind: 'ready',
    sandbox: {
      description: describe(`network only to ${config.network.allow.join(', ')} (through a filtering proxy)`),
      shell,
      close: () => proxy.close(),
    },
  };
}

/** `openSandbox`, or the refusal as an error whose message says what to do. */
export async function requireSandbox(config: SandboxConfig, options: OpenSandboxOptions): Promise<Sandbox> {
  const opened = await openSandbox(config, options);
  if (opened.kind === 'ready') return opened.sandbox;
  throw new MaestroError(opened.message, { code: 'sandbox.unavailable' });
}

function describe(network: string): SandboxDescription {
  return {
    kind: 'bubblewrap',
    summary: `bubblewrap: own PID namespace, ${network}, only the worktree writable (.git read-only), $HOME hidden`,
  };
}

function unsandboxed(runner: Shell): Sandbox {
  return {
    description: {
      kind: 'off',
      summary:
        'none: sandbox.mode is off, so gates and agent commands ran with the same user and secrets as Maestro',
    },
    shell: runner,
    close: async () => {},
  };
}

function findOnPath(program: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
