import type { CommandResult, CommandSpec, Shell } from '../../ports/shell-port.js';
import { bubblewrapArgs } from './bubblewrap-args.js';
import { type LayoutFacts, sandboxLayout } from './sandbox-layout.js';

export interface BubblewrapShellOptions {
  /** The `bwrap` program (found on PATH when the sandbox was opened). */
  bwrap: string;
  /** Runs `bwrap` itself: the plain process runner (own process group, scrubbed environment, timeout). */
  runner: Shell;
  facts: LayoutFacts;
  /** Set when the network is allow-listed: the proxy's socket and the variables that point at it. */
  proxy?: { socket: string; env: Record<string, string>; bridge: readonly string[]; readable: string[] };
}

/**
 * The `Shell` port inside bubblewrap. Each command gets a fresh sandbox: its own PID namespace (so
 * a background process it forked dies with it — the namespace ends when its first process does),
 * no network, `writable` the only writable place. A program that does not exist makes bwrap
 * itself fail to exec; that is reported as `failed-to-start`, as the plain shell would.
 */
export class BubblewrapShell implements Shell {
  readonly #options: BubblewrapShellOptions;

  constructor(options: BubblewrapShellOptions) {
    this.#options = options;
  }

  async run(spec: CommandSpec): Promise<CommandResult> {
    if (spec.writable === undefined) {
      return { kind: 'failed-to-start', error: `${spec.command}: no workspace given for the sandbox` };
    }
    const decision = sandboxLayout(this.#options.facts, {
      writable: spec.writable,
      cwd: spec.cwd,
      readable: [...(spec.readable ?? []), ...(this.#options.proxy?.readable ?? [])],
    });
    if (decision.kind === 'refused') {
      return { kind: 'failed-to-start', error: `${spec.command}: sandbox refused: ${decision.reason}` };
    }
    const proxy = this.#options.proxy;
    const argv = [...(proxy?.bridge ?? []), spec.command, ...spec.args];
    const layout = proxy ? { ...decision.layout, proxySocket: proxy.socket } : decision.layout;
    const result = await this.#options.runner.run({
      ...spec,
      command: this.#options.bwrap,
      args: bubblewrapArgs(layout, argv),
      cwd: decision.layout.cwd,
      env: { ...spec.env, ...proxy?.env },
    });
    return execFailure(result, spec.command) ?? result;
  }
}

/** `bwrap: execvp nope: No such file or directory` → the command could not start. */
function execFailure(result: CommandResult, command: string): CommandResult | undefined {
  if (result.kind !== 'exited' || result.exitCode !== 1) return undefined;
  const match = /^bwrap: execvp [^\n]*: ([^\n]+)\n?$/.exec(result.stderr);
  if (!match) return undefined;
  const code = /No such file/.test(match[1]!)
    ? 'ENOENT'
    : /Permission denied/.test(match[1]!)
      ? 'EACCES'
      : match[1]!;
  return { kind: 'failed-to-start', error: `${command}: ${code}` };
}
