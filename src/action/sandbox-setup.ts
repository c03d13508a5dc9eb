import {
  type OpenSandboxOptions,
  openSandbox,
  type SandboxOpening,
} from '../adapters/sandbox/open-sandbox.js';
import type { SandboxConfig } from '../core/config/config-schema.js';
import type { Logger } from '../ports/logger-port.js';
import type { Shell } from '../ports/shell-port.js';

type Env = Record<string, string | undefined>;

/**
 * The sandbox on an Actions runner. GitHub's ubuntu-24.04 images restrict unprivileged user
 * namespaces through AppArmor and may lack bubblewrap; on a GitHub-hosted runner (an ephemeral VM
 * with passwordless sudo) Maestro fixes both itself, with fixed argv and logged, then checks again.
 * Anywhere else the refusal says exactly which workflow step to add.
 */
export async function openActionSandbox(
  config: SandboxConfig,
  options: OpenSandboxOptions & {
    logger: Logger;
    /** Runs the fix (sudo sysctl / apt-get); the plain runner unless a test stands in for sudo. */
    setupRunner?: Shell;
  },
): Promise<SandboxOpening> {
  const first = await openSandbox(config, options);
  if (first.kind === 'ready' || !first.probe || !isGitHubHosted(options.env)) return first;
  const fix = fixFor(first.probe.kind);
  if (!fix) return first;
  options.logger.info(`Sandbox: ${fix.why}; running \`${fix.steps.map((s) => s.join(' ')).join(' && ')}\``);
  for (const step of fix.steps) {
    const [command, ...args] = step as [string, ...string[]];
    const result = await (options.setupRunner ?? options.runner).run({
      command,
      args,
      cwd: '/',
      timeoutMs: 180_000,
    });
    if (result.kind !== 'exited' || result.exitCode !== 0) {
      options.logger.warn(`Sandbox setup step \`${step.join(' ')}\` failed; ${first.message}`);
      return first;
    }
  }
  return openSandbox(config, options);
}

export function isGitHubHosted(env: Env): boolean {
  return env.GITHUB_ACTIONS === 'true' && env.RUNNER_ENVIRONMENT === 'github-hosted';
}

function fixFor(kind: string): { why: string; steps: string[][] } | undefined {
  if (kind === 'userns-restricted') {
    return {
      why: 'AppArmor restricts the user namespaces bubblewrap needs on this runner',
      steps: [['sudo', '-n', 'sysctl', '-w', 'kernel.apparmor_restrict_unprivileged_userns=0']],
    };
  }
  if (kind === 'missing') {
    return {
      why: 'bubblewrap is not installed on this runner',
      steps: [
        ['sudo', '-n', 'apt-get', 'update', '-qq'],
        ['sudo', '-n', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'bubblewrap'],
      ],
    };
  }
  return undefined;
}
