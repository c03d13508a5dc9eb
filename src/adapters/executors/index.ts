import { ConfigError } from '../../core/errors.js';
import type { Clock } from '../../ports/clock-port.js';
import type { Executor } from '../../ports/executor-port.js';
import type { ModelPort } from '../../ports/model-port.js';
import type { Shell } from '../../ports/shell-port.js';
import { BuiltinExecutor, type BuiltinExecutorOptions } from './builtin-executor.js';
import { CommandExecutor } from './command-executor.js';

export { BuiltinExecutor, securityStopThreshold } from './builtin-executor.js';
export { CommandExecutor } from './command-executor.js';
export { checkCommand } from './command-policy.js';
export { createWorkspaceGuard } from './workspace-guard.js';

export interface ExecutorFactoryConfig {
  kind: 'builtin' | 'command';
  command?: string[];
  max_turns: number;
  /** Variable names the command agent gets from the parent (secret-looking names are still dropped). */
  pass_env?: string[];
}

/** The executor `executor.kind` names, wired to the model, shell and clock of this run. */
export function createExecutor(
  config: ExecutorFactoryConfig,
  deps: { model: ModelPort; shell: Shell; clock: Clock },
  options: Omit<BuiltinExecutorOptions, 'maxTurns'> = {},
): Executor {
  if (config.kind === 'builtin') return new BuiltinExecutor(deps, { ...options, maxTurns: config.max_turns });
  if (!config.command || config.command.length === 0) {
    throw new ConfigError(
      'executor.command is required when executor.kind is command: give the agent argv, e.g. ["claude", "-p"]',
      [{ path: 'executor.command', message: 'is required when `executor.kind` is `command`' }],
    );
  }
  return new CommandExecutor(
    { shell: deps.shell },
    { command: config.command, passEnv: config.pass_env ?? [] },
  );
}
