import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectTestPaths, isTestPath } from '../../../src/discovery/detect-test-paths.js';

describe('detectTestPaths', () => {
  it('returns the test directories and file names a TypeScript repository uses', () => {
    const files = [
      'package.json',
      'src/index.ts',
      'src/parse.ts',
      'src/__tests__/parse.test.ts',
      'src/__tests__/__snapshots__/parse.test.ts.snap',
      'test/unit/index.test.ts',
      'test/fixtures/sample.json',
    ];
    expect(detectTestPaths(files)).toEqual([
      'test/**',
      '**/__tests__/**',
      '**/__snapshots__/**',
      '**/*.test.*',
    ]);
  });

  it('returns the Python conventions found, conftest included', () => {
    const files = [
      'pyproject.toml',
      'src/pkg/core.py',
      'src/pkg/contest.py',
      'tests/conftest.py',
      'tests/test_core.py',
      'tests/data/input.csv',
      'src/pkg/core_test.py',
    ];
    expect(detectTestPaths(files)).toEqual(['tests/**', '**/test_*.py', '**/*_test.py', '**/conftest.py']);
  });

  it('returns Maven test roots at the top and in modules, and Java test names', () => {
    const files = [
      'pom.xml',
      'src/main/java/com/acme/App.java',
      'src/test/java/com/acme/AppTest.java',
      'src/test/resources/app.properties',
      'service/pom.xml',
      'service/src/test/java/com/acme/ServiceTests.java',
    ];
    expect(detectTestPaths(files)).toEqual([
      'src/test/**',
      'service/src/test/**',
      '**/*Test.java',
      '**/*Tests.java',
    ]);
  });

  it('returns Go test files and testdata', () => {
    const files = ['go.mod', 'main.go', 'parse/parse.go', 'parse/parse_test.go', 'parse/testdata/in.txt'];
    expect(detectTestPaths(files)).toEqual(['**/testdata/**', '**/*_test.go']);
  });

  it('returns rspec specs', () => {
    expect(detectTestPaths(['Gemfile', 'lib/app.rb', 'spec/app_spec.rb', 'spec/spec_helper.rb'])).toEqual([
      'spec/**',
      '**/*_spec.rb',
    ]);
  });

  it("takes a monorepo package's test directory, by its manifest or by its test files", () => {
    const files = [
      'package.json',
      'packages/core/package.json',
      'packages/core/test/helpers.js',
      'packages/cli/lib/test/run.test.js',
    ];
    expect(detectTestPaths(files)).toEqual([
      'packages/core/test/**',
      'packages/cli/lib/test/**',
      '**/*.test.*',
    ]);
  });

  it('leaves out a nested test directory that is source (a `test` command)', () => {
    const files = ['package.json', 'src/commands/test/index.ts', 'src/commands/run.ts', 'test/run.test.ts'];
    const globs = detectTestPaths(files);
    expect(globs).toEqual(['test/**', '**/*.test.*']);
    expect(isTestPath('src/commands/test/index.ts', globs)).toBe(false);
  });

  it('takes `testing/` only when it holds test files', () => {
    expect(detectTestPaths(['go.mod', 'testing/helpers.go', 'x.go'])).toEqual(['**/*_test.go']);
    expect(detectTestPaths(['setup.py', 'testing/test_api.py', 'src/api.py'])).toEqual([
      'testing/**',
      '**/test_*.py',
    ]);
  });

  it('does not mistake look-alike names for tests', () => {
    const files = ['package.json', 'latest/index.js', 'contest.py', 'src/attestation.ts', 'Contest.java'];
    const globs = detectTestPaths(files);
    for (const file of files) expect(isTestPath(file, globs)).toBe(false);
  });

  it('ignores test files in vendored folders', () => {
    const files = ['go.mod', 'main.go', 'vendor/github.com/x/y/y_test.go', 'node_modules/z/z.test.js'];
    expect(detectTestPaths(files)).toEqual(['**/*_test.go']);
  });

  it('leaves out a nested directory inside a test root the outer glob already covers', () => {
    const files = ['package.json', 'test/fixtures/app/package.json', 'test/fixtures/app/test/a.js'];
    expect(detectTestPaths(files)).toEqual(['test/**']);
  });

  it('escapes glob characters in directory names so they match only themselves', () => {
    const files = ['packages/[legacy]/package.json', 'packages/[legacy]/test/a.js', 'packages/l/test/b.js'];
    const globs = detectTestPaths(files);
    expect(globs).toEqual(['packages/\\[legacy\\]/test/**']);
    expect(isTestPath('packages/[legacy]/test/a.js', globs)).toBe(true);
    expect(isTestPath('packages/l/test/b.js', globs)).toBe(false);
  });

  it('leaves out a directory whose name cannot be written as a glob, keeping its test-named files', () => {
    const globs = detectTestPaths(['a|b/package.json', 'a|b/test/helper.js', 'a|b/test/x.test.js']);
    expect(globs).toEqual(['**/*.test.*']);
    expect(isTestPath('b/test/helper.js', globs)).toBe(false);
  });

  it.each([
    [
      ['package.json', 'index.js'],
      ['test/**', '**/*.test.*'],
    ],
    [
      ['pyproject.toml', 'pkg/__init__.py'],
      ['tests/**', '**/test_*.py'],
    ],
    [['go.mod', 'main.go'], ['**/*_test.go']],
    [['Cargo.toml', 'src/lib.rs'], ['tests/**']],
    [['build.gradle.kts', 'src/main/kotlin/App.kt'], ['src/test/**']],
    [
      ['Gemfile', 'lib/a.rb'],
      ['spec/**', '**/*_spec.rb'],
    ],
    [['README.md'], ['test/**', 'tests/**']],
    [[], ['test/**', 'tests/**']],
  ])('defaults by language when there are no tests yet: %j', (files, expected) => {
    expect(detectTestPaths(files)).toEqual(expected);
  });

  it('defaults for every language present, without duplicates', () => {
    expect(detectTestPaths(['package.json', 'Cargo.toml', 'src/lib.rs', 'src/index.ts'])).toEqual([
      'test/**',
      '**/*.test.*',
      'tests/**',
    ]);
  });

  it('returns globs that each match a tracked file, in the same order whatever the listing order', () => {
    const segment = fc.constantFrom(
      'src',
      'test',
      'tests',
      'spec',
      'lib',
      'testing',
      '__tests__',
      'a',
      'pkg',
    );
    const name = fc.constantFrom(
      'a.ts',
      'a.test.ts',
      'b.spec.js',
      'test_x.py',
      'x_test.go',
      'conftest.py',
      'FooTest.java',
      'package.json',
      'c.py',
    );
    const path = fc
      .tuple(fc.array(segment, { maxLength: 3 }), name)
      .map(([dirs, n]) => [...dirs, n].join('/'));
    fc.assert(
      fc.property(fc.uniqueArray(path, { minLength: 1, maxLength: 20 }), (files) => {
        const globs = detectTestPaths(files);
        expect(new Set(globs).size).toBe(globs.length);
        expect(detectTestPaths([...files].reverse())).toEqual(globs);
        const hasTests = files.some((f) => isTestPath(f, globs));
        if (hasTests) for (const glob of globs) expect(files.some((f) => isTestPath(f, [glob]))).toBe(true);
      }),
    );
  });
});

describe('isTestPath', () => {
  it('matches directory globs at any depth under them, and the directory itself', () => {
    expect(isTestPath('test/unit/a.ts', ['test/**'])).toBe(true);
    expect(isTestPath('test', ['test/**'])).toBe(true);
    expect(isTestPath('src/a/__tests__/b.js', ['**/__tests__/**'])).toBe(true);
    expect(isTestPath('__tests__/b.js', ['**/__tests__/**'])).toBe(true);
  });

  it('matches dotfiles inside test directories', () => {
    expect(isTestPath('test/.eslintrc.json', ['test/**'])).toBe(true);
  });

  it('does not match a directory that only ends like one', () => {
    expect(isTestPath('latest/a.ts', ['test/**', 'tests/**'])).toBe(false);
    expect(isTestPath('src/test.ts', ['test/**'])).toBe(false);
  });

  it('matches nothing with no globs', () => {
    expect(isTestPath('test/a.ts', [])).toBe(false);
  });
});
