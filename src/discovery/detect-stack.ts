import type { RepoFile } from '../ports/repository-port.js';
import { baseName, languageOf, NON_CODE } from './language.js';
import {
  GO_FRAMEWORKS,
  JS_FRAMEWORKS,
  JS_TEST_RUNNERS,
  JVM_FRAMEWORKS,
  PY_FRAMEWORKS,
  RUST_FRAMEWORKS,
} from './manifest-libraries.js';
import * as manifests from './read-manifests.js';

/** What the repository is built with; shown as `stack` in `maestro context --json` and fed to decisions. */
export interface StackInfo {
  /** Programming languages by bytes, largest first (data and docs formats left out). */
  languages: { name: string; bytes: number; share: number }[];
  packageManagers: string[];
  frameworks: string[];
  testRunners: string[];
  /** CI configuration files. */
  ci: string[];
  /** Manifests read (package.json, pyproject.toml, go.mod, …). */
  manifests: string[];
  /** Every declared dependency name, so a decision can prefer what is already there. */
  dependencies: string[];
  /** The Go module path from go.mod, when there is one. */
  goModule?: string;
}

const LOCK_MANAGERS: Record<string, string> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'yarn.lock': 'yarn',
  'pnpm-lock.yaml': 'pnpm',
  'bun.lockb': 'bun',
  'bun.lock': 'bun',
  'poetry.lock': 'poetry',
  'uv.lock': 'uv',
  'Pipfile.lock': 'pipenv',
  'pdm.lock': 'pdm',
  'go.mod': 'go modules',
  'Cargo.toml': 'cargo',
  'pom.xml': 'maven',
  'build.gradle': 'gradle',
  'build.gradle.kts': 'gradle',
  Gemfile: 'bundler',
  'composer.json': 'composer',
  'requirements.txt': 'pip',
};
const CI_FILE =
  /^(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.yml|\.circleci\/config\.yml|azure-pipelines\.yml|Jenkinsfile|\.travis\.yml|bitbucket-pipelines\.yml|\.buildkite\/[^/]+\.ya?ml|\.drone\.yml|appveyor\.yml)$/;
/** Manifests are read at the root and up to two directories down (monorepo packages). */
const MANIFEST =
  /^(?:[^/]+\/){0,2}(package\.json|pyproject\.toml|requirements[\w.-]*\.txt|setup\.cfg|go\.mod|Cargo\.toml|pom\.xml|build\.gradle(?:\.kts)?|Gemfile|composer\.json)$/;

/**
 * Detects the stack from the full listing (lock files count even though ranking drops them) and
 * the manifests' contents; `read` returns undefined for files it cannot read.
 */
export async function detectStack(
  all: readonly RepoFile[],
  kept: readonly RepoFile[],
  read: (path: string) => Promise<string | undefined>,
): Promise<StackInfo> {
  const pms = new Set<string>();
  const frameworks = new Set<string>();
  const runners = new Set<string>();
  const deps = new Set<string>();
  const found: string[] = [];
  let goModule: string | undefined;
  const paths = all.map((f) => f.path).filter((p) => !p.includes('node_modules/') && !p.includes('vendor/'));
  for (const p of paths) {
    const manager = LOCK_MANAGERS[baseName(p)];
    if (manager && !p.includes('/')) pms.add(manager);
  }
  const addAll = (names: readonly string[], table: Record<string, string>) => {
    for (const n of names) {
      deps.add(n);
      const hit = table[n] ?? Object.entries(table).find(([k]) => n.startsWith(`${k}/`))?.[1];
      if (hit) frameworks.add(hit);
    }
  };
  for (const p of paths.filter((x) => MANIFEST.test(x)).slice(0, 40)) {
    const text = await read(p);
    if (text === undefined) continue;
    found.push(p);
    const name = baseName(p);
    if (name === 'package.json') {
      const pkg = manifests.packageJsonDeps(text);
      if (pkg.packageManager && !p.includes('/')) pms.add(pkg.packageManager);
      addAll(pkg.deps, JS_FRAMEWORKS);
      for (const d of pkg.deps) if (JS_TEST_RUNNERS[d]) runners.add(JS_TEST_RUNNERS[d]);
      if (/node --test\b/.test(pkg.scripts)) runners.add('node:test');
      if (!p.includes('/') && pms.size === 0) pms.add('npm');
    } else if (name === 'pyproject.toml' || name.startsWith('requirements') || name === 'setup.cfg') {
      const pyproject = name === 'pyproject.toml' ? manifests.readPyproject(text) : undefined;
      const names = pyproject?.deps ?? (name === 'setup.cfg' ? [] : manifests.requirementsDeps(text));
      addAll(names, PY_FRAMEWORKS);
      const tools = pyproject?.tools ?? [];
      if (names.includes('pytest') || tools.includes('pytest') || /\[tool:pytest\]/.test(text))
        runners.add('pytest');
      if (tools.includes('poetry')) pms.add('poetry');
      if (tools.includes('uv')) pms.add('uv');
      if (name.startsWith('requirements')) pms.add('pip');
    } else if (name === 'go.mod') {
      const mod = manifests.goModDeps(text);
      goModule ??= mod.module;
      addAll(mod.deps, GO_FRAMEWORKS);
      runners.add('go test');
    } else if (name === 'Cargo.toml') {
      addAll(manifests.cargoDeps(text), RUST_FRAMEWORKS);
      runners.add('cargo test');
    } else if (name === 'pom.xml' || name.startsWith('build.gradle')) {
      const names = name === 'pom.xml' ? manifests.pomDeps(text) : manifests.gradleDeps(text);
      addAll(names, JVM_FRAMEWORKS);
      if (names.some((n) => n.startsWith('junit'))) runners.add('junit');
    } else if (name === 'Gemfile') {
      const names = manifests.gemfileDeps(text);
      addAll(names, { rails: 'rails', sinatra: 'sinatra', rspec: 'rspec', minitest: 'minitest' });
      if (names.includes('rspec')) runners.add('rspec');
    } else if (name === 'composer.json') {
      addAll(manifests.composerDeps(text), {
        'laravel/framework': 'laravel',
        'symfony/framework-bundle': 'symfony',
        'phpunit/phpunit': 'phpunit',
      });
    }
  }
  if (paths.some((p) => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(p)) && !runners.has('pytest')) {
    runners.add(paths.some((p) => /(^|\/)(conftest\.py|pytest\.ini)$/.test(p)) ? 'pytest' : 'unittest');
  }
  return {
    languages: languagesByBytes(kept),
    packageManagers: [...pms].sort(),
    frameworks: [...frameworks].sort(),
    testRunners: [...runners].sort(),
    ci: paths.filter((p) => CI_FILE.test(p)),
    manifests: found,
    dependencies: [...deps].sort(),
    ...(goModule ? { goModule } : {}),
  };
}

function languagesByBytes(files: readonly RepoFile[]): StackInfo['languages'] {
  const bytes = new Map<string, number>();
  for (const f of files) {
    const lang = languageOf(f.path);
    if (lang && !NON_CODE.has(lang)) bytes.set(lang, (bytes.get(lang) ?? 0) + f.size);
  }
  const total = [...bytes.values()].reduce((a, b) => a + b, 0) || 1;
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => ({ name, bytes: n, share: Math.round((n / total) * 1000) / 1000 }));
}
