import type { BlockedAction } from '../../ports/executor-port.js';
import { gitArgvRefusal, readOnlyGitSubcommands } from './git-argv-policy.js';

/**
 * Which argv an agent may run (security.md rule 7). Three layers, none of them the model:
 * 1. the argv must start with one of the configured prefixes, token by token;
 * 2. `git` is read-only whatever the list says — the orchestrator alone commits and pushes — with
 *    exact, allow-listed options only and no path outside the work tree (git-argv-policy.ts);
 * 3. interpreters asked to evaluate a string (`sh -c`, `node -e`, `python -c` …) are refused unless
 *    that exact argv is configured: an allowed `node --test` must not become `node -e <anything>`.
 */
export type CommandDecision =
  | { kind: 'allowed' }
  | { kind: 'refused'; blocked: BlockedAction; reason: string };

/** Interpreter → the flags that make it evaluate a string argument. */
const evalFlags: Record<string, RegExp> = {
  sh: /^-[a-z]*c[a-z]*$/i,
  bash: /^-[a-z]*c[a-z]*$/i,
  zsh: /^-[a-z]*c[a-z]*$/i,
  dash: /^-[a-z]*c[a-z]*$/i,
  ksh: /^-[a-z]*c[a-z]*$/i,
  fish: /^(?:-c|--command.*)$/,
  node: /^(?:-e|-p|-pe|--eval.*|--print.*)$/,
  deno: /^(?:eval)$/,
  bun: /^(?:-e|--eval.*|-p|--print.*)$/,
  python: /^-[a-zA-Z]*c$/,
  perl: /^-[a-zA-Z]*[eE]$/,
  ruby: /^-[a-zA-Z]*e$/,
  php: /^-r$/,
  pwsh: /^-(?:c|command|encodedcommand|ec)$/i,
};

/** Programs that run another program given as arguments; refused unless the exact argv is allowed. */
const wrappers = new Set([
  'sudo',
  'su',
  'doas',
  'xargs',
  'nohup',
  'timeout',
  'nice',
  'setsid',
  'stdbuf',
  'exec',
]);

export function checkCommand(
  argv: readonly string[],
  allowed: readonly (readonly string[])[],
): CommandDecision {
  const what = describeCommand(argv);
  const program = argv[0];
  if (program === undefined || program === '') return refuse('other', what, 'the command is empty');
  if (argv.some((arg) => arg.includes('\0'))) return refuse('other', what, 'an argument contains a NUL byte');
  if (!allowed.some((prefix) => startsWith(argv, prefix))) {
    return refuse('command-not-allowed', what, 'the command is not in the allowed list');
  }
  const name = baseName(program);
  if (name === 'git') {
    const reason = gitArgvRefusal(argv);
    if (reason) return refuse('command-not-allowed', what, reason);
  }
  const exact = allowed.some((entry) => entry.length === argv.length && startsWith(argv, entry));
  if (!exact && evalsString(name, argv)) {
    return refuse('command-not-allowed', what, 'evaluating a string with an interpreter is not allowed');
  }
  if (!exact && (wrappers.has(name) || (name === 'env' && argv.length > 1 && !envOnlyPrints(argv)))) {
    return refuse('command-not-allowed', what, 'running a program through a wrapper is not allowed');
  }
  return { kind: 'allowed' };
}

/**
 * The allowed commands a read-only step keeps: read-only git (whatever else the list allows, git is
 * checked by `gitArgvRefusal` too) and `ls`. Gate commands such as `npm test` are dropped: they run
 * repository code, which can write files.
 */
export function readOnlyCommands(allowed: readonly (readonly string[])[]): string[][] {
  return allowed
    .filter(
      ([program, subcommand]) =>
        program === 'ls' || (program === 'git' && readOnlyGitSubcommands.includes(subcommand ?? '')),
    )
    .map((argv) => [...argv]);
}

function startsWith(argv: readonly string[], prefix: readonly string[]): boolean {
  // An empty prefix would allow everything: a config slip, never a wildcard.
  return prefix.length > 0 && prefix.length <= argv.length && prefix.every((token, i) => argv[i] === token);
}

function evalsString(name: string, argv: readonly string[]): boolean {
  const key = name.replace(/(?:\.exe)?$/i, '').replace(/^(python)3?(?:\.\d+)?$/, '$1');
  const flags = evalFlags[key];
  return flags !== undefined && argv.slice(1).some((arg) => flags.test(arg));
}

/** `env` with no program after it just prints the environment; `env X=1 prog` could run anything. */
function envOnlyPrints(argv: readonly string[]): boolean {
  return argv.slice(1).every((arg) => ['-0', '--null'].includes(arg));
}

function baseName(program: string): string {
  return program.split(/[\\/]/).pop() ?? program;
}

/** `run curl`, `run git push`: the program (and git's subcommand) only — never the arguments. */
export function describeCommand(argv: readonly string[]): string {
  const program = baseName(argv[0] ?? '');
  const words = program === 'git' && argv[1] !== undefined ? [program, argv[1]] : [program];
  const clean = words.map((word) => word.replace(/[^\w.+@-]/g, '?').slice(0, 40)).join(' ');
  return `run ${clean || '(empty)'}`;
}

function refuse(kind: BlockedAction['kind'], what: string, reason: string): CommandDecision {
  return { kind: 'refused', blocked: { kind, what }, reason };
}
