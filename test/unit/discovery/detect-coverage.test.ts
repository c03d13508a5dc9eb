import { describe, expect, it } from 'vitest';
import { detectCoverageCommand } from '../../../src/discovery/detect-coverage.js';

const pkg = (fields: Record<string, unknown>) => JSON.stringify(fields);

describe('detectCoverageCommand', () => {
  it.each([
    ['coverage', { coverage: 'vitest run --coverage', 'test:coverage': 'x' }],
    ['test:coverage', { test: 'jest', 'test:coverage': 'jest --coverage' }],
    ['test:cov', { 'test:cov': 'c8 node --test' }],
    ['cov', { cov: 'nyc mocha' }],
  ])('runs the package.json script "%s" with npm', (script, scripts) => {
    expect(detectCoverageCommand({ packageJson: pkg({ scripts }) })).toEqual({
      argv: ['npm', 'run', script],
      source: `package.json script "${script}"`,
    });
  });

  it('runs the script with the package manager package.json declares', () => {
    const packageJson = pkg({ packageManager: 'pnpm@9.1.0', scripts: { coverage: 'vitest --coverage' } });
    expect(detectCoverageCommand({ packageJson })?.argv).toEqual(['pnpm', 'run', 'coverage']);
  });

  it('falls back to npm for a packageManager it does not know', () => {
    const packageJson = pkg({ packageManager: 'deno@2.0.0', scripts: { coverage: 'c8 node --test' } });
    expect(detectCoverageCommand({ packageJson })?.argv).toEqual(['npm', 'run', 'coverage']);
  });

  it('prefers a package.json script over a Makefile target', () => {
    const found = detectCoverageCommand({
      packageJson: pkg({ scripts: { 'test:coverage': 'jest --coverage' } }),
      makefile: 'coverage:\n\tgo test -cover ./...\n',
    });
    expect(found?.source).toBe('package.json script "test:coverage"');
  });

  it('ignores scripts with other names and empty scripts', () => {
    const packageJson = pkg({ scripts: { test: 'vitest', coverage: '  ', 'coverage:html': 'x' } });
    expect(detectCoverageCommand({ packageJson })).toBeUndefined();
  });

  it('ignores an unreadable package.json and looks further', () => {
    expect(detectCoverageCommand({ packageJson: '{ nope', makefile: 'coverage:\n\tpytest --cov\n' })).toEqual(
      {
        argv: ['make', 'coverage'],
        source: 'Makefile target coverage',
      },
    );
  });

  it.each([
    ['a target of its own', '.PHONY: test coverage\n\ncoverage: build\n\tgo test -cover ./...\n'],
    ['one of several targets on a rule', 'test coverage:\n\tgo test -cover ./...\n'],
    ['a double-colon rule', 'coverage::\n\tgo test -cover ./...\n'],
  ])('runs the Makefile target coverage when it is %s', (_name, makefile) => {
    expect(detectCoverageCommand({ makefile })?.argv).toEqual(['make', 'coverage']);
  });

  it.each([
    ['a variable', 'coverage := 80\ncoverage_min = 70\n'],
    ['a longer target name', 'coverage-html:\n\tcoverage html\n'],
    ['a recipe line', 'test:\n\tcoverage: run\n'],
    ['only a .PHONY entry', '.PHONY: coverage\n'],
  ])('does not take %s for the coverage target', (_name, makefile) => {
    expect(detectCoverageCommand({ makefile })).toBeUndefined();
  });

  it('runs pytest with --cov when pyproject depends on pytest-cov', () => {
    const pyproject =
      '[project]\nname = "x"\n\n[project.optional-dependencies]\ntest = ["pytest>=8", "pytest-cov>=5"]\n';
    expect(detectCoverageCommand({ pyproject })).toEqual({
      argv: ['python', '-m', 'pytest', '--cov', '--cov-report=term'],
      source: 'pyproject.toml dependency pytest-cov',
    });
  });

  it('finds pytest-cov in a Poetry dependency group', () => {
    const pyproject = '[tool.poetry.group.dev.dependencies]\npytest = "^8"\npytest-cov = "^5"\n';
    expect(detectCoverageCommand({ pyproject })?.argv).toContain('--cov');
  });

  it.each([
    ['a string', '[tool.pytest.ini_options]\naddopts = "-q --cov=mypkg --cov-report=xml"\n'],
    [
      'an array',
      '[tool.pytest.ini_options]\naddopts = [\n  "-q",\n  "--cov=mypkg",\n]\ntestpaths = ["tests"]\n',
    ],
    ['a bare --cov', "[tool.pytest.ini_options]\naddopts = '--cov'\n"],
  ])('keeps the addopts coverage sources when addopts enables --cov as %s', (_name, pyproject) => {
    expect(detectCoverageCommand({ pyproject })).toEqual({
      argv: ['python', '-m', 'pytest', '--cov-report=term'],
      source: 'pyproject.toml pytest addopts --cov',
    });
  });

  it.each([
    [
      'pytest without pytest-cov',
      '[project]\ndependencies = ["pytest"]\n[tool.pytest.ini_options]\naddopts = "-q"\n',
    ],
    ['only --cov-report in addopts', '[tool.pytest.ini_options]\naddopts = "--cov-report=term-missing"\n'],
    ['--cov outside the pytest section', '[tool.other]\naddopts = "--cov=x"\n'],
    ['a package whose name only starts like it', '[project]\ndependencies = ["pytest-covfefe"]\n'],
  ])('finds no pytest coverage with %s', (_name, pyproject) => {
    expect(detectCoverageCommand({ pyproject })).toBeUndefined();
  });

  it('returns undefined when nothing is given', () => {
    expect(detectCoverageCommand({})).toBeUndefined();
  });
});
