import type { ValidationConfig } from '../core/config/config-schema.js';
import { type GateName, type GateSpec, gateOrder } from '../core/gates/gate-schema.js';
import type { RepositoryReader } from '../ports/repository-port.js';

/*
 * Which command runs each gate. `validation.commands` wins per gate; otherwise the repository's own
 * front door is preferred over a guess: a package.json script, then a Makefile target, then the
 * language's standard tool. Everything is an argv array run without a shell; a package.json script
 * runs through its package manager, so Maestro never executes a script's text itself.
 * Only the repository root is looked at: a monorepo names its commands in `validation.commands`.
 */

type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

interface RepoFacts {
  paths: ReadonlySet<string>;
  pm: PackageManager;
  scripts: Readonly<Record<string, string>>;
  jsDeps: ReadonlySet<string>;
  makeTargets: ReadonlySet<string>;
  /** pyproject.toml, setup.cfg, tox.ini and requirements files at the root, concatenated. */
  pythonConfig: string;
  /** Python source paths outside vendored and virtual-env folders. */
  pythonFiles: readonly string[];
}

type Detector = (facts: RepoFacts) => GateSpec | undefined;

/** The gates to run, in `gateOrder`: those in `quality_gates`, plus `test` when `run_tests` is on. */
export async function detectGates(repo: RepositoryReader, validation: ValidationConfig): Promise<GateSpec[]> {
  const wanted = gateOrder.filter(
    (g) => validation.quality_gates.includes(g) || (g === 'test' && validation.run_tests),
  );
  const facts = await readFacts(repo);
  const specs: GateSpec[] = [];
  for (const name of wanted) {
    const configured = validation.commands[name];
    const spec = configured
      ? { name, argv: [...configured], source: 'config' as const }
      : DETECTORS[name].map((detect) => detect(facts)).find((s) => s !== undefined);
    if (spec) specs.push(spec);
  }
  return specs;
}

function script(name: GateName, candidates: readonly string[]): Detector {
  return ({ pm, scripts }) => {
    const found = candidates.find((s) => usableScript(scripts[s]));
    if (found === undefined) return undefined;
    const argv = pm === 'npm' && found === 'test' ? ['npm', 'test'] : [pm, 'run', found];
    return { name, argv, source: `package.json script "${found}"` };
  };
}

/** `npm init` writes a test script that always fails; it means "no tests", not a failing gate. */
function usableScript(body: string | undefined): boolean {
  return body !== undefined && body.trim() !== '' && !/no test specified/.test(body);
}

function makeTarget(name: GateName, candidates: readonly string[]): Detector {
  return ({ makeTargets }) => {
    const found = candidates.find((t) => makeTargets.has(t));
    return found === undefined
      ? undefined
      : { name, argv: ['make', found], source: `Makefile target ${found}` };
  };
}

const tsc: Detector = ({ paths, jsDeps, pm }) => {
  if (!paths.has('tsconfig.json') || !jsDeps.has('typescript')) return undefined;
  // Each manager's own way to run an installed binary (Yarn Plug'n'Play has no node_modules/.bin for npx).
  const runner = { npm: ['npx'], pnpm: ['pnpm', 'exec'], yarn: ['yarn'], bun: ['bunx'] }[pm];
  return { name: 'typecheck', argv: [...runner, 'tsc', '--noEmit'], source: 'detected typescript' };
};

const pytest: Detector = ({ paths, pythonConfig, pythonFiles }) => {
  const configured =
    paths.has('pytest.ini') ||
    /^\[(?:tool\.pytest|tool:pytest|pytest)\b/m.test(pythonConfig) ||
    /^\s*["']?pytest\b/m.test(pythonConfig);
  const testFiles = pythonFiles.some(
    (p) => /(^|\/)conftest\.py$/.test(p) || /^tests?\/(?:.*\/)?(test_[^/]*|[^/]*_test)\.py$/.test(p),
  );
  return configured || testFiles
    ? { name: 'test', argv: ['python', '-m', 'pytest', '-q'], source: 'detected pytest' }
    : undefined;
};

const ruff: Detector = ({ paths, pythonConfig }) =>
  paths.has('ruff.toml') || paths.has('.ruff.toml') || /^\[tool\.ruff\b/m.test(pythonConfig)
    ? { name: 'lint', argv: ['python', '-m', 'ruff', 'check', '.'], source: 'detected ruff' }
    : undefined;

const flake8: Detector = ({ paths, pythonConfig }) =>
  paths.has('.flake8') || /^\[flake8\]/m.test(pythonConfig)
    ? { name: 'lint', argv: ['python', '-m', 'flake8'], source: 'detected flake8' }
    : undefined;

const mypy: Detector = ({ paths, pythonConfig }) =>
  paths.has('mypy.ini') || paths.has('.mypy.ini') || /^\[(?:tool\.mypy|mypy)\b/m.test(pythonConfig)
    ? { name: 'typecheck', argv: ['python', '-m', 'mypy', '.'], source: 'detected mypy' }
    : undefined;

const GO_ARGV: Partial<Record<GateName, string[]>> = {
  test: ['go', 'test', './...'],
  lint: ['go', 'vet', './...'],
  build: ['go', 'build', './...'],
};
function goTool(name: GateName): Detector {
  return ({ paths }) => {
    const argv = GO_ARGV[name];
    return paths.has('go.mod') && argv ? { name, argv, source: 'detected go' } : undefined;
  };
}

const CARGO_ARGV: Partial<Record<GateName, string[]>> = {
  test: ['cargo', 'test'],
  lint: ['cargo', 'clippy', '--', '-D', 'warnings'],
  build: ['cargo', 'build'],
};
function cargo(name: GateName): Detector {
  return ({ paths }) => {
    const argv = CARGO_ARGV[name];
    return paths.has('Cargo.toml') && argv ? { name, argv, source: 'detected cargo' } : undefined;
  };
}

const TYPECHECK_SCRIPTS = ['typecheck', 'type-check', 'tsc', 'check-types'];

// In order of preference per gate: the repository's own front doors, then the standard tools.
const DETECTORS: Record<GateName, readonly Detector[]> = {
  // `make check` is the GNU name for running the tests, so it stands in when there is no `make test`.
  test: [
    script('test', ['test']),
    makeTarget('test', ['test', 'check']),
    pytest,
    goTool('test'),
    cargo('test'),
  ],
  lint: [script('lint', ['lint']), makeTarget('lint', ['lint']), ruff, flake8, goTool('lint'), cargo('lint')],
  typecheck: [script('typecheck', TYPECHECK_SCRIPTS), makeTarget('typecheck', ['typecheck']), tsc, mypy],
  build: [script('build', ['build']), makeTarget('build', ['build']), goTool('build'), cargo('build')],
  security: [script('security', ['security']), makeTarget('security', ['security'])],
};

const VENDORED = /(^|\/)(node_modules|vendor|\.venv|venv|site-packages)\//;
const LOCKFILES: readonly [string, PackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

async function readFacts(repo: RepositoryReader): Promise<RepoFacts> {
  const listed = (await repo.listFiles()).map((f) => f.path).filter((p) => !VENDORED.test(p));
  const paths = new Set(listed);
  const read = async (path: string): Promise<string> => {
    if (!paths.has(path)) return '';
    try {
      return (await repo.readFile(path)).toString('utf8');
    } catch {
      return '';
    }
  };
  const pkg = parsePackageJson(await read('package.json'));
  const makefile = await read(['GNUmakefile', 'Makefile', 'makefile'].find((m) => paths.has(m)) ?? '');
  const pythonSources = ['pyproject.toml', 'setup.cfg', 'tox.ini', ...listed.filter(isRootRequirements)];
  return {
    paths,
    pm: pkg.packageManager ?? LOCKFILES.find(([file]) => paths.has(file))?.[1] ?? 'npm',
    scripts: pkg.scripts,
    jsDeps: pkg.deps,
    makeTargets: makeTargets(makefile),
    pythonConfig: (await Promise.all(pythonSources.map(read))).join('\n'),
    pythonFiles: listed.filter((p) => p.endsWith('.py')),
  };
}

function isRootRequirements(path: string): boolean {
  return /^requirements[\w.-]*\.txt$/.test(path);
}

function parsePackageJson(text: string): {
  scripts: Record<string, string>;
  deps: Set<string>;
  packageManager?: PackageManager;
} {
  let json: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text || '{}');
    if (parsed && typeof parsed === 'object') json = parsed as Record<string, unknown>;
  } catch {
    // An unreadable package.json offers no scripts; the other detectors still apply.
  }
  const scripts: Record<string, string> = {};
  for (const [k, v] of Object.entries(objectField(json, 'scripts')))
    if (typeof v === 'string') scripts[k] = v;
  const deps = new Set([
    ...Object.keys(objectField(json, 'dependencies')),
    ...Object.keys(objectField(json, 'devDependencies')),
  ]);
  const declared = typeof json.packageManager === 'string' ? json.packageManager.split('@')[0] : undefined;
  const packageManager = LOCKFILES.map(([, pm]) => pm).find((pm) => pm === declared);
  return { scripts, deps, ...(packageManager ? { packageManager } : {}) };
}

function objectField(json: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = json[key];
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Rule targets (`test:`, `lint test: deps`), not variable assignments (`X := y`) or recipe lines. */
function makeTargets(makefile: string): Set<string> {
  const targets = new Set<string>();
  for (const m of makefile.matchAll(/^([A-Za-z0-9_.\-/]+(?:[ \t]+[A-Za-z0-9_.\-/]+)*)[ \t]*::?(?![=:])/gm)) {
    for (const t of m[1]!.split(/[ \t]+/)) targets.add(t);
  }
  return targets;
}
