import type { CliIo } from '../io.js';

/**
 * Whether to colour stdout, by the conventions users set once for every tool: `--no-color`
 * (commander's `color: false`) and `NO_COLOR` (no-color.org) turn it off, `FORCE_COLOR` turns it
 * on (0/false off), and otherwise colour follows whether stdout is a terminal (not `TERM=dumb`).
 */
export function wantsColour(io: Pick<CliIo, 'env' | 'stdoutIsTTY'>, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  const { env } = io;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  return Boolean(io.stdoutIsTTY) && env.TERM !== 'dumb';
}
