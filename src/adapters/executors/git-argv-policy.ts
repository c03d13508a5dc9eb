import { isAbsolute, normalize } from 'node:path';

/**
 * Which read-only git invocations an agent may run (security issue, break 3). Git is generous with
 * what it accepts: it switches to `--no-index` by itself when a path lies outside the work tree
 * (`git diff /dev/null ~/.ssh/id_rsa` prints the key), and it expands unambiguous abbreviations of
 * long options (`--open-files-in-pag=<cmd>` runs a program). So nothing is matched against a deny
 * list: only options listed here, spelled exactly, pass; every other argument must be a revision or
 * a path that stays inside the work tree.
 */

/*
 * Patterns: `--stat` exactly; `-U#` with a number glued on; `--format=*` with any value after it;
 * `-e _` takes the NEXT argument as its value (not a path, and it may start with `-`).
 */

const common = [
  '--no-color',
  '--color=never',
  '-z',
  '--stat',
  '--numstat',
  '--shortstat',
  '--name-only',
  '--name-status',
  '--summary',
  '-p',
  '--patch',
  '-s',
  '--no-patch',
  '-U#',
  '--unified=#',
  '-w',
  '--ignore-all-space',
  '-b',
  '--ignore-space-change',
  '--word-diff',
  '--diff-filter=*',
  '-M',
  '--find-renames',
  '--cached',
  '--staged',
  '--oneline',
  '--format=*',
  '--pretty=*',
  '--abbrev-commit',
  '--decorate',
  '--no-decorate',
];
const logLike = [
  ...common,
  '-#',
  '-n _',
  '-n#',
  '--max-count _',
  '--max-count=#',
  '--skip=#',
  '--since=*',
  '--until=*',
  '--after=*',
  '--before=*',
  '--author _',
  '--author=*',
  '--grep _',
  '--grep=*',
  '-i',
  '--regexp-ignore-case',
  '-S*',
  '-G*',
  '--follow',
  '--reverse',
  '--graph',
  '--all',
  '--first-parent',
  '--no-merges',
  '--merges',
];

const allowedOptions: Record<string, readonly string[]> = {
  status: [
    '--short',
    '-s',
    '--branch',
    '-b',
    '--porcelain',
    '--porcelain=v1',
    '--porcelain=v2',
    '-z',
    '-u',
    '--untracked-files=*',
    '--ignored',
  ],
  diff: common,
  log: logLike,
  show: logLike,
  'ls-files': [
    '--cached',
    '-c',
    '--others',
    '-o',
    '--exclude-standard',
    '--modified',
    '-m',
    '--deleted',
    '-d',
    '--stage',
    '-s',
    '-z',
    '--full-name',
  ],
  grep: [
    '-n',
    '--line-number',
    '-i',
    '--ignore-case',
    '-w',
    '--word-regexp',
    '-l',
    '--files-with-matches',
    '-L',
    '--files-without-match',
    '-c',
    '--count',
    '-e _',
    '-E',
    '--extended-regexp',
    '-F',
    '--fixed-strings',
    '-P',
    '--perl-regexp',
    '-I',
    '-h',
    '-H',
    '--cached',
    '--untracked',
    '-A _',
    '-A#',
    '-B _',
    '-B#',
    '-C _',
    '-C#',
    '--context=#',
    '-v',
    '--invert-match',
    '--heading',
    '--break',
    '-o',
    '--only-matching',
    '--max-depth=#',
  ],
  blame: [
    '-L _',
    '-L*',
    '-w',
    '-s',
    '-e',
    '--porcelain',
    '--line-porcelain',
    '-M',
    '-M#',
    '-C',
    '-C#',
    '--show-email',
    '-l',
    '-t',
    '--date=*',
  ],
};

export const readOnlyGitSubcommands = Object.keys(allowedOptions);

/** Why this git argv is refused, or undefined when it may run. `argv[0]` is git itself. */
export function gitArgvRefusal(argv: readonly string[]): string | undefined {
  const subcommand = argv[1];
  const options = subcommand === undefined ? undefined : allowedOptions[subcommand];
  if (options === undefined) {
    return `only read-only git commands are allowed (${readOnlyGitSubcommands.join(', ')}), with no option before the subcommand`;
  }
  let pathsOnly = false;
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!pathsOnly && arg === '--') {
      pathsOnly = true;
      continue;
    }
    if (!pathsOnly && arg.startsWith('-')) {
      const pattern = options.find((candidate) => optionMatches(candidate, arg));
      if (pattern === undefined) {
        return `the git option ${JSON.stringify(arg.slice(0, 40))} is not allowed (only exact, read-only options)`;
      }
      if (pattern.endsWith(' _')) i++; // `-e <pattern>`, `-n 5`: the value is not a path
      continue;
    }
    const outside = leavesWorkTree(arg);
    if (outside) return outside;
  }
  return undefined;
}

function optionMatches(pattern: string, arg: string): boolean {
  if (pattern.endsWith(' _')) return pattern.slice(0, -2) === arg;
  if (pattern.endsWith('#')) return new RegExp(`^${escapeRegExp(pattern.slice(0, -1))}\\d+$`).test(arg);
  if (pattern.endsWith('*')) {
    const prefix = pattern.slice(0, -1);
    return arg.startsWith(prefix) && arg.length > prefix.length;
  }
  return pattern === arg;
}

/**
 * A revision (`HEAD~2`, `main..x`, `abc123:src/a.ts`) or a path: either way it must not name a
 * place outside the work tree — absolute, `~`, or climbing out with `..`. Pathspec magic
 * (`:/x`, `:(glob)x`) stays inside the repository by definition.
 */
function leavesWorkTree(arg: string): string | undefined {
  if (arg.startsWith(':')) return undefined;
  const path = arg.includes(':') && !arg.includes('/') ? '' : arg.replace(/^[^:]*:(?!\/)/, '');
  const candidates = [arg, path].filter(Boolean);
  for (const candidate of candidates) {
    if (isAbsolute(candidate) || candidate.startsWith('~') || /^[A-Za-z]:[\\/]/.test(candidate)) {
      return 'git may not read paths outside the work tree (absolute paths are refused)';
    }
    const normal = normalize(candidate.replace(/\\/g, '/'));
    if (normal === '..' || normal.startsWith('../')) {
      return 'git may not read paths outside the work tree';
    }
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
