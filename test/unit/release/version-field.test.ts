import { describe, expect, it } from 'vitest';
import { readVersionField } from '../../../src/core/release/version-field.js';

describe('readVersionField', () => {
  it.each([
    ['package.json', '{ "name": "a", "version": "1.2.0" }', '1.2.0'],
    ['package.json', '{ "name": "a", "private": true }', undefined],
    ['package.json', '{ "version": 1 }', undefined],
    ['package.json', 'not json', undefined],
    ['package-lock.json', '{ "version": "1.2.0", "packages": { "": { "version": "1.2.0" } } }', '1.2.0'],
    ['package-lock.json', '{ "version": "1.3.0", "packages": { "": { "version": "1.2.0" } } }', undefined],
    ['pyproject.toml', '[project]\nname = "x"\nversion = "0.9.0"  # here\n', '0.9.0'],
    [
      'pyproject.toml',
      '[project]\nname = "x"\ndynamic = ["version"]\n\n[tool.poetry]\nversion = "2.0.1"\n',
      '2.0.1',
    ],
    ['pyproject.toml', '[tool.commitizen]\nversion = "9.9.9"\n\n[project]\nversion = "1.0.0"\n', '1.0.0'],
    [
      'Cargo.toml',
      '[package]\nname = "x"\nversion = \'0.3.2\'\n\n[dependencies]\nserde = { version = "1" }\n',
      '0.3.2',
    ],
    ['Cargo.toml', '[package]\nname = "x"\nversion.workspace = true\n', undefined],
    ['Cargo.toml', '[workspace.package]\nversion = "4.0.0"\n', '4.0.0'],
    ['version.txt', '1.4.0\n', '1.4.0'],
  ] as const)('reads %s %j as %j', (format, text, version) => {
    expect(readVersionField(format, text)).toBe(version);
  });
});
