import { pyprojectDeps } from './read-manifests.js';

/*
 * The command that prints the repository's coverage total, so the `test` chain can say how much a
 * change raised it. Like the gates (`detect-gates.ts`), the repository's own front door wins over a
 * guess: a package.json script, then a Makefile target, then pytest-cov when pyproject configures
 * it. Always an argv array run without a shell; a script runs through its package manager, so
 * Maestro never executes a script's text itself. Undefined when the repository measures no coverage:
 * adding a coverage tool is a change for a human to ask for, not something to guess.
 */

export interface CoverageCommand {
  argv: string[];
  /** Where the command came from, for the report (`package.json script "coverage"`). */
  source: string;
}

export interface CoverageInput {
  /** The root files' text; absent when the repository has none. */
  packageJson?: string;
  makefile?: string;
  pyproject?: string;
}

const SCRIPTS = ['coverage', 'test:coverage', 'test:cov', 'cov'];
const MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);

export function detectCoverageCommand(input: CoverageInput): CoverageCommand | undefined {
  return fromPackageJson(input.packageJson) ?? fromMakefile(input.makefile) ?? fromPyproject(input.pyproject);
}

function fromPackageJson(text: string | undefined): CoverageCommand | undefined {
  const json = parseObject(text);
  const scripts = objectField(json, 'scripts');
  const found = SCRIPTS.find((name) => typeof scripts[name] === 'string' && scripts[name].trim() !== '');
  if (found === undefined) return undefined;
  // Only the `packageManager` field is visible here (no lock files), so anything else runs with npm.
  const declared = typeof json.packageManager === 'string' ? json.packageManager.split('@')[0] : '';
  const pm = declared && MANAGERS.has(declared) ? declared : 'npm';
  return { argv: [pm, 'run', found], source: `package.json script "${found}"` };
}

function fromMakefile(text: string | undefined): CoverageCommand | undefined {
  // A rule line (`coverage:` or `test coverage: deps`), not an assignment (`coverage := 80`).
  const rule = /^(?:[A-Za-z0-9_.\-/]+[ \t]+)*coverage(?:[ \t]+[A-Za-z0-9_.\-/]+)*[ \t]*::?(?![=:])/m;
  return text !== undefined && rule.test(text)
    ? { argv: ['make', 'coverage'], source: 'Makefile target coverage' }
    : undefined;
}

function fromPyproject(text: string | undefined): CoverageCommand | undefined {
  if (text === undefined) return undefined;
  if (addoptsEnableCoverage(text)) {
    // `--cov` is already in addopts; a bare `--cov` on top would widen `--cov=src` to everything.
    return {
      argv: ['python', '-m', 'pytest', '--cov-report=term'],
      source: 'pyproject.toml pytest addopts --cov',
    };
  }
  return pyprojectDeps(text).includes('pytest-cov')
    ? {
        argv: ['python', '-m', 'pytest', '--cov', '--cov-report=term'],
        source: 'pyproject.toml dependency pytest-cov',
      }
    : undefined;
}

/** `addopts` in `[tool.pytest.ini_options]`, as a string or an array, names `--cov` or `--cov=…`. */
function addoptsEnableCoverage(pyproject: string): boolean {
  const section = /^\[tool\.pytest\.ini_options\][ \t]*\n([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(pyproject)?.[1];
  const addopts = section?.match(
    /^[ \t]*addopts[ \t]*=[ \t]*("""[\s\S]*?"""|'''[\s\S]*?'''|\[[\s\S]*?\]|"[^"\n]*"|'[^'\n]*')/m,
  )?.[1];
  // `--cov-report` or `--cov-fail-under` alone measure nothing.
  return addopts !== undefined && /--cov(?![\w-])/.test(addopts);
}

function parseObject(text: string | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    // An unreadable package.json offers no scripts; the Makefile and pyproject still apply.
    return {};
  }
}

function objectField(json: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = json[key];
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
