import { MaestroError } from '../../core/errors.js';

export const RUN_BRANCH_PREFIX = 'maestro/';

/**
 * Maestro only ever works on, and pushes, its own `maestro/…` branches. On top of git's own
 * `check-ref-format --branch` (run by the caller), this allow-list refuses what git would accept
 * but a reader or another tool could misread: shell metacharacters (`$(…)`, backticks), components
 * starting with `-` (`--upload-pack=…` read as an option) or `.`, and `..` ranges.
 */
const COMPONENT_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

export function assertRunBranchName(name: string): void {
  const problem = runBranchNameProblem(name);
  if (problem) {
    throw new MaestroError(
      `Refusing branch ${JSON.stringify(name)}: ${problem}. Maestro only works on branches named like maestro/issue-42-short-slug.`,
      { code: 'git.invalid-branch' },
    );
  }
}

function runBranchNameProblem(name: string): string | undefined {
  if (!name.startsWith(RUN_BRANCH_PREFIX)) return `it does not start with ${RUN_BRANCH_PREFIX}`;
  if (name.length > 200) return 'it is longer than 200 characters';
  if (name.includes('..')) return 'it contains ".."';
  const components = name.slice(RUN_BRANCH_PREFIX.length).split('/');
  for (const component of components) {
    if (!COMPONENT_RE.test(component))
      return 'use letters, digits, ".", "_", "-" and "/" only, not starting with "-" or "."';
    if (component.endsWith('.lock') || component.endsWith('.')) return 'a part ends with ".lock" or "."';
  }
  return undefined;
}
