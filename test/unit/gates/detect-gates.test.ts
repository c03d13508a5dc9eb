import { describe, expect, it } from 'vitest';
import { type ValidationConfig, validationSchema } from '../../../src/core/config/config-schema.js';
import { detectGates } from '../../../src/discovery/detect-gates.js';
import { memoryRepository } from '../../support/memory-repository.js';

const ALL_GATES = { quality_gates: ['test', 'lint', 'typecheck', 'build', 'security'] };
const validation = (input: Record<string, unknown> = ALL_GATES): ValidationConfig =>
  validationSchema.parse(input);

const pkg = (fields: Record<string, unknown>) => JSON.stringify(fields);
const SCRIPTS = { test: 'vitest run', lint: 'biome check .', typecheck: 'tsc --noEmit', build: 'tsup' };

async function detect(files: Record<string, string>, config = validation()) {
  return (await detectGates(memoryRepository(files), config)).map((g) => [
    g.name,
    g.argv.join(' '),
    g.source,
  ]);
}

describe('detectGates', () => {
  it.each([
    [
      'npm',
      { 'package-lock.json': '{}' },
      ['npm test', 'npm run lint', 'npm run typecheck', 'npm run build'],
    ],
    [
      'pnpm',
      { 'pnpm-lock.yaml': '' },
      ['pnpm run test', 'pnpm run lint', 'pnpm run typecheck', 'pnpm run build'],
    ],
    ['yarn', { 'yarn.lock': '' }, ['yarn run test', 'yarn run lint', 'yarn run typecheck', 'yarn run build']],
    ['bun', { 'bun.lock': '' }, ['bun run test', 'bun run lint', 'bun run typecheck', 'bun run build']],
  ])('runs package.json scripts through %s, found by its lock file', async (_pm, lock, commands) => {
    const gates = await detect({ 'package.json': pkg({ scripts: SCRIPTS }), ...lock });
    expect(gates.map(([, argv]) => argv)).toEqual(commands);
    expect(gates[0]?.[2]).toBe('package.json script "test"');
  });

  it('takes the package manager from the packageManager field over a lock file', async () => {
    const gates = await detect({
      'package.json': pkg({ packageManager: 'pnpm@9.1.0', scripts: { test: 'vitest' } }),
      'package-lock.json': '{}',
    });
    expect(gates).toEqual([['test', 'pnpm run test', 'package.json script "test"']]);
  });

  it.each([
    'type-check',
    'tsc',
    'check-types',
  ])('accepts a "%s" script as the typecheck gate', async (script) => {
    const gates = await detect({ 'package.json': pkg({ scripts: { [script]: 'tsc -p .' } }) });
    expect(gates).toEqual([['typecheck', `npm run ${script}`, `package.json script "${script}"`]]);
  });

  it('runs tsc itself when TypeScript is installed and no script typechecks', async () => {
    const files = { 'package.json': pkg({ devDependencies: { typescript: '5' } }), 'tsconfig.json': '{}' };
    expect(await detect(files)).toEqual([['typecheck', 'npx tsc --noEmit', 'detected typescript']]);
    expect(await detect({ ...files, 'pnpm-lock.yaml': '' })).toEqual([
      ['typecheck', 'pnpm exec tsc --noEmit', 'detected typescript'],
    ]);
    expect(await detect({ 'tsconfig.json': '{}', 'package.json': pkg({}) })).toEqual([]);
  });

  it("ignores npm init's placeholder test script, which always fails", async () => {
    const placeholder = 'echo "Error: no test specified" && exit 1';
    expect(await detect({ 'package.json': pkg({ scripts: { test: placeholder } }) })).toEqual([]);
  });

  it('detects pytest, ruff and mypy for a Python project', async () => {
    const gates = await detect({
      'pyproject.toml':
        '[project]\nname = "app"\n\n[tool.pytest.ini_options]\naddopts = "-q"\n\n[tool.ruff]\nline-length = 100\n\n[tool.mypy]\nstrict = true\n',
      'app/main.py': '',
    });
    expect(gates).toEqual([
      ['test', 'python -m pytest -q', 'detected pytest'],
      ['lint', 'python -m ruff check .', 'detected ruff'],
      ['typecheck', 'python -m mypy .', 'detected mypy'],
    ]);
  });

  it.each([
    ['pytest.ini', { 'pytest.ini': '[pytest]\n' }],
    ['a conftest.py', { 'tests/conftest.py': '' }],
    ['test files under tests/', { 'tests/unit/test_cart.py': '' }],
    ['pytest in requirements', { 'requirements-dev.txt': 'pytest==8.0\n' }],
  ])('detects pytest from %s', async (_why, files) => {
    expect(await detect(files)).toEqual([['test', 'python -m pytest -q', 'detected pytest']]);
  });

  it('does not take a JavaScript tests/ folder for pytest, nor vendored Python', async () => {
    expect(await detect({ 'tests/cart.test.js': '', 'node_modules/x/conftest.py': '' })).toEqual([]);
  });

  it('detects flake8 from setup.cfg', async () => {
    expect(await detect({ 'setup.cfg': '[flake8]\nmax-line-length = 100\n' })).toEqual([
      ['lint', 'python -m flake8', 'detected flake8'],
    ]);
  });

  it('detects go test, go vet and go build for a Go module', async () => {
    expect(await detect({ 'go.mod': 'module example.com/app\n', 'main.go': '' })).toEqual([
      ['test', 'go test ./...', 'detected go'],
      ['lint', 'go vet ./...', 'detected go'],
      ['build', 'go build ./...', 'detected go'],
    ]);
  });

  it('detects cargo test, clippy and build for a Rust crate', async () => {
    expect(await detect({ 'Cargo.toml': '[package]\nname = "x"\n' })).toEqual([
      ['test', 'cargo test', 'detected cargo'],
      ['lint', 'cargo clippy -- -D warnings', 'detected cargo'],
      ['build', 'cargo build', 'detected cargo'],
    ]);
  });

  it("prefers the Makefile's targets over the language's standard tools", async () => {
    const makefile = [
      'GO ?= go',
      'FLAGS := -race',
      '.PHONY: test lint typecheck build',
      'test lint: deps',
      '\t$(GO) test $(FLAGS) ./...',
      'typecheck:',
      '\ttrue',
      'build::',
      '\t$(GO) build ./...',
    ].join('\n');
    expect(await detect({ Makefile: makefile, 'go.mod': 'module x\n' })).toEqual([
      ['test', 'make test', 'Makefile target test'],
      ['lint', 'make lint', 'Makefile target lint'],
      ['typecheck', 'make typecheck', 'Makefile target typecheck'],
      ['build', 'make build', 'Makefile target build'],
    ]);
  });

  it('uses `make check` for the tests when there is no test target', async () => {
    expect(await detect({ Makefile: 'check:\n\t./run-tests\n' })).toEqual([
      ['test', 'make check', 'Makefile target check'],
    ]);
  });

  it('prefers package.json scripts over Makefile targets', async () => {
    const gates = await detect({
      'package.json': pkg({ scripts: { test: 'jest' } }),
      Makefile: 'test:\n\tnpm test\n',
    });
    expect(gates).toEqual([['test', 'npm test', 'package.json script "test"']]);
  });

  it('lets validation.commands win per gate and detects the rest', async () => {
    const config = validation({
      ...ALL_GATES,
      commands: { test: 'npm run test:ci', security: ['npm', 'audit', '--omit=dev'] },
    });
    const gates = await detect({ 'package.json': pkg({ scripts: SCRIPTS }) }, config);
    expect(gates).toEqual([
      ['test', 'npm run test:ci', 'config'],
      ['lint', 'npm run lint', 'package.json script "lint"'],
      ['typecheck', 'npm run typecheck', 'package.json script "typecheck"'],
      ['build', 'npm run build', 'package.json script "build"'],
      ['security', 'npm audit --omit=dev', 'config'],
    ]);
  });

  it('returns only the gates in quality_gates, plus test when run_tests is on, in a stable order', async () => {
    const files = { 'package.json': pkg({ scripts: SCRIPTS }) };
    const names = async (input: Record<string, unknown>) =>
      (await detect(files, validation(input))).map(([n]) => n);
    expect(await names({ quality_gates: ['build', 'lint'], run_tests: true })).toEqual([
      'test',
      'lint',
      'build',
    ]);
    expect(await names({ quality_gates: ['build', 'lint'], run_tests: false })).toEqual(['lint', 'build']);
    expect(await names({ quality_gates: ['typecheck', 'test'], run_tests: false })).toEqual([
      'test',
      'typecheck',
    ]);
    expect(await names({})).toEqual(['test', 'lint', 'typecheck']);
  });

  it('ignores a configured command for a gate that is not wanted', async () => {
    const config = validation({ quality_gates: ['lint'], run_tests: false, commands: { build: 'make' } });
    expect(await detect({}, config)).toEqual([]);
  });

  it('survives an unparseable package.json', async () => {
    expect(await detect({ 'package.json': '{ not json', 'go.mod': 'module x\n' })).toEqual([
      ['test', 'go test ./...', 'detected go'],
      ['lint', 'go vet ./...', 'detected go'],
      ['build', 'go build ./...', 'detected go'],
    ]);
  });
});
